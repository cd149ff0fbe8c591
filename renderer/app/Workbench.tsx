import { useRef, useState } from 'react';
import { EditorArea } from '../features/editor';
import { Explorer } from '../features/explorer';
import { ChatView } from '../features/chat';
import { ScmView } from '../features/scm';
import { SearchView } from '../features/search';
import { ReviewView } from '../features/review';
import { SpecsView } from '../features/specs';
import { AutomationsView } from '../features/automations';
import { useReview } from '../stores/review';
import { useGit } from '../stores/git';
import { Panel } from './Panel';
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
  const changeCount = useGit((s) => s.status?.changes.length ?? 0);
  const pendingCount = useReview((s) => s.pending.length);
  const root = useWorkbench((s) => s.workspace.root);
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
          <button
            className={sideView === 'search' ? 'active' : ''}
            title="Search (Ctrl+Shift+F)"
            aria-label="Search"
            onClick={() => useWorkbench.getState().toggleSideView('search')}
          >
            <Icon name="search" size={22} />
          </button>
          <button
            className={sideView === 'scm' ? 'active' : ''}
            title="Source Control (Ctrl+Shift+G)"
            aria-label="Source Control"
            onClick={() => useWorkbench.getState().toggleSideView('scm')}
          >
            <Icon name="git" size={22} />
            {changeCount > 0 && <span className="activity-badge">{changeCount}</span>}
          </button>
          <button
            className={sideView === 'review' ? 'active' : ''}
            title="Review: pending agent changes and checkpoints"
            aria-label="Review"
            onClick={() => useWorkbench.getState().toggleSideView('review')}
          >
            <Icon name="review" size={22} />
            {pendingCount > 0 && <span className="activity-badge">{pendingCount}</span>}
          </button>
          <button
            className={sideView === 'specs' ? 'active' : ''}
            title="Specs (Ctrl+Alt+K): requirements → design → tasks"
            aria-label="Specs"
            onClick={() => useWorkbench.getState().toggleSideView('specs')}
          >
            <Icon name="specs" size={22} />
          </button>
          <button
            className={sideView === 'automations' ? 'active' : ''}
            title="Hooks, Steering and MCP"
            aria-label="Automations"
            onClick={() => useWorkbench.getState().toggleSideView('automations')}
          >
            <Icon name="automations" size={22} />
          </button>
          <button className={sideView === 'chat' ? 'active' : ''} title="Chat (Ctrl+Alt+I)" aria-label="Chat" onClick={() => useWorkbench.getState().toggleSideView('chat')}>
            <Icon name="chat" size={22} />
          </button>
          <span className="activity-spacer" />
          <button
            className={panelVisible ? 'active' : ''}
            title="Terminal (Ctrl+`)"
            aria-label="Toggle Terminal"
            onClick={() => useWorkbench.getState().togglePanel('terminal')}
          >
            <Icon name="terminal" size={22} />
          </button>
        </nav>
        {sideView && (
          <>
            <aside className="side-bar" style={{ width: sideWidth }}>
              {sideView === 'explorer' && <Explorer />}
              {sideView === 'search' && <SearchView />}
              {sideView === 'scm' && <ScmView />}
              {sideView === 'review' && <ReviewView />}
              {sideView === 'specs' && <SpecsView />}
              {sideView === 'automations' && <AutomationsView />}
              {sideView === 'chat' && <ChatView key={root ?? ''} />}
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
                <Panel />
              </div>
            </>
          )}
        </main>
      </div>
      <StatusBar />
    </div>
  );
}
