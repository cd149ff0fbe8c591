// Chromium switches the desktop app starts its renderer with. Kept apart from main.ts (which
// imports Electron) so the benchmarks can start headless Chromium the same way.

/**
 * Chromium features the desktop app turns off.
 *
 * DeferRendererTasksAfterInput (on by default in current Chromium): after a keypress, Chromium
 * holds back every other task of the page (socket and IPC messages, timers) until it has
 * produced a frame. In a terminal, the task held back is the echo of the key just typed: it
 * arrives 1–3 ms after the key but waits for the next frame, so the glyph is drawn one frame
 * later than it could be. Measured (bench #5, headless Chromium, the served workbench):
 * keystroke → echo in the terminal's rows p50 ~31 ms with the deferral, ~12 ms without. What
 * the deferral protects is a frame after a keypress while the page is busy: typing in the editor
 * while a terminal floods had a p95 ~6 ms higher without it (p50 the same), a rarer case than
 * typing in a terminal. bench/README.md has the runs.
 */
export const DISABLED_FEATURES: readonly string[] = ['DeferRendererTasksAfterInput'];

/** The slice of Electron's `app.commandLine` that applying switches needs. */
export interface CommandLine {
  getSwitchValue(name: string): string;
  appendSwitch(name: string, value?: string): void;
}

/**
 * Adds DISABLED_FEATURES to `--disable-features`, keeping any the person started the app with
 * (Chromium reads the switch once, and the last value given wins, so the lists are merged).
 */
export function applyChromiumSwitches(commandLine: CommandLine): void {
  const given = commandLine
    .getSwitchValue('disable-features')
    .split(',')
    .map((f) => f.trim())
    .filter(Boolean);
  const merged = [...given, ...DISABLED_FEATURES.filter((f) => !given.includes(f))];
  commandLine.appendSwitch('disable-features', merged.join(','));
}

/** The same switches as command-line arguments, for a Chromium the benchmarks start. */
export function chromiumArgs(): string[] {
  return [`--disable-features=${DISABLED_FEATURES.join(',')}`];
}
