import { ProblemsView } from '../features/problems';
import { TerminalPanel } from '../features/terminal';
import { useProblems } from '../stores/problems';
import { useWorkbench } from '../stores/workbench';

/** The bottom panel: Terminal and Problems views. The terminal stays mounted only while shown; its xterm lives on. */
export function Panel() {
  const view = useWorkbench((s) => s.panelView);
  const count = useProblems((s) => s.problems.length);
  return (
    <div className="panel-frame">
      <div className="panel-views" role="tablist" aria-label="Panel">
        <button role="tab" aria-selected={view === 'problems'} className={view === 'problems' ? 'active' : ''} onClick={() => useWorkbench.getState().showPanel('problems')}>
          Problems{count ? ` (${count})` : ''}
        </button>
        <button role="tab" aria-selected={view === 'terminal'} className={view === 'terminal' ? 'active' : ''} onClick={() => useWorkbench.getState().showPanel('terminal')}>
          Terminal
        </button>
      </div>
      <div className="panel-view">{view === 'terminal' ? <TerminalPanel /> : <ProblemsView />}</div>
    </div>
  );
}
