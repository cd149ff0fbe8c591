import { useState } from 'react';
import { useHooks } from '../../stores/hooks';
import { HookForm } from './HookForm';
import { HookRow } from './HookRow';
import { HookRuns } from './HookRuns';
import { describeHook, trustHooks } from './hooks';

/** Hooks a cloned repository brings are code from someone else: nothing runs until the person says so. */
function TrustBanner(props: { count: number }) {
  const { count } = props;
  return (
    <div className="hook-trust" role="alert">
      <span>
        This workspace has {count} {count === 1 ? 'hook' : 'hooks'} that run commands or ask the agent. They do not run until you trust this folder.
      </span>
      <button className="primary" onClick={() => void trustHooks(true)}>
        Trust and Enable Hooks
      </button>
    </div>
  );
}

function DescribeHook() {
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const note = useHooks((s) => s.note);
  const submit = async () => {
    if (!text.trim() || busy) return;
    setBusy(true);
    if (await describeHook(text.trim())) setText('');
    setBusy(false);
  };
  return (
    <form
      className="hook-describe"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <textarea
        aria-label="Describe a hook"
        placeholder="Describe a hook…"
        title="In plain words, e.g. “when a .ts file is saved, run the linter”"
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void submit();
        }}
      />
      <button type="submit" disabled={!text.trim() || busy}>
        Create with Agent
      </button>
      {note && (
        <div className="hook-note" role="status">
          {note}
          <button type="button" aria-label="Dismiss" onClick={() => useHooks.getState().setNote(null)}>
            ×
          </button>
        </div>
      )}
    </form>
  );
}

/** The Hooks side view: the workspace's hooks, a form to write one, and what they did. */
export function HooksView() {
  const hooks = useHooks((s) => s.hooks);
  const trusted = useHooks((s) => s.trusted);
  const editing = useHooks((s) => s.editing);
  const openNew = () => useHooks.getState().edit({ file: null, hook: null });
  return (
    <section className="hooks-view" aria-label="Hooks">
      <header className="side-header">
        <span className="side-title">Hooks</span>
        <span className="side-actions">
          <button title="New Hook" aria-label="New Hook" onClick={openNew}>
            +
          </button>
        </span>
      </header>
      {!trusted && hooks.length > 0 && <TrustBanner count={hooks.length} />}
      {/* keyed so switching from one hook to another starts from that hook's values */}
      {editing && <HookForm key={editing.file ?? ':new'} target={editing} />}
      <div className="hook-list" role="list" aria-label="Hook list">
        {hooks.length === 0 && (
          <div className="muted small review-empty">
            No hooks yet. A hook in .kiro/hooks/ runs a command or asks the agent when files change, a prompt is sent, a tool runs or you click Run.
          </div>
        )}
        {hooks.map((h) => (
          <HookRow key={h.file} hook={h} />
        ))}
      </div>
      <DescribeHook />
      <HookRuns />
      {trusted && (
        <footer className="hook-footer muted small">
          Hooks of this folder may run.{' '}
          <button className="link small" onClick={() => void trustHooks(false)}>
            Stop trusting
          </button>
        </footer>
      )}
    </section>
  );
}
