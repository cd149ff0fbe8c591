import { create } from 'zustand';
import type { HostInfo, Settings, WorkspaceInfo } from '../../shared/ipc/contract';

export type SideView = 'explorer';

interface Notice {
  id: number;
  kind: 'error' | 'info';
  text: string;
}

interface WorkbenchState {
  host: HostInfo | null;
  workspace: WorkspaceInfo;
  settings: Settings | null;
  connected: boolean;
  sideView: SideView | null;
  panelVisible: boolean;
  folderPickerOpen: boolean;
  notices: Notice[];
  setHost(host: HostInfo): void;
  setWorkspace(info: WorkspaceInfo): void;
  setSettings(s: Settings): void;
  setConnected(c: boolean): void;
  toggleSideView(view: SideView): void;
  setPanelVisible(v: boolean): void;
  setFolderPickerOpen(v: boolean): void;
  notify(kind: Notice['kind'], text: string): void;
  dismiss(id: number): void;
}

let nextNotice = 1;

/** App-wide UI state: host, open folder, settings, layout and notifications. */
export const useWorkbench = create<WorkbenchState>((set) => ({
  host: null,
  workspace: { root: null, name: null },
  settings: null,
  connected: true,
  sideView: 'explorer',
  panelVisible: false,
  folderPickerOpen: false,
  notices: [],
  setHost: (host) => set({ host }),
  setWorkspace: (workspace) => set({ workspace }),
  setSettings: (settings) => set({ settings }),
  setConnected: (connected) => set({ connected }),
  toggleSideView: (view) => set((s) => ({ sideView: s.sideView === view ? null : view })),
  setPanelVisible: (panelVisible) => set({ panelVisible }),
  setFolderPickerOpen: (folderPickerOpen) => set({ folderPickerOpen }),
  notify: (kind, text) => set((s) => ({ notices: [...s.notices.slice(-4), { id: nextNotice++, kind, text }] })),
  dismiss: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
}));

/** Shows an error where the person is looking (a toast), never only in the console. */
export function notifyError(text: string): void {
  useWorkbench.getState().notify('error', text);
}
