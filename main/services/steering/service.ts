import os from 'node:os';
import path from 'node:path';
import type { SteeringInfo } from '../../../shared/ipc/contract';
import { ContractError } from '../../../shared/ipc/protocol';
import { parseSteeringFile, setSteeringFrontMatter, type Inclusion } from '../../../shared/model/steering';
import { readSteeringDir } from '../agent/context';
import type { WorkspaceManager } from '../workspace/manager';

export const STEERING_DIR = '.kiro/steering';

/** What "Generate steering docs" asks the agent for. */
const GENERATE_PROMPT = `Write the project's steering documents from the code, so that later requests start with the right context:
- ${STEERING_DIR}/product.md: what the product is, who uses it, the main features.
- ${STEERING_DIR}/tech.md: languages, frameworks, libraries, build, test and run commands.
- ${STEERING_DIR}/structure.md: how the folders are organised, where things go, naming conventions.
Look at the code first (list folders, read package manifests, READMEs and entry points). Each file starts with front matter:
---
inclusion: always
---
Keep each under about 60 lines, factual and specific to this project. Create them with create_file (or edit_file where one exists).`;

/** Steering files of the user and the workspace, with their inclusion and what is wrong with them. */
export class SteeringService {
  constructor(
    private readonly deps: { workspaces: WorkspaceManager; userDir?: string },
  ) {}

  private get userDir(): string {
    return this.deps.userDir ?? path.join(os.homedir(), '.kiro', 'steering');
  }

  async list(): Promise<SteeringInfo[]> {
    const ws = this.deps.workspaces.current;
    const out: SteeringInfo[] = [];
    try {
      const agents = await ws.read('AGENTS.md');
      if (agents.kind === 'text') out.push({ scope: 'workspace', name: 'AGENTS', path: 'AGENTS.md', inclusion: 'always', problems: [] });
    } catch {
      // no AGENTS.md
    }
    for (const f of await readSteeringDir(path.join(ws.root, STEERING_DIR))) {
      out.push({ scope: 'workspace', name: f.name, path: `${STEERING_DIR}/${f.name}.md`, inclusion: f.inclusion, pattern: f.pattern, problems: [...f.problems, ...(await this.includeProblems(f.name, f.body))], ...(f.unreadable && { unreadable: true }) });
    }
    for (const f of await readSteeringDir(this.userDir)) {
      out.push({ scope: 'user', name: f.name, path: path.join(this.userDir, `${f.name}.md`), inclusion: f.inclusion, pattern: f.pattern, problems: f.problems, ...(f.unreadable && { unreadable: true }) });
    }
    return out;
  }

  /** `#[[file:…]]` includes that point at nothing. */
  private async includeProblems(name: string, body: string): Promise<string[]> {
    const ws = this.deps.workspaces.current;
    const problems: string[] = [];
    for (const m of body.matchAll(/#\[\[file:([^\]]+)\]\]/g)) {
      const rel = m[1].trim();
      const ok = await ws.read(rel).then(
        (r) => r.kind === 'text',
        () => false,
      );
      if (!ok) problems.push(`${name}.md includes ${rel}, which is not a readable text file in the workspace.`);
    }
    return problems;
  }

  async create(name: string, inclusion: Inclusion, pattern?: string): Promise<{ path: string }> {
    const rel = `${STEERING_DIR}/${name.replace(/\.md$/, '')}.md`;
    const ws = this.deps.workspaces.current;
    const exists = await ws.read(rel).then(
      () => true,
      () => false,
    );
    if (exists) throw new ContractError('EXISTS', `${rel} already exists.`);
    if (inclusion === 'fileMatch' && !pattern?.trim()) throw new ContractError('INVALID_INPUT', 'A fileMatch steering file needs a pattern, e.g. "src/**/*.tsx".');
    const body = `\n# ${name.replace(/\.md$/, '')}\n\nGuidance for the agent: conventions, decisions, things to avoid.\n`;
    await ws.write(rel, setSteeringFrontMatter(body, inclusion, pattern?.trim()), undefined, undefined, { createParents: true });
    return { path: rel };
  }

  async setFrontMatter(rel: string, inclusion: Inclusion, pattern?: string): Promise<void> {
    if (!rel.startsWith(`${STEERING_DIR}/`) || !rel.endsWith('.md')) throw new ContractError('INVALID_INPUT', `Only files in ${STEERING_DIR}/ have steering front matter.`);
    const ws = this.deps.workspaces.current;
    const r = await ws.read(rel);
    if (r.kind !== 'text') throw new ContractError('UNSUPPORTED', `${rel} is not a text file.`);
    if (inclusion === 'fileMatch' && !pattern?.trim()) throw new ContractError('INVALID_INPUT', 'A fileMatch steering file needs a pattern, e.g. "src/**/*.tsx".');
    const next = setSteeringFrontMatter(r.content, inclusion, pattern?.trim());
    // a round trip must leave it readable with the values asked for
    const check = parseSteeringFile('x', next);
    if (check.inclusion !== inclusion) throw new ContractError('INTERNAL', `Could not write the front matter of ${rel}.`);
    await ws.write(rel, next);
  }

  generatePrompt(): string {
    return GENERATE_PROMPT;
  }
}
