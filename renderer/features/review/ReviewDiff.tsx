import { useEffect, useRef, useState } from 'react';
import type { Contract } from '../../../shared/ipc/contract';
import type { OutputOf } from '../../../shared/ipc/define';
import { api, errorMessage } from '../../app/api';
import { askText } from '../../stores/dialogs';
import { useReview } from '../../stores/review';
import { monaco } from '../editor/monaco';
import { acceptChange, rejectChange } from './review';

type ReviewFile = OutputOf<Contract['review.file']>;

/** The bar above each hunk in the review diff: Accept, Reject, Reject with a comment. */
function hunkBar(path: string, hunk: ReviewFile['hunks'][number], index: number, total: number): HTMLElement {
  const bar = document.createElement('div');
  bar.className = 'hunk-bar';
  bar.dataset.testid = 'hunk-bar';
  const label = document.createElement('span');
  label.className = 'muted';
  label.textContent = `Change ${index + 1} of ${total} · −${hunk.oldLines} +${hunk.newLines}`;
  const button = (text: string, cls: string, run: () => void) => {
    const b = document.createElement('button');
    b.textContent = text;
    b.className = cls;
    b.addEventListener('mousedown', (e) => e.stopPropagation());
    b.addEventListener('click', (e) => {
      e.stopPropagation();
      run();
    });
    return b;
  };
  bar.append(
    label,
    button('Accept', 'primary', () => void acceptChange(path, hunk.id)),
    button('Reject', '', () => void rejectChange(path, hunk.id)),
    button('Reject with Comment…', '', () => {
      void askText('Reject with a comment', 'The agent hears which change you rejected and why, at the start of its next turn.', { label: 'Comment' }).then((comment) => {
        if (comment !== null) void rejectChange(path, hunk.id, comment);
      });
    }),
  );
  return bar;
}

/** A pending file in Monaco's diff editor (disk ↔ the agent's version) with accept/reject per hunk and per file. */
export function ReviewDiff(props: { path: string }) {
  const host = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [conflict, setConflict] = useState<string | undefined>();
  const summary = useReview((s) => s.pending.find((p) => p.path === props.path));
  // rebuild when the pending version changes (a hunk accepted or rejected, the agent edited again, the disk moved)
  const version = summary ? `${summary.added}/${summary.removed}/${summary.hunks}/${summary.conflict ?? ''}` : 'gone';

  useEffect(() => {
    let disposed = false;
    const disposables: { dispose(): void }[] = [];
    void (async () => {
      try {
        const f = await api().call('review.file', { path: props.path });
        if (disposed || !host.current) return;
        setError(null);
        setConflict(f.conflict);
        const uri = (scheme: string) => monaco.Uri.from({ scheme, path: '/' + props.path });
        const original = monaco.editor.createModel(f.original ?? '', undefined, uri('review-disk'));
        const modified = monaco.editor.createModel(f.modified ?? '', undefined, uri('review-agent'));
        disposables.push(original, modified);
        const diff = monaco.editor.createDiffEditor(host.current, { automaticLayout: true, readOnly: true, originalEditable: false, renderSideBySide: true, renderOverviewRuler: true });
        diff.setModel({ original, modified });
        disposables.push(diff);
        const editor = diff.getModifiedEditor();
        const whole = f.original === null || f.modified === null;
        if (!whole) {
          // a view zone makes room above each hunk; the bar itself is an overlay widget on top of
          // that room, because view zones sit under the text layer and never get the clicks
          const bars = f.hunks.map((h, i) => hunkBar(props.path, h, i, f.hunks.length));
          const place = () => {
            const layout = editor.getLayoutInfo();
            for (const bar of bars) {
              bar.style.left = `${layout.contentLeft}px`;
              bar.style.width = `${Math.max(0, layout.contentWidth - layout.verticalScrollbarWidth)}px`;
            }
          };
          f.hunks.forEach((h, i) => {
            const bar = bars[i];
            bar.style.position = 'absolute';
            const widget: monaco.editor.IOverlayWidget = { getId: () => `review.hunk.${i}`, getDomNode: () => bar, getPosition: () => null };
            editor.addOverlayWidget(widget);
            disposables.push({ dispose: () => editor.removeOverlayWidget(widget) });
          });
          editor.changeViewZones((acc) => {
            f.hunks.forEach((h, i) => {
              const bar = bars[i];
              acc.addZone({
                afterLineNumber: h.newLines > 0 ? h.newStart - 1 : h.newStart,
                heightInPx: 30,
                domNode: document.createElement('div'),
                onDomNodeTop: (top) => (bar.style.top = `${top}px`),
              });
            });
          });
          place();
          disposables.push(editor.onDidLayoutChange(place));
          const first = f.hunks[0];
          if (first) editor.revealLineInCenterIfOutsideViewport(Math.max(1, first.newStart));
        }
      } catch (err) {
        if (!disposed) setError(errorMessage(err));
      }
    })();
    return () => {
      disposed = true;
      // widgets and listeners first, then the editor, then its models
      [...disposables].reverse().forEach((d) => d.dispose());
    };
  }, [props.path, version]);

  const kind = summary?.kind;
  return (
    <div className="compare review-diff" data-testid="review-diff">
      <div className="compare-header">
        <span>
          <strong>{props.path}</strong> {kind === 'create' ? '(new file)' : kind === 'delete' ? '(deleted by the agent)' : ''} · on disk ↔ the agent's version
        </span>
        <span className="review-all">
          <button className="primary" onClick={() => void acceptChange(props.path)}>
            Accept File
          </button>
          <button onClick={() => void rejectChange(props.path)}>Reject File</button>
        </span>
      </div>
      {summary?.dirty && (
        <div className="conflict-bar" role="alert">
          You have unsaved edits in {props.path}. Save or revert them before accepting; the agent's version never overwrites them.
        </div>
      )}
      {conflict && (
        <div className="conflict-bar" role="alert">
          {conflict}
        </div>
      )}
      {error ? <div className="file-message">{error}</div> : <div className="monaco-host" ref={host} />}
    </div>
  );
}
