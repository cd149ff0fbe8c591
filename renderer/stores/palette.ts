import { create } from 'zustand';

export type PaletteMode = 'files' | 'commands' | null;

interface PaletteState {
  mode: PaletteMode;
  initial: string;
  open(mode: Exclude<PaletteMode, null>, initial?: string): void;
  close(): void;
}

/** Which picker is showing (quick open or the command palette). */
export const usePalette = create<PaletteState>((set) => ({
  mode: null,
  initial: '',
  open: (mode, initial = '') => set({ mode, initial }),
  close: () => set({ mode: null, initial: '' }),
}));
