import { HooksView } from '../hooks';
import { McpView } from '../mcp';
import { SteeringView } from '../steering';
import { useWorkbench, type AutomationTab } from '../../stores/workbench';

const TABS: { id: AutomationTab; label: string }[] = [
  { id: 'hooks', label: 'Hooks' },
  { id: 'steering', label: 'Steering' },
  { id: 'mcp', label: 'MCP' },
];

/** The `.kiro` automations in one side view: hooks, steering files and MCP servers, a tab each. */
export function AutomationsView() {
  const tab = useWorkbench((s) => s.automationTab);
  return (
    <div className="automations-view">
      <div className="spec-tabs automations-tabs" role="tablist" aria-label="Automations">
        {TABS.map((t) => (
          <button key={t.id} role="tab" aria-selected={tab === t.id} className={tab === t.id ? 'active' : ''} onClick={() => useWorkbench.getState().showAutomations(t.id)}>
            {t.label}
          </button>
        ))}
      </div>
      <div className="automations-body">
        {tab === 'hooks' && <HooksView />}
        {tab === 'steering' && <SteeringView />}
        {tab === 'mcp' && <McpView />}
      </div>
    </div>
  );
}
