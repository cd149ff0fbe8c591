import { useState } from 'react';
import type { SteeringInfo } from '../../../shared/ipc/contract';
import { useSteering } from '../../stores/steering';
import { openFile } from '../editor';
import { generateSteering } from './steering';
import { FrontMatterForm, NewSteeringForm } from './SteeringForms';

function inclusionText(f: SteeringInfo): string {
  if (f.unreadable) return 'not used';
  if (f.inclusion === 'fileMatch') return `fileMatch: ${f.pattern ?? ''}`;
  if (f.inclusion === 'manual') return `manual — mention #${f.name.replace(/\.md$/, '')}`;
  return 'always';
}

/** Only files under .kiro/steering have front matter to edit; AGENTS.md is read by other tools and stays plain. */
const hasFrontMatter = (f: SteeringInfo) => !f.unreadable && f.scope === 'workspace' && f.path.startsWith('.kiro/steering/');

function SteeringRow(props: { file: SteeringInfo }) {
  const f = props.file;
  const [editing, setEditing] = useState(false);
  const workspace = f.scope === 'workspace';
  return (
    <div className="steering-row" role="listitem" data-path={f.path} title={workspace ? undefined : f.path}>
      <div className="steering-head">
        {workspace ? (
          <button className="link steering-name" title={f.path} onClick={() => void openFile(f.path, { activate: true })}>
            {f.name}
          </button>
        ) : (
          <span className="steering-name" title="Edit it in ~/.kiro/steering">
            {f.name}
          </span>
        )}
        <span className={`hook-badge scope-${f.scope}`}>{f.scope}</span>
        <span className="muted small steering-inclusion">{inclusionText(f)}</span>
        {hasFrontMatter(f) && !editing && (
          <button className="link small" aria-label={`Edit front matter of ${f.name}`} onClick={() => setEditing(true)}>
            Edit front matter
          </button>
        )}
      </div>
      {editing && <FrontMatterForm path={f.path} name={f.name} inclusion={f.inclusion} pattern={f.pattern} onDone={() => setEditing(false)} />}
      {f.problems.map((p) => (
        <div key={p} className="spec-warning steering-problem" role="note">
          {p}
        </div>
      ))}
    </div>
  );
}

function Group(props: { title: string; files: SteeringInfo[] }) {
  if (!props.files.length) return null;
  return (
    <>
      <div className="review-section-title">
        <span>{props.title}</span>
      </div>
      <div role="list" aria-label={`${props.title} steering files`}>
        {props.files.map((f) => (
          <SteeringRow key={`${f.scope}:${f.path}`} file={f} />
        ))}
      </div>
    </>
  );
}

/** The Steering side view: what guidance the agent gets, from where, and when. */
export function SteeringView() {
  const files = useSteering((s) => s.files);
  const creating = useSteering((s) => s.creating);
  const [generating, setGenerating] = useState(false);
  const generate = async () => {
    setGenerating(true);
    await generateSteering();
    setGenerating(false);
  };
  return (
    <section className="steering-view" aria-label="Steering">
      <header className="side-header">
        <span className="side-title">Steering</span>
        <span className="side-actions">
          <button title="New Steering File" aria-label="New Steering File" onClick={() => useSteering.getState().setCreating(true)}>
            +
          </button>
        </span>
      </header>
      {creating && <NewSteeringForm />}
      <div className="steering-generate">
        <button className="primary" disabled={generating} onClick={() => void generate()} title="The agent reads the code and writes product.md, tech.md and structure.md">
          Generate Steering Docs
        </button>
      </div>
      {files.length === 0 && (
        <div className="muted small review-empty">
          No steering files. Markdown files in .kiro/steering/ (and ~/.kiro/steering/ for every project) tell the agent about the product, the stack and the conventions; AGENTS.md is always included.
        </div>
      )}
      <Group title="Workspace" files={files.filter((f) => f.scope === 'workspace')} />
      <Group title="User" files={files.filter((f) => f.scope === 'user')} />
    </section>
  );
}
