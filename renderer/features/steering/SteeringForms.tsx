import { useState } from 'react';
import { useSteering } from '../../stores/steering';
import { createSteering, setFrontMatter, type Inclusion } from './steering';

const INCLUSIONS: { id: Inclusion; label: string }[] = [
  { id: 'always', label: 'Always' },
  { id: 'fileMatch', label: 'When a file matches' },
  { id: 'manual', label: 'Manual (#name in chat)' },
];

/** The contract's rule for a steering name, checked here so the person sees it before sending. */
const NAME = /^[\w.-]+$/;

/** Inclusion select and, for fileMatch, the pattern it needs. */
function InclusionFields(props: { inclusion: Inclusion; pattern: string; onInclusion: (i: Inclusion) => void; onPattern: (p: string) => void }) {
  return (
    <>
      <select aria-label="Inclusion" value={props.inclusion} onChange={(e) => props.onInclusion(e.target.value as Inclusion)}>
        {INCLUSIONS.map((i) => (
          <option key={i.id} value={i.id}>
            {i.label}
          </option>
        ))}
      </select>
      {props.inclusion === 'fileMatch' && (
        <input aria-label="File pattern" placeholder="components/**/*.tsx" value={props.pattern} onChange={(e) => props.onPattern(e.target.value)} />
      )}
    </>
  );
}

const incomplete = (inclusion: Inclusion, pattern: string) => inclusion === 'fileMatch' && !pattern.trim();

/** Edits a workspace steering file's front matter; its body is left as it is. */
export function FrontMatterForm(props: { path: string; name: string; inclusion: Inclusion; pattern?: string; onDone: () => void }) {
  const [inclusion, setInclusion] = useState(props.inclusion);
  const [pattern, setPattern] = useState(props.pattern ?? '');
  const [busy, setBusy] = useState(false);
  return (
    <form
      className="steering-form"
      aria-label={`Front matter of ${props.name}`}
      onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        const ok = await setFrontMatter(props.path, inclusion, pattern);
        setBusy(false);
        if (ok) props.onDone();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') props.onDone();
      }}
    >
      <InclusionFields inclusion={inclusion} pattern={pattern} onInclusion={setInclusion} onPattern={setPattern} />
      <div className="steering-form-actions">
        <button type="submit" className="primary" disabled={busy || incomplete(inclusion, pattern)}>
          Save
        </button>
        <button type="button" onClick={props.onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** Creates `.kiro/steering/<name>.md` with the chosen front matter, then opens it. */
export function NewSteeringForm() {
  const [name, setName] = useState('');
  const [inclusion, setInclusion] = useState<Inclusion>('always');
  const [pattern, setPattern] = useState('');
  const [busy, setBusy] = useState(false);
  const badName = name.trim() !== '' && !NAME.test(name.trim());
  const close = () => useSteering.getState().setCreating(false);
  return (
    <form
      className="steering-form steering-new"
      aria-label="New steering file"
      onSubmit={async (e) => {
        e.preventDefault();
        if (!name.trim() || badName || busy) return;
        setBusy(true);
        await createSteering(name.trim(), inclusion, pattern);
        setBusy(false);
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') close();
      }}
    >
      <input aria-label="Steering file name" placeholder="api-conventions" value={name} autoFocus className={badName ? 'invalid' : ''} aria-invalid={badName} onChange={(e) => setName(e.target.value)} />
      {badName && (
        <div className="hook-problem" role="alert">
          A steering file name is letters, digits, &quot;.&quot;, &quot;_&quot; and &quot;-&quot;.
        </div>
      )}
      <InclusionFields inclusion={inclusion} pattern={pattern} onInclusion={setInclusion} onPattern={setPattern} />
      <div className="steering-form-actions">
        <button type="submit" className="primary" disabled={busy || !name.trim() || badName || incomplete(inclusion, pattern)}>
          Create
        </button>
        <button type="button" onClick={close}>
          Cancel
        </button>
      </div>
    </form>
  );
}
