import { useEffect } from 'react';
import { useReview } from '../../stores/review';
import { acceptChange, openPermissions, openReview, refreshCheckpoints, rejectChange, setMode } from './review';

const KIND = { create: 'A', modify: 'M', delete: 'D' } as const;

/** Supervised / Autopilot, as a two-button switch. */
export function ModeSwitch() {
  const mode = useReview((s) => s.mode);
  return (
    <div className="mode-switch" role="radiogroup" aria-label="Agent mode">
      {(['supervised', 'autopilot'] as const).map((m) => (
        <button
          key={m}
          role="radio"
          aria-checked={mode === m}
          className={mode === m ? 'active' : ''}
          title={m === 'supervised' ? 'Agent edits wait for your review' : 'Agent edits land at once; every request is checkpointed'}
          onClick={() => void setMode(m)}
        >
          {m === 'supervised' ? 'Supervised' : 'Autopilot'}
        </button>
      ))}
    </div>
  );
}

const when = (t: number) => new Date(t).toLocaleString(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });

/** The pending change set (accept/reject per file or all) and the checkpoints to restore. */
export function ReviewView() {
  const pending = useReview((s) => s.pending);
  const checkpoints = useReview((s) => s.checkpoints);
  useEffect(() => {
    void refreshCheckpoints();
  }, [pending.length]);
  return (
    <section className="review-view" aria-label="Review">
      <header className="side-header">
        <span className="side-title">Review</span>
        <span className="side-actions">
          <button title="Permissions" aria-label="Permissions" onClick={() => openPermissions()}>
            ⛨
          </button>
        </span>
      </header>
      <div className="review-mode">
        <ModeSwitch />
      </div>
      <div className="review-section-title">
        <span>Pending changes ({pending.length})</span>
        {pending.length > 0 && (
          <span className="review-all">
            <button onClick={() => void acceptChange()}>Accept All</button>
            <button onClick={() => void rejectChange()}>Reject All</button>
          </span>
        )}
      </div>
      <div className="review-list" role="list" aria-label="Pending changes">
        {pending.length === 0 && <div className="muted small review-empty">Nothing waits for review. In Supervised mode the agent's edits appear here before they touch the disk.</div>}
        {pending.map((p) => (
          <div key={p.path} className="tree-row review-row" role="listitem" data-path={p.path} title={p.conflict ?? p.path} onClick={() => openReview(p.path)}>
            <span className={`scm-letter kind-${p.kind}`}>{KIND[p.kind]}</span>
            <span className="tree-label">{p.path}</span>
            <span className="muted small">
              +{p.added} −{p.removed}
            </span>
            {p.dirty && (
              <span className="review-flag" title="You have unsaved edits in this file: save or revert them before accepting">
                unsaved
              </span>
            )}
            {p.conflict && (
              <span className="review-flag" title={p.conflict}>
                conflict
              </span>
            )}
            <span className="row-actions">
              <button
                aria-label={`Accept ${p.path}`}
                title="Accept file"
                onClick={(e) => {
                  e.stopPropagation();
                  void acceptChange(p.path);
                }}
              >
                ✓
              </button>
              <button
                aria-label={`Reject ${p.path}`}
                title="Reject file"
                onClick={(e) => {
                  e.stopPropagation();
                  void rejectChange(p.path);
                }}
              >
                ✗
              </button>
            </span>
          </div>
        ))}
      </div>
      <div className="review-section-title">
        <span>Checkpoints</span>
      </div>
      <div className="review-list" role="list" aria-label="Checkpoints">
        {checkpoints.length === 0 && <div className="muted small review-empty">A checkpoint of the workspace is taken before every agent request.</div>}
        {checkpoints.slice(0, 50).map((c) => (
          <div key={c.id} className="tree-row review-row" role="listitem" title={c.incomplete ?? c.label}>
            <span className="tree-label">{c.label}</span>
            <span className="muted small">
              {when(c.createdAt)} · {c.changed.length} changed
            </span>
            <span className="row-actions visible">
              <button aria-label={`Restore ${c.label}`} onClick={() => useReview.getState().setRestoring(c)}>
                Restore…
              </button>
            </span>
          </div>
        ))}
      </div>
    </section>
  );
}
