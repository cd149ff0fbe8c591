import { useState } from 'react';
import type { SpecDetail, SpecTaskInfo } from '../../../shared/ipc/contract';
import { useSpecs } from '../../stores/specs';
import { openFile } from '../editor';
import { approveDoc, createSpec, reviseDoc, runAllTasks, selectSpec, setSpecBudget, startTask, stopSpec, type DocKind, type Workflow } from './specs';

const DOC_TITLES: Record<DocKind, string> = { requirements: 'Requirements', bugfix: 'Bugfix', design: 'Design', tasks: 'Tasks' };
const STATE_TEXT = { missing: 'not written', unreadable: 'cannot be read', generating: 'writing…', draft: 'awaiting approval', approved: 'approved', stale: 'out of date' } as const;
const WORKFLOWS: { id: Workflow; label: string; hint: string }[] = [
  { id: 'requirements-first', label: 'Requirements first', hint: 'requirements → design → tasks, each approved' },
  { id: 'design-first', label: 'Design first', hint: 'design → requirements derived from it → tasks' },
  { id: 'bugfix', label: 'Bugfix', hint: 'bugfix.md: current, expected and unchanged behaviour' },
  { id: 'quick', label: 'Quick', hint: 'all three documents in one pass, one approval' },
];
const STATUS_ICON = { todo: '○', queued: '◌', inProgress: '◐', done: '●' } as const;
const STATUS_TEXT = { todo: 'not started', queued: 'queued', inProgress: 'in progress', done: 'done' } as const;

function NewSpecForm() {
  const [idea, setIdea] = useState('');
  const [workflow, setWorkflow] = useState<Workflow>('requirements-first');
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    if (!idea.trim() || busy) return;
    setBusy(true);
    await createSpec(idea.trim(), workflow);
    setBusy(false);
  };
  return (
    <form
      className="spec-form"
      aria-label="New spec"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <textarea
        aria-label="Spec idea"
        placeholder="Describe the feature or the bug in a sentence or two"
        value={idea}
        autoFocus
        onChange={(e) => setIdea(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void submit();
          if (e.key === 'Escape') useSpecs.getState().setCreating(false);
        }}
      />
      <div className="spec-workflows" role="radiogroup" aria-label="Workflow">
        {WORKFLOWS.map((w) => (
          <label key={w.id} title={w.hint}>
            <input type="radio" name="workflow" checked={workflow === w.id} onChange={() => setWorkflow(w.id)} /> {w.label}
          </label>
        ))}
      </div>
      <div className="spec-form-actions">
        <button type="submit" className="primary" disabled={!idea.trim() || busy}>
          Create Spec
        </button>
        <button type="button" onClick={() => useSpecs.getState().setCreating(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function DocRow(props: { spec: SpecDetail; doc: SpecDetail['docs'][number]; index: number }) {
  const { spec, doc } = props;
  const [asking, setAsking] = useState(false);
  const [feedback, setFeedback] = useState('');
  const busy = spec.activity !== null;
  const earlierOpen = spec.docs.slice(0, props.index).some((d) => d.state !== 'approved');
  const canApprove = !busy && (doc.state === 'draft' || doc.state === 'stale') && (spec.workflow === 'quick' || !earlierOpen);
  return (
    <div className={`spec-doc state-${doc.state}`} data-doc={doc.kind} role="listitem" aria-label={`${DOC_TITLES[doc.kind]}: ${STATE_TEXT[doc.state]}`}>
      <div className="spec-doc-head">
        <button className="link" disabled={doc.state === 'missing'} onClick={() => void openFile(doc.path, { activate: true })}>
          {props.index + 1}. {DOC_TITLES[doc.kind]}
        </button>
        <span className={`spec-state muted small`}>{STATE_TEXT[doc.state]}</span>
      </div>
      <div className="spec-doc-actions">
        {canApprove && (
          <button className="primary" onClick={() => void approveDoc(spec.name, doc.kind)}>
            {spec.workflow === 'quick' ? 'Approve All' : 'Approve'}
          </button>
        )}
        {doc.state === 'stale' && !busy && (
          <button title="Rewrite it to agree with the documents before it" onClick={() => void reviseDoc(spec.name, doc.kind)}>
            Refresh
          </button>
        )}
        {doc.state !== 'missing' && doc.state !== 'unreadable' && doc.state !== 'generating' && !busy && (
          <button onClick={() => setAsking((v) => !v)} aria-expanded={asking}>
            {doc.state === 'approved' ? `Update ${DOC_TITLES[doc.kind].toLowerCase()}…` : 'Ask for changes…'}
          </button>
        )}
      </div>
      {asking && (
        <form
          className="spec-feedback"
          onSubmit={(e) => {
            e.preventDefault();
            setAsking(false);
            void reviseDoc(spec.name, doc.kind, feedback);
            setFeedback('');
          }}
        >
          <textarea aria-label={`Changes to ${DOC_TITLES[doc.kind]}`} placeholder="What should change?" value={feedback} onChange={(e) => setFeedback(e.target.value)} autoFocus />
          <button type="submit" className="primary" disabled={!feedback.trim()}>
            Send
          </button>
        </form>
      )}
    </div>
  );
}

function TaskRow(props: { spec: SpecDetail; task: SpecTaskInfo }) {
  const { spec, task } = props;
  const tasksPath = spec.docs.find((d) => d.kind === 'tasks')?.path;
  return (
    <div
      className={`spec-task level-${task.level} status-${task.status}`}
      role="listitem"
      data-task={task.id}
      aria-label={`Task ${task.id}: ${STATUS_TEXT[task.status]}`}
      title={task.error ?? task.title}
    >
      <span className="spec-task-status" aria-hidden="true">
        {STATUS_ICON[task.status]}
      </span>
      <button className="link spec-task-title" onClick={() => tasksPath && void openFile(tasksPath, { activate: true, line: task.line })}>
        {task.id} {task.title}
        {task.optional && <span className="muted small"> (optional)</span>}
      </button>
      {task.requirements.length > 0 && <span className="muted small spec-task-reqs">{task.requirements.join(', ')}</span>}
      <span className="muted small spec-task-state">{task.running ? 'running' : STATUS_TEXT[task.status]}</span>
      {spec.activity === null && task.status !== 'done' && (
        <button aria-label={`Start task ${task.id}`} onClick={() => void startTask(spec.name, task.id)}>
          Start task
        </button>
      )}
      {task.error && (
        <div className="spec-task-error" role="note">
          {task.error}
        </div>
      )}
    </div>
  );
}

function Trace(props: { spec: SpecDetail }) {
  const { trace } = props.spec;
  if (!trace.criteria.length) return <div className="muted small spec-empty">No acceptance criteria yet.</div>;
  return (
    <div className="spec-trace" role="table" aria-label="Traceability">
      {trace.unknownRefs.map((u) => (
        <div key={`${u.task}:${u.ref}`} className="spec-warning" role="row">
          Task {u.task} cites {u.ref}, which is not an acceptance criterion.
        </div>
      ))}
      {trace.criteria.map((c) => (
        <div key={c.id} className={`spec-trace-row ${c.tasks.length ? '' : 'uncovered'}`} role="row" data-criterion={c.id}>
          <div className="spec-trace-id" role="cell">
            {c.id}
          </div>
          <div role="cell" className="spec-trace-body">
            <div className="spec-trace-text">{c.text}</div>
            <div className="muted small">
              {c.tasks.length ? `Tasks ${c.tasks.join(', ')}` : 'No task covers this criterion'}
              {c.files.length > 0 && ` · files ${c.files.join(', ')}`}
              {c.tests.length > 0 && ` · tests ${c.tests.join(', ')}`}
            </div>
          </div>
        </div>
      ))}
    </div>
  );
}

function Budget(props: { spec: SpecDetail }) {
  const { budget, name } = props.spec;
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState(String(budget.limit));
  if (editing) {
    return (
      <form
        className="spec-budget"
        onSubmit={(e) => {
          e.preventDefault();
          const n = Number(value);
          if (Number.isFinite(n) && n >= 0) void setSpecBudget(name, n);
          setEditing(false);
        }}
      >
        $<input aria-label="Spec budget in dollars" value={value} onChange={(e) => setValue(e.target.value)} autoFocus size={6} />
        <button type="submit">Set</button>
      </form>
    );
  }
  return (
    <div className="spec-budget muted small">
      Spent ${budget.spent.toFixed(2)} of {budget.limit > 0 ? `$${budget.limit.toFixed(2)}` : 'no cap'}{' '}
      <button className="link" onClick={() => (setValue(String(budget.limit)), setEditing(true))}>
        change
      </button>
    </div>
  );
}

function SpecDetailView(props: { spec: SpecDetail }) {
  const { spec } = props;
  const [tab, setTab] = useState<'tasks' | 'trace'>('tasks');
  const hasTasks = spec.taskList.length > 0;
  return (
    <div className="spec-detail" aria-label={`Spec ${spec.name}`}>
      <div className="spec-title">
        <button className="link" onClick={() => selectSpec(null)} aria-label="All specs">
          ‹
        </button>
        <strong>{spec.name}</strong>
        <span className="muted small">{WORKFLOWS.find((w) => w.id === spec.workflow)?.label}</span>
      </div>
      {spec.activity && (
        <div className="spec-activity" role="status">
          <span>{spec.activity}</span>
          <button onClick={() => void stopSpec(spec.name)}>Stop</button>
        </div>
      )}
      {spec.error && !spec.activity && (
        <div className="spec-error" role="alert">
          {spec.error}
        </div>
      )}
      {spec.problem && <div className="spec-warning">{spec.problem}</div>}
      {spec.drift && (
        <div className="spec-warning" role="note">
          {spec.drift.message}{' '}
          {spec.activity === null && (
            <button className="link" onClick={() => void reviseDoc(spec.name, 'design', `The code has changed since this was written (${spec.drift!.commits} commits, ${spec.drift!.files} files). Bring it up to date with the code.`)}>
              Refresh design
            </button>
          )}
        </div>
      )}
      <div className="spec-docs" role="list" aria-label="Documents">
        {spec.docs.map((d, i) => (
          <DocRow key={d.kind} spec={spec} doc={d} index={i} />
        ))}
      </div>
      {spec.diagnostics.length > 0 && (
        <details className="spec-diagnostics">
          <summary>{spec.diagnostics.length} problem{spec.diagnostics.length === 1 ? '' : 's'} in the documents</summary>
          {spec.diagnostics.slice(0, 100).map((d, i) => (
            <button key={i} className="link small" onClick={() => void openFile(d.path, { activate: true, line: d.line })}>
              {d.path.split('/').pop()}:{d.line} {d.message}
            </button>
          ))}
        </details>
      )}
      {hasTasks && (
        <>
          <div className="spec-tabs" role="tablist">
            <button role="tab" aria-selected={tab === 'tasks'} className={tab === 'tasks' ? 'active' : ''} onClick={() => setTab('tasks')}>
              Tasks {spec.tasks.done}/{spec.tasks.total}
            </button>
            <button role="tab" aria-selected={tab === 'trace'} className={tab === 'trace' ? 'active' : ''} onClick={() => setTab('trace')}>
              Traceability{spec.trace.uncovered.length ? ` (${spec.trace.uncovered.length} uncovered)` : ''}
            </button>
          </div>
          {tab === 'tasks' ? (
            <>
              <div className="spec-run">
                {spec.activity === null ? (
                  <button className="primary" onClick={() => void runAllTasks(spec.name)}>
                    Run all tasks
                  </button>
                ) : (
                  <span />
                )}
                <Budget spec={spec} />
              </div>
              <div className="spec-tasks" role="list" aria-label="Tasks">
                {spec.taskList.map((t) => (
                  <TaskRow key={t.id} spec={spec} task={t} />
                ))}
              </div>
            </>
          ) : (
            <Trace spec={spec} />
          )}
        </>
      )}
    </div>
  );
}

/** The Specs side view: every spec of the workspace, a form for a new one, and the selected spec. */
export function SpecsView() {
  const specs = useSpecs((s) => s.specs);
  const selected = useSpecs((s) => s.selected);
  const detail = useSpecs((s) => s.detail);
  const creating = useSpecs((s) => s.creating);
  return (
    <section className="specs-view" aria-label="Specs">
      <header className="side-header">
        <span className="side-title">Specs</span>
        <span className="side-actions">
          <button title="New Spec" aria-label="New Spec" onClick={() => useSpecs.getState().setCreating(true)}>
            +
          </button>
        </span>
      </header>
      {creating && <NewSpecForm />}
      {selected && detail ? (
        <SpecDetailView spec={detail} />
      ) : (
        <div className="spec-list" role="list" aria-label="Specs list">
          {specs.length === 0 && !creating && (
            <div className="muted small spec-empty">
              No specs yet. A spec turns an idea into requirements, a design and tasks the agent implements one by one.
              <div>
                <button className="primary" onClick={() => useSpecs.getState().setCreating(true)}>
                  New Spec
                </button>
              </div>
            </div>
          )}
          {specs.map((s) => (
            <div key={s.name} className="tree-row spec-row" role="listitem" data-spec={s.name} onClick={() => selectSpec(s.name)}>
              <span className="tree-label">{s.name}</span>
              <span className="muted small">{s.activity ?? (s.tasks.total ? `${s.tasks.done}/${s.tasks.total} tasks` : (s.docs.find((d) => d.state !== 'approved')?.kind ?? 'ready'))}</span>
            </div>
          ))}
        </div>
      )}
    </section>
  );
}
