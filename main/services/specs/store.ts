import { randomUUID } from 'node:crypto';
import type { Workspace } from '../workspace/workspace';
import { ContractError } from '../../../shared/ipc/protocol';

/** Where specs live, as Kiro lays them out. */
export const SPECS_DIR = '.kiro/specs';

export type DocKind = 'requirements' | 'bugfix' | 'design' | 'tasks';
/** How a person starts a spec; `quick` is Kiro's fast-task, `bugfix` a bugfix spec. */
export type Workflow = 'requirements-first' | 'design-first' | 'bugfix' | 'quick';

export const DOC_FILES: Record<DocKind, string> = {
  requirements: 'requirements.md',
  bugfix: 'bugfix.md',
  design: 'design.md',
  tasks: 'tasks.md',
};

/** What Specwright records about a document, beside Kiro's own keys in `.config.kiro`. */
export interface DocRecord {
  approved: boolean;
  /** The git commit the approved document was written against (drift detection). */
  commit?: string | null;
  at?: number;
  /** An earlier document changed after this one was written: offer a refresh. */
  stale?: boolean;
}

export interface SpecwrightRecord {
  idea?: string;
  docs?: Partial<Record<DocKind, DocRecord>>;
  /** Dollars this spec's agent runs may spend; absent means the `specs.maxCostPerSpec` setting. */
  budget?: number;
}

/** `.config.kiro`: Kiro's keys, any others it may add (kept as they are), and Specwright's record. */
export interface SpecConfig {
  specId: string;
  workflowType: 'requirements-first' | 'design-first' | 'fast-task';
  specType: 'feature' | 'bugfix';
  specwright?: SpecwrightRecord;
  [key: string]: unknown;
}

export function configFor(workflow: Workflow, idea: string): SpecConfig {
  return {
    specId: randomUUID(),
    workflowType: workflow === 'design-first' ? 'design-first' : workflow === 'quick' ? 'fast-task' : 'requirements-first',
    specType: workflow === 'bugfix' ? 'bugfix' : 'feature',
    specwright: { idea, docs: {} },
  };
}

export function workflowOf(config: SpecConfig): Workflow {
  if (config.specType === 'bugfix') return 'bugfix';
  if (config.workflowType === 'design-first') return 'design-first';
  if (config.workflowType === 'fast-task') return 'quick';
  return 'requirements-first';
}

/** The documents of a spec in the order they are written and approved. */
export function phaseOrder(workflow: Workflow): DocKind[] {
  if (workflow === 'bugfix') return ['bugfix', 'design', 'tasks'];
  if (workflow === 'design-first') return ['design', 'requirements', 'tasks'];
  return ['requirements', 'design', 'tasks'];
}

/** A folder name from an idea: lower-case words joined by '-', at most 40 characters. */
export function kebabName(idea: string): string {
  const words = idea
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9\s-]/g, ' ')
    .split(/[\s-]+/)
    .filter(Boolean);
  let name = '';
  for (const w of words) {
    if ((name ? name.length + 1 : 0) + w.length > 40) break;
    name = name ? `${name}-${w}` : w;
  }
  return name || 'spec';
}

export function isSpecName(name: string): boolean {
  return /^[a-z0-9][a-z0-9._-]{0,99}$/i.test(name) && !name.includes('..');
}

export function specPath(name: string, file?: string): string {
  return file ? `${SPECS_DIR}/${name}/${file}` : `${SPECS_DIR}/${name}`;
}

/**
 * Reads `.config.kiro`; a missing or damaged file gives defaults and a problem, never an
 * exception. `damaged` is set when the file is there but could not be read as a JSON object:
 * writing the defaults back would lose what it holds, so editors refuse (see editConfig).
 */
export async function readConfig(ws: Workspace, name: string): Promise<{ config: SpecConfig; problem?: string; exists: boolean; damaged?: boolean }> {
  const rel = specPath(name, '.config.kiro');
  let text: string;
  try {
    const r = await ws.read(rel);
    if (r.kind !== 'text') return { config: defaults(), problem: `${rel} is not a text file.`, exists: true, damaged: true };
    text = r.content;
  } catch (err) {
    if (err instanceof ContractError && err.code === 'NOT_FOUND') return { config: defaults(), exists: false };
    return { config: defaults(), problem: `${rel} cannot be read (${(err as Error).message}); using defaults until it is fixed.`, exists: true, damaged: true };
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('it is not a JSON object');
    const c = parsed as Partial<SpecConfig>;
    const problems: string[] = [];
    const workflowType = c.workflowType === 'design-first' || c.workflowType === 'fast-task' ? c.workflowType : 'requirements-first';
    if (c.workflowType !== undefined && c.workflowType !== workflowType) problems.push(`"workflowType" must be requirements-first, design-first or fast-task, got ${JSON.stringify(c.workflowType)}`);
    const specType = c.specType === 'bugfix' ? 'bugfix' : 'feature';
    if (c.specType !== undefined && c.specType !== specType) problems.push(`"specType" must be feature or bugfix, got ${JSON.stringify(c.specType)}`);
    const specwright = c.specwright && typeof c.specwright === 'object' ? c.specwright : undefined;
    return {
      config: { ...c, specId: typeof c.specId === 'string' ? c.specId : randomUUID(), workflowType, specType, specwright },
      problem: problems.length ? `${rel}: ${problems.join('; ')}.` : undefined,
      exists: true,
    };
  } catch (err) {
    return { config: defaults(), problem: `${rel} is not valid JSON (${(err as Error).message}); using defaults until it is fixed.`, exists: true, damaged: true };
  }
}

/** The config to change and write back; refused while the file is damaged, so what it holds is not lost. */
export async function editableConfig(ws: Workspace, name: string): Promise<SpecConfig> {
  const { config, problem, damaged } = await readConfig(ws, name);
  if (damaged) throw new ContractError('INVALID_INPUT', `${problem} Fix it first: Specwright records approvals there and will not write over it.`);
  return config;
}

function defaults(): SpecConfig {
  return { specId: randomUUID(), workflowType: 'requirements-first', specType: 'feature' };
}

export async function writeConfig(ws: Workspace, name: string, config: SpecConfig): Promise<void> {
  await ws.write(specPath(name, '.config.kiro'), JSON.stringify(config, null, 2) + '\n', undefined, undefined, { createParents: true });
}

/**
 * A document's text, or null when it does not exist. A file that is there but cannot be read as
 * a document (binary, too large, no permission, a folder) is an error that says so: callers
 * must never take it for missing, or generating would write a placeholder over it.
 */
export async function readDoc(ws: Workspace, name: string, kind: DocKind): Promise<string | null> {
  const rel = specPath(name, DOC_FILES[kind]);
  let r: Awaited<ReturnType<Workspace['read']>>;
  try {
    r = await ws.read(rel);
  } catch (err) {
    if (err instanceof ContractError && err.code === 'NOT_FOUND') return null;
    throw new ContractError(err instanceof ContractError ? err.code : 'INTERNAL', `${rel} cannot be read (${(err as Error).message}). ${LEFT_ALONE}`);
  }
  if (r.kind === 'text') return r.content;
  const why = r.kind === 'binary' ? 'looks binary (it has a NUL byte)' : `is ${(r.size / 1024 / 1024).toFixed(0)} MB, too large to open`;
  throw new ContractError('UNSUPPORTED', `${rel} ${why}, so it cannot be used as a spec document. ${LEFT_ALONE}`);
}

const LEFT_ALONE = 'Specwright leaves it as it is: fix or remove it to go on.';

/** Folder names under `.kiro/specs`. */
export async function listSpecNames(ws: Workspace): Promise<string[]> {
  try {
    const entries = await ws.list(SPECS_DIR);
    return entries.filter((e) => e.kind === 'dir' && isSpecName(e.name)).map((e) => e.name);
  } catch {
    return [];
  }
}
