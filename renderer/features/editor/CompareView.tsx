import { useEffect, useRef } from 'react';
import { useEditors } from '../../stores/editors';
import { getDoc, theirsText } from './documents';
import { monaco } from './monaco';

/** Disk version (left, read-only) against the buffer (right, editable) for a conflicted file. */
export function CompareView(props: { path: string }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const doc = getDoc(props.path);
    if (!host.current || !doc) return;
    const original = monaco.editor.createModel(theirsText(props.path) ?? '', doc.model.getLanguageId());
    const diff = monaco.editor.createDiffEditor(host.current, { automaticLayout: true, readOnly: false, originalEditable: false });
    diff.setModel({ original, modified: doc.model });
    return () => {
      diff.dispose();
      original.dispose();
    };
  }, [props.path]);
  return (
    <div className="compare">
      <div className="compare-header">
        <span>
          On disk ↔ Yours: <strong>{props.path}</strong>
        </span>
        <button onClick={() => useEditors.getState().setComparing(null)}>Close Compare</button>
      </div>
      <div className="monaco-host" ref={host} data-testid="compare" />
    </div>
  );
}
