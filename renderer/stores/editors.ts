import { create } from 'zustand';

/** What a tab shows. Text content itself lives in Monaco models, never here. */
export type TabKind = 'text' | 'binary' | 'tooLarge' | 'error' | 'diff' | 'review' | 'permissions';

/** Tabs that are views (git diff, review, permissions), not files: `diff:src/a.ts`, `review:src/a.ts`, `permissions:`. */
export const isViewTab = (path: string): boolean => /^(diff|review|permissions):/.test(path);

export interface Tab {
  path: string;
  kind: TabKind;
  dirty: boolean;
  /** The file changed on disk while this tab had unsaved edits. */
  conflict: boolean;
  /** The file was deleted on disk. */
  deleted: boolean;
  /** A preview tab (italic) is replaced by the next preview; editing or double-clicking pins it. */
  preview?: boolean;
  large: boolean;
  /** The rest of a large file is still arriving (the editor is read-only until it has). */
  loading?: boolean;
  encoding: string;
  eol: '\n' | '\r\n';
  size: number;
  message?: string;
}

interface EditorsState {
  tabs: Tab[];
  active: string | null;
  cursor: { line: number; column: number };
  language: string;
  /** A side-by-side comparison of disk vs buffer for a conflicted tab. */
  comparing: string | null;
  /** Recently active files, most recent first (quick open shows them first). */
  recent: string[];
  setRecent(recent: string[]): void;
  /**
   * The folder's saved tabs are still being reopened (from the start: a load always restores),
   * so the editor area shows nothing rather than its "open a file" hint for a moment.
   */
  restoring: boolean;
  setRestoring(restoring: boolean): void;
  /** Bumped when the active editor should take keyboard focus. */
  focusRequest: number;
  requestFocus(): void;
  /** A position to show in the active editor once its model is on screen. */
  reveal: { path: string; line: number; column: number; nonce: number } | null;
  requestReveal(path: string, line: number, column: number): void;
  upsert(tab: Tab): void;
  /** Puts these tabs in this order (restoring a session opens them in another); others follow. */
  order(paths: string[]): void;
  patch(path: string, patch: Partial<Tab>): void;
  remove(path: string): void;
  rename(from: string, to: string): void;
  activate(path: string | null): void;
  setCursor(line: number, column: number): void;
  setLanguage(language: string): void;
  setComparing(path: string | null): void;
  reset(): void;
}

export const useEditors = create<EditorsState>((set) => ({
  tabs: [],
  active: null,
  cursor: { line: 1, column: 1 },
  language: '',
  comparing: null,
  recent: [],
  setRecent: (recent) => set({ recent }),
  restoring: true,
  setRestoring: (restoring) => set({ restoring }),
  focusRequest: 0,
  requestFocus: () => set((s) => ({ focusRequest: s.focusRequest + 1 })),
  reveal: null,
  requestReveal: (path, line, column) => set((s) => ({ reveal: { path, line, column, nonce: (s.reveal?.nonce ?? 0) + 1 } })),
  upsert: (tab) =>
    set((s) => {
      const i = s.tabs.findIndex((t) => t.path === tab.path);
      const tabs = i === -1 ? [...s.tabs, tab] : s.tabs.map((t, j) => (j === i ? tab : t));
      return { tabs };
    }),
  order: (paths) =>
    set((s) => {
      const rank = new Map(paths.map((p, i) => [p, i]));
      const at = (t: Tab) => rank.get(t.path) ?? paths.length;
      return { tabs: [...s.tabs].sort((a, b) => at(a) - at(b)) };
    }),
  patch: (path, patch) => set((s) => ({ tabs: s.tabs.map((t) => (t.path === path ? { ...t, ...patch } : t)) })),
  remove: (path) =>
    set((s) => {
      const i = s.tabs.findIndex((t) => t.path === path);
      if (i === -1) return s;
      const tabs = s.tabs.filter((t) => t.path !== path);
      const active = s.active === path ? (tabs[Math.min(i, tabs.length - 1)]?.path ?? null) : s.active;
      return { tabs, active, comparing: s.comparing === path ? null : s.comparing };
    }),
  rename: (from, to) =>
    set((s) => ({
      tabs: s.tabs.map((t) => (t.path === from ? { ...t, path: to } : t)),
      active: s.active === from ? to : s.active,
    })),
  activate: (active) =>
    set((s) => ({ active, recent: active && !isViewTab(active) ? [active, ...s.recent.filter((p) => p !== active)].slice(0, 50) : s.recent })),
  setCursor: (line, column) => set({ cursor: { line, column } }),
  setLanguage: (language) => set({ language }),
  setComparing: (comparing) => set({ comparing }),
  reset: () => set({ tabs: [], active: null, comparing: null }),
}));
