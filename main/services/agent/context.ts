import { promises as fsp } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import picomatch from 'picomatch';
import { READ_QUIETLY } from '../workspace/paths';
import type { Workspace } from '../workspace/workspace';
import { parseSteeringFile, type SteeringDoc } from '../../../shared/model/steering';

/** Instructions that do not change between turns: first in the prompt, so they are cached. */
const BASE_INSTRUCTIONS = `You are Specwright's coding agent, working inside the person's open workspace.
- Use the tools to look before you change: read files, search, list folders.
- Change files with edit_file (exact, unique old_text) or create_file; never guess file contents.
- Run builds and tests with run_command; it shows in a terminal the person can see.
- Paths are relative to the workspace root. Keep answers short; show code in fenced blocks.`;

type SteeringFile = SteeringDoc;

/** Reads front matter (`inclusion`, `fileMatchPattern`); no front matter means always. */
export function parseSteering(name: string, text: string): SteeringFile {
  return parseSteeringFile(name, text);
}

/** Largest steering file read: it goes into every prompt, so anything bigger is a mistake to point out. */
export const STEERING_MAX_BYTES = 256 * 1024;


/**
 * The steering files of one folder, sorted by name (none when the folder is missing). A file
 * that cannot be used (unreadable, not a regular file, too big) is still listed, marked
 * unreadable with the reason as its problem, so the steering view says so; the others are used.
 */
export async function readSteeringDir(dir: string): Promise<SteeringFile[]> {
  let names: string[];
  try {
    names = (await fsp.readdir(dir)).filter((n) => n.endsWith('.md')).sort();
  } catch {
    return [];
  }
  return Promise.all(names.map((n) => readSteeringFile(n.replace(/\.md$/, ''), path.join(dir, n))));
}

async function readSteeringFile(name: string, file: string): Promise<SteeringFile> {
  const unusable = (why: string): SteeringFile => ({ name, inclusion: 'manual', body: '', problems: [`${name}.md ${why}; it is not given to the agent.`], unreadable: true });
  let fh: fsp.FileHandle | undefined;
  try {
    fh = await fsp.open(file, READ_QUIETLY);
    const st = await fh.stat();
    if (!st.isFile()) return unusable(st.isDirectory() ? 'is a folder' : 'is not a regular file');
    if (st.size > STEERING_MAX_BYTES) return unusable(`is ${Math.round(st.size / 1024)} KB, over the ${STEERING_MAX_BYTES / 1024} KB a steering file may be`);
    return parseSteering(name, await fh.readFile('utf8'));
  } catch (err) {
    return unusable(`cannot be read (${(err as Error).message})`);
  } finally {
    await fh?.close().catch(() => undefined);
  }
}

/** Largest file pulled in by one `#[[file:…]]` include. */
const INCLUDE_MAX = 40_000;

/** Replaces `#[[file:relative/path]]` with that file's text (confined to the workspace; failures are said, not hidden). */
export async function expandIncludes(ws: Workspace, text: string): Promise<string> {
  const re = /#\[\[file:([^\]]+)\]\]/g;
  const found = [...text.matchAll(re)];
  if (!found.length) return text;
  const parts: string[] = [];
  let last = 0;
  for (const m of found) {
    parts.push(text.slice(last, m.index));
    const rel = m[1].trim();
    try {
      const r = await ws.read(rel);
      parts.push(r.kind === 'text' ? `<file path="${rel}">\n${r.content.slice(0, INCLUDE_MAX)}\n</file>` : `(${rel} is ${r.kind}; not included)`);
    } catch (err) {
      parts.push(`(${rel} could not be included: ${(err as Error).message})`);
    }
    last = m.index! + m[0].length;
  }
  parts.push(text.slice(last));
  return parts.join('');
}

/**
 * The system prompt: a stable part (instructions, AGENTS.md, always-included steering from
 * the user and the workspace) and a dynamic part (date, manual steering mentioned as #name).
 */
export async function assembleSystem(ws: Workspace, prompt: string, filesInPlay: string[] = []): Promise<{ stable: string; dynamic: string; included: string[] }> {
  const parts = [BASE_INSTRUCTIONS];
  const included: string[] = [];
  // read side by side: the first token waits for all three (each is a few thread-pool round trips)
  const [agents, userSteering, workspaceSteering] = await Promise.all([
    ws.read('AGENTS.md').catch(() => null), // no AGENTS.md
    readSteeringDir(path.join(os.homedir(), '.kiro', 'steering')),
    readSteeringDir(path.join(ws.root, '.kiro', 'steering')),
  ]);
  if (agents?.kind === 'text') {
    parts.push(`# AGENTS.md\n${agents.content}`);
    included.push('AGENTS.md (always)');
  }
  const files = [...userSteering, ...workspaceSteering].filter((f) => !f.unreadable);
  for (const f of files.filter((f) => f.inclusion === 'always')) {
    parts.push(`# Steering: ${f.name}\n${f.body}`);
    included.push(`${f.name} (always)`);
  }
  const dynamic: string[] = [`Workspace: ${ws.name}. Today: ${new Date().toISOString().slice(0, 10)}. Platform: ${process.platform}.`];
  for (const f of files.filter((f) => f.inclusion === 'fileMatch' && f.pattern)) {
    const match = picomatch(f.pattern!, { dot: true });
    const hit = filesInPlay.find((p) => match(p));
    if (hit) {
      dynamic.push(`# Steering: ${f.name}\n${f.body}`);
      included.push(`${f.name} (matched ${f.pattern} by ${hit})`);
    }
  }
  for (const f of files.filter((f) => f.inclusion === 'manual' && prompt.includes(`#${f.name}`))) {
    dynamic.push(`# Steering: ${f.name}\n${f.body}`);
    included.push(`${f.name} (mentioned)`);
  }
  return { stable: await expandIncludes(ws, parts.join('\n\n')), dynamic: await expandIncludes(ws, dynamic.join('\n\n')), included };
}
