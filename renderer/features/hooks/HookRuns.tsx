import { useState } from 'react';
import type { HookRun } from '../../../shared/ipc/contract';
import { useHooks } from '../../stores/hooks';

/** Enough to see what just happened; older runs are in main's log, not worth the side bar's space. */
const MAX_RUNS = 50;

const STATE_TEXT: Record<HookRun['state'], string> = { running: 'running…', ok: 'ok', failed: 'failed', blocked: 'blocked', skipped: 'skipped' };

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function RunRow(props: { run: HookRun; open: boolean; onToggle: () => void }) {
  const { run } = props;
  return (
    <div className={`hook-run state-${run.state}`} role="listitem" data-run={run.id}>
      <button className="hook-run-head" aria-expanded={props.open} onClick={props.onToggle} title={new Date(run.startedAt).toLocaleString()}>
        <span className="twistie">{props.open ? '▾' : '▸'}</span>
        <span className="hook-run-name">{run.name}</span>
        <span className="muted small hook-run-cause">{run.cause}</span>
        <span className={`hook-badge state-${run.state}`}>{STATE_TEXT[run.state]}</span>
        {run.durationMs !== null && <span className="muted small">{seconds(run.durationMs)}</span>}
        {run.exitCode !== null && <span className="muted small">exit {run.exitCode}</span>}
      </button>
      {props.open && (
        <div className="hook-run-body">
          {run.message && <div className="hook-run-message">{run.message}</div>}
          <pre aria-label={`Output of ${run.name}`}>{run.output || (run.state === 'running' ? '' : '(no output)')}</pre>
        </div>
      )}
    </div>
  );
}

/** Recent hook runs, newest first; one expanded at a time to show its output. */
export function HookRuns() {
  const runs = useHooks((s) => s.runs);
  const [open, setOpen] = useState<string | null>(null);
  const shown = [...runs].sort((a, b) => b.startedAt - a.startedAt).slice(0, MAX_RUNS);
  return (
    <section className="hook-runs" aria-label="Runs">
      <div className="review-section-title">
        <span>Runs</span>
      </div>
      <div role="list">
        {shown.length === 0 && <div className="muted small review-empty">No hook has run yet.</div>}
        {shown.map((r) => (
          <RunRow key={r.id} run={r} open={open === r.id} onToggle={() => setOpen((o) => (o === r.id ? null : r.id))} />
        ))}
      </div>
    </section>
  );
}
