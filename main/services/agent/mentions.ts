import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { stripAnsi } from '../../../shared/model/ansi';
import type { SearchService } from '../search/service';
import type { Workspace } from '../workspace/workspace';

const run = promisify(execFile);
const FILE_MAX = 60_000;
const BLOCK_MAX = 20_000;

export interface MentionSources {
  workspace: Workspace;
  search: SearchService;
  diagnostics: () => { path: string; severity: string; message: string; line: number; column: number }[];
  /** Recent output of the terminal the person is looking at. */
  terminalOutput: () => string | null;
  signal: AbortSignal;
}

const clip = (t: string, max: number) => (t.length > max ? `${t.slice(0, max)}\n… (cut: ${t.length - max} more characters)` : t);

/** The mentions in a message, in order: `#File:src/a.ts`, `#Folder:src`, `#Problems`, `#Terminal`, `#Git Diff`, `#Codebase`, `#URL:https://…`. */
export function findMentions(text: string): { kind: string; arg?: string }[] {
  const out: { kind: string; arg?: string }[] = [];
  const re = /#(File|Folder|URL):(\S+)|#(Problems|Terminal|Codebase)\b|#Git ?Diff\b/g;
  for (const m of text.matchAll(re)) {
    // "see #Folder:src, then…": sentence punctuation is not part of the path
    if (m[1]) out.push({ kind: m[1], arg: m[2].replace(/[.,;:!?)\]'"]+$/, '') });
    else if (m[3]) out.push({ kind: m[3] });
    else out.push({ kind: 'Git Diff' });
  }
  return out;
}

/** Reads what each mention points at; what cannot be read is said so, not dropped silently. */
export async function expandMentions(text: string, src: MentionSources): Promise<{ blocks: string[]; included: string[] }> {
  const blocks: string[] = [];
  const included: string[] = [];
  for (const m of findMentions(text)) {
    try {
      if (m.kind === 'File' && m.arg) {
        const r = await src.workspace.read(m.arg);
        blocks.push(r.kind === 'text' ? `<file path="${m.arg}">\n${clip(r.content, FILE_MAX)}\n</file>` : `<file path="${m.arg}">(${r.kind}, ${r.size} bytes: not included)</file>`);
        included.push(`#File ${m.arg}`);
      } else if (m.kind === 'Folder' && m.arg) {
        await src.workspace.list(m.arg); // a missing or outside folder fails here, with its reason
        const listing = await src.search.filesUnder(m.arg, 500);
        blocks.push(`<folder path="${m.arg}">\n${listing.join('\n') || '(no files)'}\n</folder>`);
        included.push(`#Folder ${m.arg}`);
      } else if (m.kind === 'Problems') {
        const d = src.diagnostics();
        blocks.push(`<problems>\n${d.map((p) => `${p.path}:${p.line}:${p.column} ${p.severity}: ${p.message}`).join('\n') || 'No problems reported.'}\n</problems>`);
        included.push('#Problems');
      } else if (m.kind === 'Terminal') {
        const out = src.terminalOutput();
        blocks.push(`<terminal>\n${out ? clip(out, BLOCK_MAX) : 'No terminal output.'}\n</terminal>`);
        included.push('#Terminal');
      } else if (m.kind === 'Git Diff') {
        const { stdout } = await run('git', ['diff', 'HEAD', '--no-color'], { cwd: src.workspace.root, maxBuffer: 64 * 1024 * 1024 }).catch(() => ({ stdout: '' }));
        blocks.push(`<git-diff>\n${clip(stdout, BLOCK_MAX) || 'No changes against HEAD (or not a git repository).'}\n</git-diff>`);
        included.push('#Git Diff');
      } else if (m.kind === 'Codebase') {
        const words = [...new Set(text.replace(/#\S+/g, ' ').match(/[A-Za-z_][\w]{3,}/g) ?? [])].sort((a, b) => b.length - a.length).slice(0, 3);
        const lines: string[] = [];
        for (const w of words) {
          await src.search.text({ pattern: w, isRegex: false, caseSensitive: false, wholeWord: true, include: [], exclude: [] }, 30, (f) => f.matches.forEach((x) => lines.push(`${f.path}:${x.line}: ${x.preview.trim()}`)), src.signal);
        }
        const files = await src.search.filesUnder('', 300);
        blocks.push(`<codebase>\nFiles (first ${files.length}):\n${files.join('\n')}\n\nMatches for ${words.join(', ') || '(no keywords)'}:\n${lines.slice(0, 90).join('\n')}\n</codebase>`);
        included.push('#Codebase');
      } else if (m.kind === 'URL' && m.arg) {
        const res = await fetch(m.arg, { signal: AbortSignal.any([src.signal, AbortSignal.timeout(20_000)]) });
        const body = (await res.text()).replace(/<(script|style)[\s\S]*?<\/\1>/gi, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
        blocks.push(`<url href="${m.arg}" status="${res.status}">\n${clip(body, BLOCK_MAX)}\n</url>`);
        included.push(`#URL ${m.arg}`);
      }
    } catch (err) {
      blocks.push(`<mention kind="${m.kind}"${m.arg ? ` arg="${m.arg}"` : ''}>Could not be read: ${(err as Error).message}</mention>`);
      included.push(`#${m.kind}${m.arg ? ` ${m.arg}` : ''} (failed)`);
    }
  }
  return { blocks, included };
}

/** The tail of a terminal's recent output, as plain text. */
export function terminalText(replay: string): string {
  return stripAnsi(replay).split('\n').slice(-200).join('\n');
}
