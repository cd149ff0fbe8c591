import type { SpecDetail } from '../../../shared/ipc/contract';
import { lintRequirements, parseBugfix, parseDesign, parseRequirements, parseTasks, type SpecTask } from '../../../shared/model/specs';
import type { SearchService } from '../search/service';
import { DOC_FILES, specPath, type DocKind } from './store';

/** Where tests live, by the usual conventions. */
const TEST_GLOBS = ['**/*.test.*', '**/*.spec.*', '**/*_test.*', '**/test_*.*', '**/test/**', '**/tests/**', '**/__tests__/**'];
/** A line that cites criteria: "Requirements 1.2", "Validates: 1.2, 2.1", "_Requirements: 1.1_", "R1.2". */
const CITE = String.raw`([Rr]equirements?|[Vv]alidates)\b[^\n]{0,40}?\d+\.\d+|\bR\d+\.\d+\b`;

/** Criterion ids cited on one line of a test. */
export function citedIds(line: string): string[] {
  const ids = new Set<string>();
  for (const m of line.matchAll(/\bR(\d+\.\d+)\b/g)) ids.add(m[1]);
  const kw = line.search(/[Rr]equirements?|[Vv]alidates/);
  if (kw >= 0) for (const m of line.slice(kw).matchAll(/(?<![\d.])(\d+\.\d+)(?![\d.]*\d)/g)) ids.add(m[1]);
  return [...ids];
}

async function testsCiting(search: SearchService): Promise<Map<string, string[]>> {
  const out = new Map<string, Set<string>>();
  try {
    await search.text(
      { pattern: CITE, isRegex: true, caseSensitive: true, wholeWord: false, include: TEST_GLOBS, exclude: [] },
      2000,
      (f) => {
        for (const m of f.matches) {
          for (const id of citedIds(m.preview)) {
            if (!out.has(id)) out.set(id, new Set());
            out.get(id)!.add(f.path);
          }
        }
      },
      AbortSignal.timeout(5000),
    );
  } catch {
    // no search (no folder, or it timed out): the view shows tasks and files without tests
  }
  return new Map([...out].map(([k, v]) => [k, [...v].sort()]));
}

/** Each acceptance criterion with the tasks citing it, the files they changed and the tests mentioning it. */
export async function traceability(opts: {
  docs: Partial<Record<DocKind, string>>;
  specType: 'feature' | 'bugfix';
  tasks: SpecTask[];
  files: Record<string, string[]>;
  search: SearchService;
}): Promise<SpecDetail['trace']> {
  const criteria =
    opts.specType === 'bugfix'
      ? opts.docs.bugfix
        ? (() => {
            const b = parseBugfix(opts.docs.bugfix);
            return [...b.current, ...b.expected, ...b.unchanged];
          })()
        : []
      : opts.docs.requirements
        ? parseRequirements(opts.docs.requirements).requirements.flatMap((r) => r.criteria)
        : [];
  const known = new Set(criteria.map((c) => c.id));
  const tests = criteria.length ? await testsCiting(opts.search) : new Map<string, string[]>();
  const rows = criteria.map((c) => {
    const tasks = opts.tasks.filter((t) => t.requirements.includes(c.id)).map((t) => t.id);
    const files = [...new Set(tasks.flatMap((t) => opts.files[t] ?? []))].sort();
    return { id: c.id, text: c.text, tasks, files, tests: tests.get(c.id) ?? [] };
  });
  return {
    criteria: rows,
    uncovered: rows.filter((r) => !r.tasks.length).map((r) => r.id),
    unknownRefs: criteria.length ? opts.tasks.flatMap((t) => t.requirements.filter((r) => !known.has(r)).map((ref) => ({ task: t.id, ref }))) : [],
  };
}

/** Problems in a spec's documents, for the panel (the editor shows the same as diagnostics). */
export function docDiagnostics(name: string, docs: Partial<Record<DocKind, string>>): SpecDetail['diagnostics'] {
  const out: SpecDetail['diagnostics'] = [];
  const add = (kind: DocKind, list: { line: number; severity: string; message: string }[]) => {
    for (const d of list) out.push({ path: specPath(name, DOC_FILES[kind]), line: d.line, severity: d.severity, message: d.message });
  };
  if (docs.requirements) add('requirements', [...parseRequirements(docs.requirements).diagnostics, ...lintRequirements(docs.requirements)]);
  if (docs.bugfix) add('bugfix', parseBugfix(docs.bugfix).diagnostics);
  if (docs.design) add('design', parseDesign(docs.design).diagnostics);
  if (docs.tasks) add('tasks', parseTasks(docs.tasks).diagnostics);
  // the same problem reported by the parser and the lint is shown once
  const seen = new Set<string>();
  return out.filter((d) => {
    const key = `${d.path}:${d.line}:${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
