import { useEffect, useRef, useState } from 'react';
import { api, errorMessage } from '../../app/api';
import { useGit } from '../../stores/git';
import { getDoc, uriFor } from '../editor/documents';
import { monaco } from '../editor/monaco';

/** A file against HEAD in Monaco's diff editor; the right side is the open buffer when there is one. */
export function DiffView(props: { path: string }) {
  const host = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<string | null>(null);
  const status = useGit((s) => s.status);
  const change = status?.changes.find((c) => c.path === props.path);
  const origPath = change?.origPath ?? props.path;
  // re-read HEAD when the file's git state changes (staged, committed), not on every refresh
  const changeKey = change ? `${change.index}${change.worktree}` : 'clean';

  useEffect(() => {
    let disposed = false;
    const disposables: { dispose(): void }[] = [];
    void (async () => {
      try {
        const [head, current] = await Promise.all([
          api().call('git.show', { path: origPath }),
          getDoc(props.path) ? Promise.resolve(null) : api().call('files.read', { path: props.path }).catch(() => null),
        ]);
        if (disposed || !host.current) return;
        const language = monaco.editor.getModel(uriFor(props.path))?.getLanguageId();
        const original = monaco.editor.createModel(head.content ?? '', language, monaco.Uri.from({ scheme: 'git', path: '/' + origPath, query: 'HEAD' }));
        disposables.push(original);
        let modified = getDoc(props.path)?.model;
        if (!modified) {
          const text = current && current.kind === 'text' ? current.content : '';
          modified = monaco.editor.createModel(text, undefined, monaco.Uri.from({ scheme: 'diff-working', path: '/' + props.path }));
          disposables.push(modified);
        }
        const diff = monaco.editor.createDiffEditor(host.current, { automaticLayout: true, readOnly: !getDoc(props.path), renderSideBySide: true });
        diff.setModel({ original, modified });
        disposables.unshift(diff);
      } catch (err) {
        setError(errorMessage(err));
      }
    })();
    return () => {
      disposed = true;
      disposables.forEach((d) => d.dispose());
    };
  }, [props.path, origPath, changeKey]);

  return (
    <div className="compare">
      <div className="compare-header">
        <span>
          {origPath !== props.path ? `${origPath} → ` : ''}
          <strong>{props.path}</strong> (HEAD ↔ working tree)
        </span>
      </div>
      {error ? <div className="file-message">{error}</div> : <div className="monaco-host" ref={host} data-testid="git-diff" />}
    </div>
  );
}
