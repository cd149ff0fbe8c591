import { create } from 'zustand';
import type { SpecDetail, SpecSummary } from '../../shared/ipc/contract';

interface SpecsStore {
  specs: SpecSummary[];
  /** The spec shown in the panel. */
  selected: string | null;
  detail: SpecDetail | null;
  /** The "New Spec" form is open. */
  creating: boolean;
  setSpecs(specs: SpecSummary[]): void;
  select(name: string | null): void;
  setDetail(d: SpecDetail | null): void;
  setCreating(v: boolean): void;
}

/** The workspace's specs as main reports them; tasks.md stays the source of task status. */
export const useSpecs = create<SpecsStore>((set) => ({
  specs: [],
  selected: null,
  detail: null,
  creating: false,
  setSpecs: (specs) => set({ specs }),
  select: (selected) => set((s) => ({ selected, detail: s.detail?.name === selected ? s.detail : null })),
  setDetail: (detail) => set({ detail }),
  setCreating: (creating) => set({ creating }),
}));
