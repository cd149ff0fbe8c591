/** Steering files: `.kiro/steering/*.md` with optional front matter choosing when they are included. */

export type Inclusion = 'always' | 'fileMatch' | 'manual';

export interface SteeringDoc {
  name: string;
  inclusion: Inclusion;
  pattern?: string;
  body: string;
  /** What is wrong with the front matter, for the steering view; the file is still used as best it can be. */
  problems: string[];
  /** The file could not be read at all (its problem says why): listed, never given to the agent. */
  unreadable?: boolean;
}

const FRONT = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

/** Parses front matter (`inclusion`, `fileMatchPattern`); no front matter means always. Never throws. */
export function parseSteeringFile(name: string, text: string): SteeringDoc {
  const m = text.match(FRONT);
  if (!m) {
    const problems = text.startsWith('---') ? [`${name}.md: the front matter has no closing "---" line, so it is read as text and the file is always included.`] : [];
    return { name, inclusion: 'always', body: text, problems };
  }
  const fields = new Map<string, string>();
  const problems: string[] = [];
  m[1].split(/\r?\n/).forEach((line, i) => {
    if (!line.trim() || line.trim().startsWith('#')) return;
    const kv = line.match(/^\s*([\w-]+)\s*:\s*(.*?)\s*$/);
    if (!kv) return problems.push(`${name}.md line ${i + 2}: "${line.trim()}" is not "key: value".`);
    fields.set(kv[1], kv[2].replace(/^["'](.*)["']$/, '$1'));
  });
  const raw = fields.get('inclusion');
  let inclusion: Inclusion = 'always';
  if (raw === 'always' || raw === 'fileMatch' || raw === 'manual') inclusion = raw;
  else if (raw !== undefined) problems.push(`${name}.md: inclusion must be always, fileMatch or manual, got "${raw}"; it is treated as always.`);
  const pattern = fields.get('fileMatchPattern') || undefined;
  if (inclusion === 'fileMatch' && !pattern) problems.push(`${name}.md: inclusion is fileMatch but there is no fileMatchPattern, so it is never included.`);
  return { name, inclusion, pattern, body: text.slice(m[0].length), problems };
}

/** The file with its front matter set to these values; the body and other keys stay as they are. */
export function setSteeringFrontMatter(text: string, inclusion: Inclusion, pattern?: string): string {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const m = text.match(FRONT);
  const keep = m
    ? m[1]
        .split(/\r?\n/)
        .filter((l) => !/^\s*(inclusion|fileMatchPattern)\s*:/.test(l) && l.trim())
    : [];
  const lines = [`inclusion: ${inclusion}`, ...(inclusion === 'fileMatch' && pattern ? [`fileMatchPattern: ${JSON.stringify(pattern)}`] : []), ...keep];
  const body = m ? text.slice(m[0].length) : text;
  return `---${eol}${lines.join(eol)}${eol}---${eol}${body}`;
}
