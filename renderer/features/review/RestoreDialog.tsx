import { useEffect, useRef, useState } from 'react';
import type { CheckpointInfo } from '../../../shared/ipc/contract';
import { api, errorMessage } from '../../app/api';
import { useReview } from '../../stores/review';
import { monaco } from '../editor/monaco';
import { refreshCheckpoints } from './review';

type Item = { path: string; action: 'restore' | 'recreate' | 'delete' | 'unrestorable' };

const ACTION: Record<Item['action'], string> = {
  restore: 'restored to the checkpoint',
  recreate: 'brought back (deleted since)',
  delete: 'deleted (created by the agent since)',
  unrestorable: 'cannot be restored (too large to keep)',
};

/** Now ↔ after the restore, for one file. */
function FileDiff(props: { id: string; path: string }) {
  const host = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let disposed = false;
    const disposables: { dispose(): void }[] = [];
    void api()
      .call('checkpoints.content', { id: props.id, path: props.path })
      .then(({ checkpoint, current }) => {
        if (disposed || !host.current) return;
        const uri = (scheme: string) => monaco.Uri.from({ scheme, path: '/' + props.path });
        const original = monaco.editor.createModel(current ?? '', undefined, uri('restore-now'));
        const modified = monaco.editor.createModel(checkpoint ?? '', undefined, uri('restore-after'));
        const diff = monaco.editor.createDiffEditor(host.current, { automaticLayout: true, readOnly: true, originalEditable: false });
        diff.setModel({ original, modified });
        disposables.push(diff, original, modified);
      })
      .catch((err: unknown) => !disposed && setError(errorMessage(err)));
    return () => {
      disposed = true;
      disposables.forEach((d) => d.dispose());
    };
  }, [props.id, props.path]);
  return error ? <div className="file-message">{error}</div> : <div className="monaco-host restore-diff" ref={host} data-testid="restore-diff" />;
}

/** Restoring a checkpoint: what will change, file by file with its diff, then Restore; the result can be undone. */
export function RestoreDialog(props: { checkpoint: CheckpointInfo }) {
  const { checkpoint } = props;
  const [items, setItems] = useState<Item[] | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<{ undo: CheckpointInfo; restored: number } | null>(null);
  const [busy, setBusy] = useState(false);
  const close = () => useReview.getState().setRestoring(null);

  useEffect(() => {
    void api()
      .call('checkpoints.preview', { id: checkpoint.id })
      .then(({ items }) => {
        setItems(items);
        setSelected(items.find((i) => i.action !== 'unrestorable')?.path ?? null);
      })
      .catch((err: unknown) => setError(errorMessage(err)));
  }, [checkpoint.id]);

  const restore = async (id: string) => {
    setBusy(true);
    try {
      setDone(await api().call('checkpoints.restore', { id }));
      await refreshCheckpoints();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && close()}>
      <div className="modal restore-dialog" role="dialog" aria-modal="true" aria-label="Restore checkpoint" onKeyDown={(e) => e.key === 'Escape' && close()}>
        <h2 className="modal-title">Restore “{checkpoint.label}”</h2>
        {error && (
          <div className="conflict-bar" role="alert">
            {error}
          </div>
        )}
        {done ? (
          <div className="restore-done" role="status">
            <p>
              Restored {done.restored} file{done.restored === 1 ? '' : 's'}. A checkpoint of how things were just before is kept, so this can be undone.
            </p>
            <div className="modal-buttons">
              <button
                disabled={busy}
                onClick={() => {
                  setDone(null);
                  void restore(done.undo.id).then(() => close());
                }}
              >
                Undo Restore
              </button>
              <button className="primary" onClick={close}>
                Close
              </button>
            </div>
          </div>
        ) : items === null ? (
          <p className="muted">Comparing the workspace with the checkpoint…</p>
        ) : items.length === 0 ? (
          <>
            <p>The workspace already matches this checkpoint.</p>
            <div className="modal-buttons">
              <button className="primary" onClick={close}>
                Close
              </button>
            </div>
          </>
        ) : (
          <>
            <p className="muted small">
              Files created since that no agent request made are left alone. Left: now · right: after restoring.
            </p>
            <div className="restore-body">
              <div className="restore-list" role="list" aria-label="Files the restore changes">
                {items.map((i) => (
                  <div
                    key={i.path}
                    role="listitem"
                    className={`tree-row${selected === i.path ? ' selected' : ''}`}
                    data-path={i.path}
                    onClick={() => i.action !== 'unrestorable' && setSelected(i.path)}
                  >
                    <span className="tree-label">{i.path}</span>
                    <span className="muted small">{ACTION[i.action]}</span>
                  </div>
                ))}
              </div>
              {selected && <FileDiff key={selected} id={checkpoint.id} path={selected} />}
            </div>
            <div className="modal-buttons">
              <button className="danger" disabled={busy} onClick={() => void restore(checkpoint.id)}>
                Restore {items.filter((i) => i.action !== 'unrestorable').length} Files
              </button>
              <button onClick={close}>Cancel</button>
            </div>
          </>
        )}
      </div>
    </div>
  );
}
