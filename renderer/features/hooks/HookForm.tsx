import { useId, useMemo, useState, type ReactNode } from 'react';
import { HOOK_ACTIONS, HOOK_TRIGGERS, type HookAction, type HookTrigger } from '../../../shared/model/hooks';
import { useHooks, type HookFormTarget } from '../../stores/hooks';
import { ACTION_LABELS, TRIGGER_LABELS, checkDraft, draftFrom, isFileTrigger, isToolTrigger, type DraftField, type FormProblem, type HookDraft } from './form';
import { saveHook } from './hooks';

function Problems(props: { problems: FormProblem[] }) {
  return props.problems.map((p) => (
    <div key={p.message} className="hook-problem" role="alert">
      {p.message}
    </div>
  ));
}

interface ControlProps {
  id: string;
  'aria-describedby': string;
  'aria-invalid': boolean;
}

/** A labelled field with its hint and problems right under it; the label names only the control. */
function Field(props: { label: string; hint?: string; problems: FormProblem[]; children: (control: ControlProps) => ReactNode }) {
  const id = useId();
  return (
    <div className="hook-field">
      <label htmlFor={id}>{props.label}</label>
      {props.children({ id, 'aria-describedby': `${id}-note`, 'aria-invalid': props.problems.length > 0 })}
      <div id={`${id}-note`}>
        {props.hint && <div className="muted small">{props.hint}</div>}
        <Problems problems={props.problems} />
      </div>
    </div>
  );
}

/** Create or edit a hook; checked with the hook parser before anything is sent. */
export function HookForm(props: { target: HookFormTarget }) {
  const { file, hook: base } = props.target;
  const [draft, setDraft] = useState<HookDraft>(() => draftFrom(base));
  // problems show only after a first Save, then follow the edits so fixing one clears it
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const checked = useMemo(() => checkDraft(draft, base), [draft, base]);
  const problems = tried ? checked.problems : [];
  const at = (field: DraftField) => problems.filter((p) => p.field === field);
  const set = <K extends DraftField>(field: K, value: HookDraft[K]) => setDraft((d) => ({ ...d, [field]: value }));
  const cancel = () => useHooks.getState().edit(null);

  const submit = async () => {
    setTried(true);
    if (checked.problems.length || busy) return;
    setBusy(true);
    await saveHook(file, checked.hook);
    setBusy(false);
  };

  return (
    <form
      className="hook-form"
      aria-label="Hook form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') cancel();
      }}
    >
      <div className="hook-form-title">{file ? `Edit ${file.split('/').pop()}` : 'New hook'}</div>
      <Field label="Name" problems={at('name')}>
        {(c) => <input {...c} value={draft.name} autoFocus onChange={(e) => set('name', e.target.value)} placeholder="Lint on save" />}
      </Field>
      <Field label="Description" problems={at('description')}>
        {(c) => <input {...c} value={draft.description} onChange={(e) => set('description', e.target.value)} />}
      </Field>
      <Field label="Trigger" problems={at('trigger')}>
        {(c) => (
          <select {...c} value={draft.trigger} onChange={(e) => set('trigger', e.target.value as HookTrigger)}>
            {HOOK_TRIGGERS.map((t) => (
              <option key={t} value={t}>
                {TRIGGER_LABELS[t]}
              </option>
            ))}
          </select>
        )}
      </Field>
      {isFileTrigger(draft.trigger) && (
        <Field label="Patterns" hint="One glob per line; start a line with ! to exclude, e.g. !**/*.test.ts" problems={at('patterns')}>
          {(c) => <textarea {...c} value={draft.patterns} onChange={(e) => set('patterns', e.target.value)} placeholder={'src/**/*.ts\n!**/*.test.ts'} />}
        </Field>
      )}
      {isToolTrigger(draft.trigger) && (
        <Field label="Tool types" hint="Comma-separated: read, write, shell, web, spec, *, @mcp, /regex/" problems={at('toolTypes')}>
          {(c) => <input {...c} value={draft.toolTypes} onChange={(e) => set('toolTypes', e.target.value)} placeholder="write, @mcp" />}
        </Field>
      )}
      <Field label="Action" problems={at('action')}>
        {(c) => (
          <select {...c} value={draft.action} onChange={(e) => set('action', e.target.value as HookAction)}>
            {HOOK_ACTIONS.map((a) => (
              <option key={a} value={a}>
                {ACTION_LABELS[a]}
              </option>
            ))}
          </select>
        )}
      </Field>
      {draft.action === 'askAgent' ? (
        <Field label="Prompt" problems={at('prompt')}>
          {(c) => <textarea {...c} value={draft.prompt} onChange={(e) => set('prompt', e.target.value)} placeholder="What should the agent do?" />}
        </Field>
      ) : (
        <>
          <Field label="Command" problems={at('command')}>
            {(c) => <input {...c} value={draft.command} onChange={(e) => set('command', e.target.value)} placeholder="npm run lint" />}
          </Field>
          <Field label="Timeout (seconds)" problems={at('timeout')}>
            {(c) => <input {...c} value={draft.timeout} inputMode="numeric" size={6} onChange={(e) => set('timeout', e.target.value)} />}
          </Field>
        </>
      )}
      <label className="hook-check">
        <input type="checkbox" checked={draft.enabled} onChange={(e) => set('enabled', e.target.checked)} /> Enabled
      </label>
      <Problems problems={[...at('enabled'), ...problems.filter((p) => p.field === null)]} />
      <div className="hook-form-actions">
        <button type="submit" className="primary" disabled={busy}>
          Save
        </button>
        <button type="button" onClick={cancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
