import type { HookInfo } from '../../../shared/ipc/contract';
import { useHooks } from '../../stores/hooks';
import { openFile } from '../editor';
import { runHook, setHookEnabled } from './hooks';
import { Switch } from '../../components/Switch';

/** One hook: name (opens the file), summary, switch and actions; a malformed one lists its problems. */
export function HookRow(props: { hook: HookInfo }) {
  const h = props.hook;
  const malformed = h.problems.length > 0;
  return (
    <div className={`hook-row ${malformed ? 'malformed' : ''} ${h.enabled ? '' : 'off'}`} role="listitem" data-file={h.file}>
      <div className="hook-head">
        <button className="link hook-name" title={h.file} onClick={() => void openFile(h.file, { activate: true })}>
          {h.name}
        </button>
        {malformed && (
          <span className="review-flag" title="Fix the file to use this hook; other hooks keep working">
            malformed
          </span>
        )}
        <span className="hook-actions">
          {h.trigger === 'userTriggered' && !malformed && (
            <button aria-label={`Run ${h.name}`} title="Run now" onClick={() => void runHook(h.file)}>
              Run
            </button>
          )}
          {h.hook && (
            <button aria-label={`Edit ${h.name}`} title="Edit in the form" onClick={() => useHooks.getState().edit({ file: h.file, hook: h.hook })}>
              Edit
            </button>
          )}
          <Switch
            checked={h.enabled}
            label={`Enable ${h.name}`}
            // main rewrites `enabled` in the JSON it parsed; a file it cannot parse is fixed in the editor
            disabled={malformed}
            title={malformed ? 'Fix the file first' : undefined}
            onChange={(on) => void setHookEnabled(h.file, on)}
          />
        </span>
      </div>
      {h.summary && <div className="muted small hook-summary">{h.summary}</div>}
      {malformed && (
        <div className="hook-problems" role="note" aria-label={`Problems in ${h.name}`}>
          {h.problems.map((p, i) => (
            <button key={i} className="link small" onClick={() => void openFile(h.file, { activate: true, line: p.line, column: p.column })}>
              {p.line}:{p.column} {p.message}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
