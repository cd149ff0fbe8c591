/**
 * The requirements.md writer. Parts read by parseRequirements keep their original lines while
 * their values still match them; an edited part is re-rendered in Kiro's layout, and parts the
 * document gains are inserted where Kiro puts them.
 */

import { joinLines, documentTitle, type Eol } from './lines';
import type { GlossaryEntry, Requirement, RequirementsDocument, RequirementsLayout } from './requirements';
import { parseRequirementBlock, readGlossary, readIntroduction } from './requirements-parts';

/** Renders a requirements document; parse → write is byte-identical and unedited parts keep their lines. */
export function writeRequirements(doc: RequirementsDocument, eol?: Eol): string {
  const layout = doc.layout;
  const lines = layout ? fromLayout(doc, layout) : canonical(doc);
  return joinLines(lines, eol ?? layout?.eol ?? '\n', layout?.finalNewline ?? true, layout?.bom ?? false);
}

/** Collects lines; a generated block is set off from its neighbours by a blank line, verbatim ones are left as they were. */
class Output {
  readonly lines: string[] = [];
  private lastVerbatim = true;

  add(lines: readonly string[], verbatim: boolean): void {
    if (!lines.length) return;
    const last = this.lines[this.lines.length - 1];
    if ((!verbatim || !this.lastVerbatim) && last !== undefined && last.trim()) this.lines.push('');
    this.lines.push(...lines);
    this.lastVerbatim = verbatim;
  }
}

function fromLayout(doc: RequirementsDocument, layout: RequirementsLayout): string[] {
  const has = (kind: string) => layout.parts.some((p) => p.kind === kind);
  const glossary = doc.glossary ?? [];
  const out = new Output();
  const part = (lines: string[], same: boolean, render: () => string[]) => out.add(same ? lines : render(), same);
  for (const p of layout.parts) {
    switch (p.kind) {
      case 'title':
        // a title edit changes one line in place, so the part still counts as verbatim
        out.add(doc.title === undefined ? p.lines : titleLines(p.lines, doc.title), true);
        if (!has('introduction') && doc.introduction) out.add(introLines(doc.introduction), false);
        if (!has('introduction') && !has('glossary') && glossary.length) out.add(glossaryLines(glossary), false);
        break;
      case 'introduction':
        part(p.lines, doc.introduction === undefined || doc.introduction === readIntroduction(p.lines), () => introLines(doc.introduction ?? ''));
        if (!has('glossary') && glossary.length) out.add(glossaryLines(glossary), false);
        break;
      case 'glossary':
        part(p.lines, doc.glossary === undefined || sameGlossary(readGlossary(p.lines), glossary), () => glossaryLines(glossary));
        break;
      case 'requirements':
        for (const r of doc.requirements ?? []) addRequirement(out, r);
        break;
      default:
        out.add(p.lines, true);
    }
  }
  if (!has('requirements') && doc.requirements?.length) {
    if (!out.lines.some((l) => /^##[ \t]+Requirements[ \t]*$/i.test(l))) out.add(['## Requirements'], false);
    for (const r of doc.requirements) addRequirement(out, r);
  }
  return out.lines;
}

/** Kiro's layout for a document built in code. */
function canonical(doc: RequirementsDocument): string[] {
  const out = new Output();
  out.add([`# ${doc.title || 'Requirements Document'}`], false);
  out.add(introLines(doc.introduction ?? ''), false);
  if (doc.glossary?.length) out.add(glossaryLines(doc.glossary), false);
  out.add(['## Requirements'], false);
  for (const r of doc.requirements ?? []) addRequirement(out, r);
  return out.lines;
}

/** Replaces (or adds) the title heading, keeping the other lines of the part. */
function titleLines(lines: string[], title: string): string[] {
  const found = documentTitle(lines);
  if ((found?.text ?? '') === title) return lines;
  const copy = [...lines];
  if (found) copy[found.index] = `# ${title}`;
  else copy.unshift(`# ${title}`, '');
  return copy;
}

function introLines(intro: string): string[] {
  return intro ? ['## Introduction', '', ...intro.split(/\r?\n/)] : ['## Introduction'];
}

function glossaryLines(glossary: readonly GlossaryEntry[]): string[] {
  return ['## Glossary', '', ...glossary.map((g) => `- **${g.term}**: ${g.definition}`)];
}

function sameGlossary(a: readonly GlossaryEntry[], b: readonly GlossaryEntry[]): boolean {
  return a.length === b.length && a.every((e, i) => e.term === b[i].term && e.definition === b[i].definition);
}

/** A requirement's own lines while it is unedited; else Kiro's layout, followed by the text that was attached to it. */
function addRequirement(out: Output, r: Requirement): void {
  if (!r.source?.length) return out.add(canonicalRequirement(r), false);
  const read = parseRequirementBlock(r.source, 1);
  if (sameRequirement(read.requirement, r)) return out.add(r.source, true);
  const tail = r.source.slice(read.end);
  out.add([...canonicalRequirement(r), ...(tail.length && tail[0].trim() ? [''] : []), ...tail], false);
}

function sameRequirement(a: Requirement, b: Requirement): boolean {
  return a.number === b.number && a.title === b.title && a.userStory === b.userStory
    && a.criteria.length === (b.criteria ?? []).length
    && a.criteria.every((c, i) => c.number === b.criteria[i].number && c.text === b.criteria[i].text);
}

function canonicalRequirement(r: Requirement): string[] {
  const title = !r.title ? '' : /^[\s:.(–—-]/.test(r.title) ? r.title : `: ${r.title}`;
  const out = [`### Requirement ${r.number}${title}`, ''];
  if (r.userStory !== undefined) out.push(`**User Story:** ${r.userStory}`, '');
  out.push('#### Acceptance Criteria', '');
  for (const c of r.criteria ?? []) out.push(`${c.number}. ${c.text.replace(/\s*\r?\n\s*/g, ' ')}`);
  while (out[out.length - 1] === '') out.pop();
  return out;
}
