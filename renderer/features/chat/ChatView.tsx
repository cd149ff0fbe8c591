import { memo, useEffect, useRef, useState } from 'react';
import { api, errorMessage } from '../../app/api';
import { RenameInput } from '../../components/RenameInput';
import { useChat, type ChatItem, type ChatPart, type UsageView } from '../../stores/chat';
import { notifyError, useWorkbench } from '../../stores/workbench';
import { insertAtCursor, openFile } from '../editor';
import { Composer, type PastedImage } from './Composer';
import { Markdown } from './Markdown';
import { ModeSwitch } from '../review';
import { useReview } from '../../stores/review';
import { newSession, openSession, refreshSessions, refreshStatus, send, stop } from './chat';

const k = (n: number) => (n >= 1000 ? `${(n / 1000).toFixed(1)}k` : String(n));
const money = (c: number | null) => (c === null ? 'price unknown' : `$${c.toFixed(c < 0.01 ? 4 : 2)}`);

function usageLine(u: UsageView | null) {
  if (!u) return '';
  return `in ${k(u.inputTokens)} · out ${k(u.outputTokens)} · cached ${k(u.cacheReadTokens)} · ${money(u.cost)}`;
}

function ToolCard(props: { part: Extract<ChatPart, { kind: 'tool' }> }) {
  const { part } = props;
  const state = !part.result ? 'running' : part.result.isError ? 'failed' : 'done';
  const summary = typeof part.input === 'object' && part.input ? ((part.input as Record<string, unknown>).path ?? (part.input as Record<string, unknown>).command ?? (part.input as Record<string, unknown>).pattern ?? '') : '';
  return (
    <details className={`tool-card ${state}`} data-testid="tool-card">
      <summary>
        <span className="tool-name">{part.name}</span> <span className="muted">{String(summary)}</span> <span className={`tool-state ${state}`}>{state === 'running' ? '…' : state === 'failed' ? '✗' : '✓'}</span>
      </summary>
      <div className="tool-body">
        <div className="muted small">Input</div>
        <pre>{JSON.stringify(part.input, null, 2)}</pre>
        {part.result && (
          <>
            <div className="muted small">Result</div>
            <pre>{part.result.content}</pre>
            {part.result.changed?.map((p) => (
              <button key={p} className="link" onClick={() => void openFile(p, { focus: true })}>
                Open {p}
              </button>
            ))}
          </>
        )}
      </div>
    </details>
  );
}

const ASK: Record<Extract<ChatItem, { kind: 'approval' }>['tool'], { title: string; run: string; always: string }> = {
  shell: { title: 'Run this command?', run: 'Run', always: 'Run and Always Allow' },
  write: { title: 'Change this file?', run: 'Allow', always: 'Allow and Always Allow' },
  web: { title: 'Fetch this URL?', run: 'Fetch', always: 'Fetch and Always Allow This Site' },
  mcp: { title: 'Call this MCP tool?', run: 'Call', always: 'Call and Always Allow' },
};

/** Something the policy says to ask about: Run, Run and always allow (adds a precise workspace rule), Edit then run, or Reject. */
function ApprovalCard(props: { item: Extract<ChatItem, { kind: 'approval' }> }) {
  const { item } = props;
  const [editing, setEditing] = useState(false);
  const [command, setCommand] = useState(item.command);
  const words = ASK[item.tool];
  const answer = (approved: boolean, cmd?: string, always?: boolean) => {
    const id = useChat.getState().active;
    if (id) void api().call('agent.approve', { id, approvalId: item.id, approved, command: cmd, always }).catch((err: Error) => useWorkbench.getState().notify('error', err.message));
  };
  return (
    <div className={`approval-card ${item.state}`} role="group" aria-label="Approval needed" data-testid="approval-card">
      <div className="approval-title">{item.state === 'pending' ? words.title : item.state === 'approved' ? (item.always ? 'Allowed (and a rule was added)' : 'Allowed') : 'Not allowed'}</div>
      <div className="muted small">{item.reason}</div>
      {editing && item.state === 'pending' ? (
        <textarea aria-label="Command to run" value={command} onChange={(e) => setCommand(e.target.value)} />
      ) : (
        <pre>{item.state === 'approved' && item.ran ? item.ran : item.command}</pre>
      )}
      {item.state === 'pending' && (
        <div className="approval-actions">
          {editing ? (
            <button className="primary" onClick={() => answer(true, command)}>
              Run Edited
            </button>
          ) : (
            <>
              <button className="danger" onClick={() => answer(true)}>
                {words.run}
              </button>
              {item.canAlways && (
                <button title="Adds a rule to this workspace's permissions that allows exactly this" onClick={() => answer(true, undefined, true)}>
                  {words.always}
                </button>
              )}
              {item.tool === 'shell' && <button onClick={() => setEditing(true)}>Edit</button>}
            </>
          )}
          <button onClick={() => answer(false)}>Reject</button>
        </div>
      )}
    </div>
  );
}

const BY = { agent: 'agent', command: 'command', mcp: 'MCP tool', restore: 'restore' } as const;

/** After a request: the checkpoint taken before it and what the request changed, with Restore. */
function CheckpointCard(props: { item: Extract<ChatItem, { kind: 'checkpoint' }> }) {
  const { item } = props;
  const restore = () => {
    const known = useReview.getState().checkpoints.find((c) => c.id === item.id);
    useReview.getState().setRestoring(known ?? { id: item.id, label: item.label, createdAt: 0, files: 0, changed: item.changed });
  };
  return (
    <div className="checkpoint-card" data-testid="checkpoint-card">
      <div className="checkpoint-head">
        <span className="muted small">
          Checkpoint · {item.changed.length === 0 ? 'no files changed on disk' : `${item.changed.length} file${item.changed.length === 1 ? '' : 's'} changed on disk`}
        </span>
        <button className="link" onClick={restore}>
          Restore to before this request…
        </button>
      </div>
      {item.changed.length > 0 && (
        <ul className="checkpoint-files">
          {item.changed.map((c) => (
            <li key={c.path}>
              <button className="link" onClick={() => void openFile(c.path, { focus: true })} disabled={c.kind === 'delete'}>
                {c.path}
              </button>{' '}
              <span className="muted small">
                {c.kind === 'create' ? 'created' : c.kind === 'delete' ? 'deleted' : 'modified'} by {BY[c.by]}
              </span>
            </li>
          ))}
        </ul>
      )}
      {item.incomplete && <div className="muted small">Incomplete checkpoint: {item.incomplete}</div>}
    </div>
  );
}

/**
 * One transcript entry. Memoised: typing in the composer, or a token streaming into the last
 * answer, re-renders only the entry that changed, not the whole (possibly long) session.
 */
const Item = memo(function Item(props: { item: ChatItem }) {
  const { item } = props;
  const onCode = (code: string, action: 'copy' | 'insert') => {
    if (action === 'copy') void navigator.clipboard.writeText(code);
    else if (!insertAtCursor(code)) useWorkbench.getState().notify('info', 'Open a file in the editor to insert the code there.');
  };
  if (item.kind === 'user')
    return (
      <div className="chat-user">
        {item.text}
        {item.images ? <div className="muted small">{`+ ${item.images} image${item.images === 1 ? '' : 's'}`}</div> : null}
      </div>
    );
  if (item.kind === 'notice') return <div className="chat-notice muted small">{item.text}</div>;
  if (item.kind === 'approval') return <ApprovalCard item={item} />;
  if (item.kind === 'checkpoint') return <CheckpointCard item={item} />;
  if (item.kind === 'done') {
    if (item.reason === 'end_turn') return null;
    return (
      <div className={`chat-done ${item.reason === 'error' || item.reason === 'budget' || item.reason === 'loop' ? 'error' : ''}`} role="status">
        {item.message ?? item.reason}
      </div>
    );
  }
  return (
    <div className="chat-assistant">
      {item.parts.map((p, i) => (p.kind === 'text' ? <Markdown key={i} text={p.text} onCode={onCode} /> : <ToolCard key={p.id || i} part={p} />))}
    </div>
  );
});

/** The agent chat: sessions, streamed answers with tool cards, Stop, usage and cost. */
export function ChatView() {
  const { sessions, active, items, running, turn, session, contextPercent, status } = useChat();
  const [text, setText] = useState('');
  const [renaming, setRenaming] = useState<string | null>(null);
  const [images, setImages] = useState<PastedImage[]>([]);
  const list = useRef<HTMLDivElement>(null);
  const pendingCount = useReview((s) => s.pending.length);

  const providerSetting = useWorkbench((s) => `${s.settings?.['agent.provider']}|${s.settings?.['agent.openaiBaseUrl']}|${s.settings?.['agent.region']}`);
  useEffect(() => {
    void refreshStatus();
  }, [providerSetting]);
  useEffect(() => {
    void refreshSessions().then(() => {
      const first = useChat.getState().sessions[0];
      if (!useChat.getState().active && first) void openSession(first.id);
    });
  }, []);
  useEffect(() => {
    const el = list.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [items]);

  const submit = () => {
    const t = text.trim();
    if (!t || running) return;
    setText('');
    setImages([]);
    void send(t, images);
  };
  const exportMd = async () => {
    if (!active) return;
    const { markdown } = await api().call('agent.export', { id: active });
    await navigator.clipboard.writeText(markdown).catch(() => undefined);
    useWorkbench.getState().notify('info', 'The session was copied to the clipboard as Markdown.');
  };

  return (
    <section className="chat-view" aria-label="Chat">
      <header className="side-header">
        <span className="side-title">Chat</span>
        <span className="side-actions">
          <button title="New Session" aria-label="New Session" onClick={() => void newSession()}>
            +
          </button>
          <button title="Export as Markdown" aria-label="Export Session" disabled={!active} onClick={() => void exportMd()}>
            ⤓
          </button>
          <button
            title="Delete Session"
            aria-label="Delete Session"
            disabled={!active}
            onClick={() => active && void api().call('agent.delete', { id: active }).then(() => refreshSessions()).then(() => useChat.setState({ active: null, items: [] }))}
          >
            ×
          </button>
        </span>
      </header>
      {sessions.length > 0 && (
        <div className="chat-tabs" role="tablist" aria-label="Chat sessions">
          {sessions.map((s) =>
            renaming === s.id ? (
              <RenameInput
                key={s.id}
                label="Session name"
                value={s.title}
                onDone={(title) => {
                  setRenaming(null);
                  if (title) void api().call('agent.rename', { id: s.id, title }).then(() => refreshSessions());
                }}
              />
            ) : (
              <button
                key={s.id}
                role="tab"
                aria-selected={s.id === active}
                className={`chat-tab${s.id === active ? ' active' : ''}`}
                title={`${s.title} (double-click to rename)`}
                onClick={() => void openSession(s.id)}
                onDoubleClick={() => setRenaming(s.id)}
              >
                {s.running ? '● ' : ''}
                {s.title}
              </button>
            ),
          )}
        </div>
      )}
      <div className="chat-mode">
        <ModeSwitch />
        {pendingCount > 0 && (
          <button className="link" data-testid="pending-link" onClick={() => useWorkbench.getState().showSideView('review')}>
            {pendingCount} file{pendingCount === 1 ? '' : 's'} waiting for review
          </button>
        )}
      </div>
      {status && !status.configured && (
        <div className="chat-banner" role="alert">
          <strong>The agent is not set up.</strong> {status.problem} Everything else in Specwright keeps working.
          <button className="link" onClick={() => void refreshStatus()}>
            Check again
          </button>
        </div>
      )}
      <div className="chat-messages" ref={list} aria-live="polite">
        {items.length === 0 && <div className="muted chat-empty">Ask the agent to explain, change or build something in this workspace.</div>}
        {items.map((item, i) => (
          <Item key={i} item={item} />
        ))}
        {running && <div className="chat-working muted">Working…</div>}
      </div>
      <div className="chat-composer">
        <Composer
          value={text}
          onChange={setText}
          onSubmit={submit}
          images={images}
          onImages={setImages}
          onError={(m) => useWorkbench.getState().notify('error', m)}
        />
        <div className="chat-actions">
          {status && status.models.length > 0 && (
            <select
              aria-label="Model"
              value={status.model}
              onChange={(e) =>
                void api()
                  .call('settings.update', { patch: status.provider === 'Amazon Bedrock' ? { 'agent.model': e.target.value } : { 'agent.openaiModel': e.target.value } })
                  .then(() => refreshStatus())
                  .catch((err: unknown) => notifyError(errorMessage(err)))
              }
            >
              {!status.models.some((m) => m.id === status.model) && <option value={status.model}>{status.model}</option>}
              {status.models.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.label}
                </option>
              ))}
            </select>
          )}
          {running ? (
            <button className="danger" onClick={() => void stop()}>
              Stop
            </button>
          ) : (
            <button className="primary" disabled={!text.trim()} onClick={submit}>
              Send
            </button>
          )}
        </div>
        <div className="chat-usage muted small" data-testid="chat-usage">
          {status && (
            <div>
              {status.provider} · {status.region}
            </div>
          )}
          {turn && <div>Last turn: {usageLine(turn)}</div>}
          {session && (session.inputTokens > 0 || session.outputTokens > 0) && (
            <div>
              Session: {usageLine(session)}
              {contextPercent !== null ? ` · context ${contextPercent}%` : ''}
            </div>
          )}
        </div>
      </div>
    </section>
  );
}
