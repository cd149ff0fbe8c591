import { useWorkbench } from '../../stores/workbench';

/** The bottom panel area; terminals live here. */
export function Panel() {
  return (
    <section className="panel" aria-label="Panel">
      <header className="panel-header">
        <span className="panel-title">Terminal</span>
        <button aria-label="Close Panel" title="Close Panel" onClick={() => useWorkbench.getState().setPanelVisible(false)}>
          ×
        </button>
      </header>
      <div className="panel-body" />
    </section>
  );
}
