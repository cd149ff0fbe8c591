import { VirtualList } from '../../components/VirtualList';
import { useProblems } from '../../stores/problems';
import { openFile } from '../editor';

const ICON = { error: '⊗', warning: '⚠', info: 'ⓘ' } as const;

/** Every diagnostic, by file; click to jump there. */
export function ProblemsView() {
  const problems = useProblems((s) => s.problems);
  if (!problems.length) return <div className="empty-editor">No problems have been detected in the open files.</div>;
  return (
    <VirtualList
      label="Problems"
      className="problems-list"
      rows={problems}
      rowHeight={22}
      render={(p) => (
        <div className={`tree-row problem ${p.severity}`} role="treeitem" data-path={p.path} onClick={() => void openFile(p.path, { focus: true, line: p.line, column: p.column })}>
          <span className={`sev sev-${p.severity}`}>{ICON[p.severity]}</span>
          <span className="label">{p.message}</span>
          <span className="muted small">
            {' '}
            {p.source} · {p.path} [Ln {p.line}, Col {p.column}]
          </span>
        </div>
      )}
    />
  );
}
