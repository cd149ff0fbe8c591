import { create } from 'zustand';

/** Terminal tabs. Only metadata lives here; output goes straight into xterm (see the registry). */
export interface TerminalTab {
  id: number;
  title: string;
  exited?: { exitCode: number; signal?: number };
}

interface TerminalsState {
  tabs: TerminalTab[];
  active: number | null;
  add(tab: TerminalTab): void;
  replace(oldId: number, tab: TerminalTab): void;
  patch(id: number, patch: Partial<TerminalTab>): void;
  remove(id: number): void;
  activate(id: number | null): void;
}

export const useTerminals = create<TerminalsState>((set) => ({
  tabs: [],
  active: null,
  add: (tab) => set((s) => ({ tabs: s.tabs.some((t) => t.id === tab.id) ? s.tabs : [...s.tabs, tab], active: tab.id })),
  replace: (oldId, tab) => set((s) => ({ tabs: s.tabs.map((t) => (t.id === oldId ? tab : t)), active: s.active === oldId ? tab.id : s.active })),
  patch: (id, patch) => set((s) => ({ tabs: s.tabs.map((t) => (t.id === id ? { ...t, ...patch } : t)) })),
  remove: (id) =>
    set((s) => {
      const i = s.tabs.findIndex((t) => t.id === id);
      const tabs = s.tabs.filter((t) => t.id !== id);
      return { tabs, active: s.active === id ? (tabs[Math.max(0, i - 1)]?.id ?? null) : s.active };
    }),
  activate: (active) => set({ active }),
}));
