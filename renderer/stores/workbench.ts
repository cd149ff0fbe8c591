import { create } from 'zustand';
import type { HostInfo, Settings, WorkspaceInfo } from '../../shared/ipc/contract';

export type SideView = 'explorer' | 'search' | 'scm' | 'review' | 'specs' | 'automations' | 'chat';
export type AutomationTab = 'hooks' | 'steering' | 'mcp';
export type PanelView = 'terminal' | 'problems';

interface Notice {
  id: number;
  kind: 'error' | 'info';
  text: string;
}

interface WorkbenchState {
  host: HostInfo | null;
  workspace: WorkspaceInfo;
  /**
   * False until the first answer about the open folder is applied: until then the page shows
   * neither the welcome page nor the workbench (a reload of an open folder would flash the
   * welcome page first).
   */
  workspaceKnown: boolean;
  settings: Settings | null;
  connected: boolean;
  sideView: SideView | null;
  automationTab: AutomationTab;
  /** Shows the automations view on one of its tabs. */
  showAutomations(tab: AutomationTab): void;
  /** The side view to bring back when the side bar is toggled on again. */
  lastSideView: SideView;
  panelVisible: boolean;
  panelView: PanelView;
  folderPickerOpen: boolean;
  notices: Notice[];
  setHost(host: HostInfo): void;
  setWorkspace(info: WorkspaceInfo): void;
  setSettings(s: Settings): void;
  setConnected(c: boolean): void;
  toggleSideView(view: SideView): void;
  showSideView(view: SideView): void;
  toggleSideBar(): void;
  setPanelVisible(v: boolean): void;
  showPanel(view: PanelView): void;
  /** Shows the panel on `view`, or hides it when it already shows `view`. */
  togglePanel(view: PanelView): void;
  setFolderPickerOpen(v: boolean): void;
  /** Shows a notice (at most five at once, the oldest going first); one already showing with the same text is moved to the front instead of shown twice. */
  notify(kind: Notice['kind'], text: string): void;
  dismiss(id: number): void;
}

let nextNotice = 1;

/** App-wide UI state: host, open folder, settings, layout and notifications. */
export const useWorkbench = create<WorkbenchState>((set) => ({
  host: null,
  workspace: { root: null, name: null },
  workspaceKnown: false,
  settings: null,
  connected: true,
  sideView: 'explorer',
  automationTab: 'hooks',
  showAutomations: (automationTab) => set({ automationTab, sideView: 'automations', lastSideView: 'automations' }),
  lastSideView: 'explorer',
  panelVisible: false,
  panelView: 'terminal',
  folderPickerOpen: false,
  notices: [],
  setHost: (host) => set({ host }),
  setWorkspace: (workspace) => set({ workspace, workspaceKnown: true }),
  setSettings: (settings) => set({ settings }),
  setConnected: (connected) => set({ connected }),
  toggleSideView: (view) => set((s) => ({ sideView: s.sideView === view ? null : view, lastSideView: view })),
  showSideView: (view) => set({ sideView: view, lastSideView: view }),
  toggleSideBar: () => set((s) => ({ sideView: s.sideView ? null : s.lastSideView })),
  setPanelVisible: (panelVisible) => set({ panelVisible }),
  showPanel: (panelView) => set({ panelVisible: true, panelView }),
  togglePanel: (view) => set((s) => (s.panelVisible && s.panelView === view ? { panelVisible: false } : { panelVisible: true, panelView: view })),
  setFolderPickerOpen: (folderPickerOpen) => set({ folderPickerOpen }),
  // the same message again (a save refused twice, a file broken by each keystroke) is one notice, brought to the front
  notify: (kind, text) => set((s) => ({ notices: [...s.notices.filter((n) => n.kind !== kind || n.text !== text).slice(-4), { id: nextNotice++, kind, text }] })),
  dismiss: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
}));

/** Shows an error where the person is looking (a toast), never only in the console. */
export function notifyError(text: string): void {
  useWorkbench.getState().notify('error', text);
}
