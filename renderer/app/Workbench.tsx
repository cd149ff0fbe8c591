import { useRef, useState } from 'react';
import { EditorArea } from '../features/editor';
import { Explorer } from '../features/explorer';
import { TerminalPanel } from '../features/terminal';
import { Icon } from '../components/Icon';
import { useWorkbench } from '../stores/workbench';
import { StatusBar } from './StatusBar';

function Sash(props: { direction: 'vertical' | 'horizontal'; onDrag: (delta: number) => void }) {
  const start = useRef(0);
  return (
    <div
      className={`sash sash-${props.direction}`}
      onPointerDown={(e) => {
        start.current = props.direction === 'vertical' ? e.clientX : e.clientY;
        (e.target as HTMLElement).setPointerCapture(e.pointerId);
      }}
      onPointerMove={(e) => {
        if (!(e.target as HTMLElement).hasPointerCapture(e.pointerId)) return;
        const pos = props.direction === 'vertical' ? e.clientX : e.clientY;
        props.onDrag(pos - start.current);
        start.current = pos;
      }}
    />
  );
}

/** Activity bar, side bar, editor area, bottom panel and status bar. */
export function Workbench() {
  const sideView = useWorkbench((s) => s.sideView);
  const panelVisible = useWorkbench((s) => s.panelVisible);
  const [sideWidth, setSideWidth] = useState(260);
  const [panelHeight, setPanelHeight] = useState(260);
  return (
    <div className="workbench">
      <div className="workbench-main">
        <nav className="activity-bar" aria-label="Activity Bar">
          <button
            className={sideView === 'explorer' ? 'active' : ''}
            title="Explorer (Ctrl+Shift+E)"
            aria-label="Explorer"
            onClick={() => useWorkbench.getState().toggleSideView('explorer')}
          >
            <Icon name="files" size={24} />
          </button>
          <span className="activity-spacer" />
          <button
            className={panelVisible ? 'active' : ''}
            title="Terminal (Ctrl+`)"
            aria-label="Toggle Terminal"
            onClick={() => useWorkbench.getState().setPanelVisible(!panelVisible)}
          >
            <Icon name="terminal" size={22} />
          </button>
        </nav>
        {sideView && (
          <>
            <aside className="side-bar" style={{ width: sideWidth }}>
              {sideView === 'explorer' && <Explorer />}
            </aside>
            <Sash direction="vertical" onDrag={(d) => setSideWidth((w) => Math.min(800, Math.max(160, w + d)))} />
          </>
        )}
        <main className="center">
          <EditorArea />
          {panelVisible && (
            <>
              <Sash direction="horizontal" onDrag={(d) => setPanelHeight((h) => Math.min(900, Math.max(80, h - d)))} />
              <div style={{ height: panelHeight }} className="panel-slot">
                <TerminalPanel />
              </div>
            </>
          )}
        </main>
      </div>
      <StatusBar />
    </div>
  );
}
