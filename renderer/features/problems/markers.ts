import { api } from '../../app/api';
import { useProblems, type Problem } from '../../stores/problems';
import { monaco } from '../editor/monaco';

function severity(s: monaco.MarkerSeverity): Problem['severity'] {
  if (s === monaco.MarkerSeverity.Error) return 'error';
  if (s === monaco.MarkerSeverity.Warning) return 'warning';
  return 'info';
}

/** Mirrors Monaco's markers (TypeScript, JSON, CSS, HTML workers) into the problems store. */
export function bindMarkers(): () => void {
  let frame = 0;
  const collect = () => {
    frame = 0;
    const problems = monaco.editor
      .getModelMarkers({})
      .filter((m) => m.resource.scheme === 'file' && m.severity >= monaco.MarkerSeverity.Info)
      .map((m) => ({
        path: m.resource.path.replace(/^\//, ''),
        severity: severity(m.severity),
        message: m.message,
        line: m.startLineNumber,
        column: m.startColumn,
        source: m.source ?? m.owner,
      }))
      .sort((a, b) => a.path.localeCompare(b.path) || a.line - b.line || a.column - b.column);
    useProblems.getState().set(problems);
    // the agent's get_diagnostics tool reads them in main
    void api()
      .call('problems.report', { problems: problems.slice(0, 10_000).map(({ path, severity, message, line, column }) => ({ path, severity, message, line, column })) })
      .catch(() => undefined);
  };
  const sub = monaco.editor.onDidChangeMarkers(() => {
    if (!frame) frame = requestAnimationFrame(collect);
  });
  return () => {
    sub.dispose();
    cancelAnimationFrame(frame);
  };
}
