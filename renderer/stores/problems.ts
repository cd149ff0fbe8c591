import { create } from 'zustand';

export interface Problem {
  path: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  line: number;
  column: number;
  source: string;
}

interface ProblemsState {
  problems: Problem[];
  set(problems: Problem[]): void;
}

/** Diagnostics from every source (Monaco's language workers now; spec lint, hook files later). */
export const useProblems = create<ProblemsState>((set) => ({
  problems: [],
  set: (problems) => set({ problems }),
}));
