import { lintRequirements, parseBugfix, parseDesign, parseRequirements, parseTasks, type SpecDiagnostic } from '../../../shared/model/specs';
import { useSpecs } from '../../stores/specs';
import { monaco } from '../editor/monaco';
import { startTask } from './specs';

const OWNER = 'specs';
const SPEC_DOC = /^\/\.kiro\/specs\/([^/]+)\/(requirements|bugfix|design|tasks)\.md$/;

function specDoc(model: monaco.editor.ITextModel): { spec: string; kind: string } | null {
  if (model.uri.scheme !== 'file') return null;
  const m = model.uri.path.match(SPEC_DOC);
  return m ? { spec: m[1], kind: m[2] } : null;
}

function diagnosticsFor(kind: string, text: string): SpecDiagnostic[] {
  if (kind === 'requirements') {
    const all = [...parseRequirements(text).diagnostics, ...lintRequirements(text)];
    const seen = new Set<string>();
    return all.filter((d) => {
      const key = `${d.line}:${d.column}:${d.message}`;
      return seen.has(key) ? false : (seen.add(key), true);
    });
  }
  if (kind === 'bugfix') return parseBugfix(text).diagnostics;
  if (kind === 'design') return parseDesign(text).diagnostics;
  return parseTasks(text).diagnostics;
}

const SEVERITY = { error: monaco.MarkerSeverity.Error, warning: monaco.MarkerSeverity.Warning, info: monaco.MarkerSeverity.Info } as const;
/** Quick fixes by model and marker position, for the code action provider. */
const fixes = new Map<string, Map<string, SpecDiagnostic>>();
const markerKey = (line: number, column: number, message: string) => `${line}:${column}:${message}`;

function lint(model: monaco.editor.ITextModel) {
  const doc = specDoc(model);
  if (!doc) return;
  const list = diagnosticsFor(doc.kind, model.getValue());
  const byKey = new Map<string, SpecDiagnostic>();
  monaco.editor.setModelMarkers(
    model,
    OWNER,
    list.map((d) => {
      const line = Math.min(Math.max(1, d.line), model.getLineCount());
      const maxCol = model.getLineMaxColumn(line);
      const startColumn = Math.min(Math.max(1, d.column), maxCol);
      const endColumn = Math.min(Math.max(startColumn + 1, d.endColumn), maxCol);
      if (d.fix) byKey.set(markerKey(line, startColumn, d.message), d);
      return { severity: SEVERITY[d.severity], message: d.message, code: d.code, source: 'spec', startLineNumber: line, startColumn, endLineNumber: line, endColumn };
    }),
  );
  fixes.set(model.uri.toString(), byKey);
}

/** The commands and lenses for tasks.md: "Start task" above each task, its status while it runs. */
const lensChanged = new monaco.Emitter<monaco.languages.CodeLensProvider>();

/**
 * Spec documents in the editor: EARS lint and format problems as diagnostics (with quick
 * fixes), and "Start task" above each task of a tasks.md.
 */
export function bindSpecEditor(): () => void {
  const disposables: monaco.IDisposable[] = [];
  const timers = new Map<string, number>();
  const watch = (model: monaco.editor.ITextModel) => {
    if (!specDoc(model)) return;
    lint(model);
    disposables.push(
      model.onDidChangeContent(() => {
        const key = model.uri.toString();
        clearTimeout(timers.get(key));
        timers.set(key, window.setTimeout(() => !model.isDisposed() && lint(model), 250));
      }),
    );
  };
  monaco.editor.getModels().forEach(watch);
  disposables.push(
    monaco.editor.onDidCreateModel(watch),
    monaco.editor.onWillDisposeModel((m) => fixes.delete(m.uri.toString())),
    monaco.languages.registerCodeActionProvider('markdown', {
      provideCodeActions(model, _range, context) {
        const byKey = fixes.get(model.uri.toString());
        if (!byKey) return { actions: [], dispose() {} };
        const actions: monaco.languages.CodeAction[] = [];
        for (const marker of context.markers) {
          if (marker.source !== 'spec') continue;
          const d = byKey.get(markerKey(marker.startLineNumber, marker.startColumn, marker.message));
          if (!d?.fix || d.fix.line < 1 || d.fix.line > model.getLineCount()) continue;
          actions.push({
            title: d.fix.title,
            kind: 'quickfix',
            diagnostics: [marker],
            isPreferred: true,
            edit: {
              edits: [
                {
                  resource: model.uri,
                  versionId: model.getVersionId(),
                  textEdit: { range: new monaco.Range(d.fix.line, 1, d.fix.line, model.getLineMaxColumn(d.fix.line)), text: d.fix.text },
                },
              ],
            },
          });
        }
        return { actions, dispose() {} };
      },
    }),
    monaco.editor.registerCommand('specwright.startTask', (_accessor, spec: string, id: string) => void startTask(spec, id)),
    monaco.languages.registerCodeLensProvider('markdown', {
      onDidChange: lensChanged.event,
      provideCodeLenses(model) {
        const doc = specDoc(model);
        if (!doc || doc.kind !== 'tasks') return { lenses: [], dispose() {} };
        const detail = useSpecs.getState().detail;
        const running = detail?.name === doc.spec ? detail.taskList.find((t) => t.running)?.id : undefined;
        const busy = detail?.name === doc.spec && detail.activity !== null;
        const lenses = parseTasks(model.getValue()).tasks.map((t) => {
          const title = t.id === running ? '◐ Running…' : t.status === 'done' ? '✓ Done' : t.status === 'inProgress' ? '◐ In progress' : busy ? '◌ Waiting' : '▶ Start task';
          const runnable = title === '▶ Start task';
          return {
            range: new monaco.Range(t.line, 1, t.line, 1),
            command: runnable ? { id: 'specwright.startTask', title, arguments: [doc.spec, t.id] } : { id: '', title },
          };
        });
        return { lenses, dispose() {} };
      },
    }),
  );
  const unsub = useSpecs.subscribe((s, prev) => {
    if (s.detail !== prev.detail) lensChanged.fire(undefined as unknown as monaco.languages.CodeLensProvider);
  });
  return () => {
    unsub();
    timers.forEach((t) => clearTimeout(t));
    disposables.forEach((d) => d.dispose());
  };
}
