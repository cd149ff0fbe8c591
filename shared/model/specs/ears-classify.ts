/**
 * EARS (Easy Approach to Requirements Syntax) classification of one statement. Keywords
 * match case-insensitively (Kiro writes them upper-case). The main clause is
 * `THE <system> SHALL <response>`; before it come optional clauses in the order
 * WHERE → WHILE → WHEN/IF, separated by commas, and `THEN` after an IF (or, in older Kiro
 * files, after a WHEN: `WHEN … THEN … SHALL …`).
 */

import { clip } from './diagnostics';
import { trimEndOf } from './lines';

export type EarsPattern = 'ubiquitous' | 'event' | 'state' | 'unwanted' | 'optional' | 'complex';
export type EarsKeyword = 'WHERE' | 'WHILE' | 'WHEN' | 'IF';

/** One problem, located by offsets in the sentence, with a fix when the remedy is obvious. */
export interface EarsIssue {
  code: 'ears-pattern' | 'ears-shall' | 'ears-order' | 'ears-form';
  message: string;
  start: number;
  end: number;
  /** Text that fixes the issue, replacing [fixStart, fixEnd) (by default [start, end)). */
  replacement?: string;
  fixStart?: number;
  fixEnd?: number;
}

export interface EarsClause {
  keyword: EarsKeyword;
  /** The clause as written, keyword included, without the separating comma. */
  text: string;
  start: number;
}

export interface EarsResult {
  pattern: EarsPattern | null;
  system?: string;
  /** Offset of the system name in the sentence. */
  systemStart?: number;
  response?: string;
  /** The issues' messages. */
  problems: string[];
  issues: EarsIssue[];
  clauses: EarsClause[];
  /** True for the older `WHEN … THEN … SHALL` form. */
  legacy?: boolean;
}

const RANK: Record<EarsKeyword, number> = { WHERE: 0, WHILE: 1, WHEN: 2, IF: 2 };
const SINGLE: Record<EarsKeyword, EarsPattern> = { WHERE: 'optional', WHILE: 'state', WHEN: 'event', IF: 'unwanted' };
const PRONOUN = /^(it|they|them)$/i;
/** How the patterns read, for messages. */
export const EARS_PATTERNS = 'ubiquitous "THE <system> SHALL <response>", event "WHEN <trigger>, THE <system> SHALL …", state "WHILE <state>, …", unwanted "IF <condition>, THEN THE <system> SHALL …", optional "WHERE <feature>, …", or those clauses combined in the order WHERE, WHILE, WHEN/IF';

function lastMatch(re: RegExp, text: string): RegExpExecArray | null {
  let last: RegExpExecArray | null = null;
  for (const m of text.matchAll(re)) last = m as RegExpExecArray;
  return last;
}

/** Classifies one statement against the EARS patterns; never throws. */
export function classifyEars(sentence: string): EarsResult {
  const s = typeof sentence === 'string' ? sentence : '';
  const issues: EarsIssue[] = [];
  const clauses: EarsClause[] = [];
  const begin = s.length - s.trimStart().length;
  const end = Math.max(begin, s.trimEnd().length);
  const done = (pattern: EarsPattern | null, extra: Partial<EarsResult> = {}): EarsResult => ({ pattern, ...extra, problems: issues.map((i) => i.message), issues, clauses });
  const unmatched = (why: string) => {
    issues.push({ code: 'ears-pattern', message: `"${clip(s)}" follows no EARS pattern (${why}): use ${EARS_PATTERNS}`, start: begin, end });
    return done(null);
  };
  if (!s.trim()) return unmatched('it is empty');

  const shall = /\bSHALL\b/i.exec(s);
  if (!shall) {
    issues.push(noShall(s, begin, end));
    return unmatched('it has no SHALL');
  }
  const shallAt = shall.index;
  const mainEnd = shallAt + shall[0].length;
  const prefix = s.slice(0, shallAt);

  // The main clause starts after the last comma or THEN before SHALL ...
  let mainStart = 0;
  let then = false;
  const comma = prefix.lastIndexOf(',');
  const thenWord = lastMatch(/\bTHEN\b/gi, prefix);
  if (thenWord && thenWord.index > comma) {
    mainStart = thenWord.index + thenWord[0].length;
    then = true;
  } else if (comma >= 0) mainStart = comma + 1;
  // ... unless a comma is missing ("WHEN x THE System SHALL"): then it starts at the last THE or pronoun.
  let subject = s.slice(mainStart, shallAt);
  let missingComma = false;
  if (!/^\s*THE\s/i.test(subject) && !PRONOUN.test(subject.trim())) {
    const at = lastMatch(/\b(?:THE\s|(?:it|they|them)\s*$)/gi, subject);
    if (at && at.index > 0 && !then) {
      mainStart += at.index;
      subject = s.slice(mainStart, shallAt);
      missingComma = true;
    }
  }

  const subjectStart = mainStart + (subject.length - subject.trimStart().length);
  const the = /^THE\s+/i.exec(subject.trimStart());
  const system = (the ? subject.trimStart().slice(the[0].length) : subject).trim();
  const systemStart = subjectStart + (the ? the[0].length : 0);
  if (!system) return unmatched('no system name before SHALL');
  if (!the && !PRONOUN.test(system)) return unmatched(`"${clip(system, 30)} SHALL" has no THE before the system name`);
  const response = s.slice(mainEnd).trim().replace(/\.$/, '');
  if (!response) return unmatched('nothing follows SHALL');

  // The clauses before the main clause.
  let preEnd = mainStart;
  if (then) preEnd = thenWord?.index ?? mainStart;
  const pre = trimEndOf(s.slice(0, preEnd), ' \t\n\r\u00a0,');
  if (pre.trim()) {
    const starts = [...pre.matchAll(/(^|,)\s*(?:and\s+)?(WHERE|WHILE|WHEN|IF)\b/gi)];
    if (!starts.length || starts[0].index !== 0) {
      const lead = pre.slice(0, starts[0]?.index ?? pre.length).trim();
      return unmatched(`"${clip(lead, 30)}" does not start with WHEN, WHILE, IF or WHERE`);
    }
    starts.forEach((m, k) => {
      const start = (m.index ?? 0) + m[0].length - m[2].length;
      const stop = starts[k + 1]?.index ?? pre.length;
      clauses.push({ keyword: m[2].toUpperCase() as EarsKeyword, text: s.slice(start, stop).trim(), start });
    });
    const empty = clauses.find((c) => !c.text.slice(c.keyword.length).trim());
    if (empty) return unmatched(`"${empty.keyword}" is not followed by a condition`);
  }

  if (missingComma) {
    issues.push({ code: 'ears-form', message: `Add a comma before "${clip(s.slice(subjectStart, mainEnd), 40)}": EARS separates the condition from the main clause`, start: subjectStart, end: mainEnd, fixStart: pre.length, fixEnd: pre.length, replacement: ',' });
  }
  const last = clauses[clauses.length - 1];
  if (last?.keyword === 'IF' && !then) {
    issues.push({ code: 'ears-form', message: `Write "THEN" before "${clip(s.slice(subjectStart, mainEnd), 40)}": the unwanted-behaviour pattern is "IF <condition>, THEN THE <system> SHALL …"`, start: subjectStart, end: mainEnd, replacement: 'THEN ', fixStart: subjectStart, fixEnd: subjectStart });
  }
  if (then && !last) {
    issues.push({ code: 'ears-form', message: '"THEN" follows no IF condition: remove it, or add "IF <condition>," before it', start: thenWord?.index ?? 0, end: mainStart });
  }
  checkOrder(clauses, subjectStart, then, issues);

  const pattern: EarsPattern = clauses.length === 0 ? 'ubiquitous' : clauses.length === 1 ? SINGLE[clauses[0].keyword] : 'complex';
  const legacy = then && last?.keyword === 'WHEN' ? true : undefined;
  return done(pattern, { system, systemStart, response, ...(legacy ? { legacy } : {}) });
}

/** An out-of-order clause (`WHEN` before `WHILE`); the fix rewrites the clauses in order. */
function checkOrder(clauses: EarsClause[], subjectStart: number, then: boolean, issues: EarsIssue[]): void {
  let top: EarsClause | undefined;
  for (const c of clauses) {
    if (top && RANK[c.keyword] < RANK[top.keyword]) {
      const sorted = [...clauses].sort((a, b) => RANK[a.keyword] - RANK[b.keyword]);
      issues.push({
        code: 'ears-order',
        message: `"${clip(c.text, 40)}" should come before "${clip(top.text, 40)}": EARS orders clauses WHERE, WHILE, WHEN/IF, then THE <system> SHALL`,
        start: c.start, end: c.start + c.text.length,
        fixStart: clauses[0].start, fixEnd: subjectStart, replacement: `${sorted.map((x) => x.text).join(', ')}, ${then ? 'THEN ' : ''}`,
      });
      return;
    }
    if (!top || RANK[c.keyword] >= RANK[top.keyword]) top = c;
  }
}

/** The ears-shall issue: with a fix when the statement reads "THE X WILL/MUST/SHOULD/CAN/MAY …" and X looks like a system name. */
function noShall(s: string, begin: number, end: number): EarsIssue {
  const m = /(^|,|\bTHEN\b)(\s*)(THE)\s+([^,]+?)\s+(will|must|should|can|may)\b/i.exec(s);
  if (m) {
    const start = m.index + m[0].length - m[5].length;
    const systemLike = m[3] === 'THE' || /^[A-Z]/.test(m[4]);
    return {
      code: 'ears-shall', start, end: start + m[5].length,
      message: `No "SHALL" in "${clip(s)}": write "SHALL" instead of "${m[5]}" (EARS states what THE <system> SHALL do)`,
      ...(systemLike ? { replacement: 'SHALL' } : {}),
    };
  }
  return { code: 'ears-shall', start: begin, end, message: `No "SHALL" in "${clip(s)}": state what THE <system> SHALL do` };
}
