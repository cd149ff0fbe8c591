import { Suspense, lazy, useRef, useState } from 'react';
import { EditorArea } from '../features/editor';
import { Explorer } from '../features/explorer';
import { useReview } from '../stores/review';
import { useGit } from '../stores/git';
import { Panel } from './Panel';
import { Icon, type IconName } from '../components/Icon';
import { useWorkbench, type SideView } from '../stores/workbench';
import { StatusBar } from './StatusBar';

// Side views other than the explorer load when first shown: the first screen needs only the
// editor and the explorer (the automations view alone brings zod for its forms).
const ChatView = lazy(() => import('../features/chat/ChatView').then((m) => ({ default: m.ChatView })));
const ScmView = lazy(() => import('../features/scm/ScmView').then((m) => ({ default: m.ScmView })));
const SearchView = lazy(() => import('../features/search/SearchView').then((m) => ({ default: m.SearchView })));
const ReviewView = lazy(() => import('../features/review/ReviewView').then((m) => ({ default: m.ReviewView })));
const SpecsView = lazy(() => import('../features/specs/SpecsView').then((m) => ({ default: m.SpecsView })));
const AutomationsView = lazy(() => import('../features/automations/AutomationsView').then((m) => ({ default: m.AutomationsView })));

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

/** The side views in the activity bar, top to bottom. */
const ACTIVITIES: { view: SideView; label: string; title: string; icon: IconName }[] = [
  { view: 'explorer', label: 'Explorer', title: 'Explorer (Ctrl+Shift+E)', icon: 'files' },
  { view: 'search', label: 'Search', title: 'Search (Ctrl+Shift+F)', icon: 'search' },
  { view: 'scm', label: 'Source Control', title: 'Source Control (Ctrl+Shift+G)', icon: 'git' },
  { view: 'review', label: 'Review', title: 'Review: pending agent changes and checkpoints', icon: 'review' },
  { view: 'specs', label: 'Specs', title: 'Specs (Ctrl+Alt+K): requirements → design → tasks', icon: 'specs' },
  { view: 'automations', label: 'Automations', title: 'Hooks, Steering and MCP', icon: 'automations' },
  { view: 'chat', label: 'Chat', title: 'Chat (Ctrl+Alt+I)', icon: 'chat' },
];

/** Activity bar, side bar, editor area, bottom panel and status bar. */
export function Workbench() {
  const sideView = useWorkbench((s) => s.sideView);
  const panelVisible = useWorkbench((s) => s.panelVisible);
  const changeCount = useGit((s) => s.status?.changes.length ?? 0);
  const pendingCount = useReview((s) => s.pending.length);
  const root = useWorkbench((s) => s.workspace.root);
  const badges: Partial<Record<SideView, number>> = { scm: changeCount, review: pendingCount };
  const [sideWidth, setSideWidth] = useState(260);
  const [panelHeight, setPanelHeight] = useState(260);
  return (
    <div className="workbench">
      <div className="workbench-main">
        <nav className="activity-bar" aria-label="Activity Bar">
          {ACTIVITIES.map((a) => (
            <button key={a.view} className={sideView === a.view ? 'active' : ''} title={a.title} aria-label={a.label} onClick={() => useWorkbench.getState().toggleSideView(a.view)}>
              <Icon name={a.icon} size={a.view === 'explorer' ? 24 : 22} />
              {(badges[a.view] ?? 0) > 0 && <span className="activity-badge">{badges[a.view]}</span>}
            </button>
          ))}
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
              <Suspense fallback={<div className="muted side-loading">Loading…</div>}>
                {sideView === 'search' && <SearchView />}
                {sideView === 'scm' && <ScmView />}
                {sideView === 'review' && <ReviewView />}
                {sideView === 'specs' && <SpecsView />}
                {sideView === 'automations' && <AutomationsView />}
                {sideView === 'chat' && <ChatView key={root ?? ''} />}
              </Suspense>
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
