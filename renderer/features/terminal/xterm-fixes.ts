/** Work-arounds for xterm.js behaviour that costs the workbench, each checked before it is applied. */

interface SelectionInternals {
  refresh(...args: unknown[]): void;
  readonly hasSelection: boolean;
}

/**
 * xterm 6 asks its selection layer to redraw on every scroll, selection or not, and with the
 * DOM renderer that redraw renders every row again (DomRenderer.handleSelectionChanged), outside
 * the normal render path: during output each frame rendered the rows twice, and synchronized
 * output could not hold them back. This skips the redraw when there was no selection at the
 * last one and there is none now (there is nothing to draw or to erase). It reaches into
 * xterm's internals, so it checks they are there: with another xterm it changes nothing.
 * Call it after `open()` (the selection layer is made there).
 */
export function skipIdleSelectionRedraws(term: object): boolean {
  const sel = (term as { _core?: { _selectionService?: Partial<SelectionInternals> } })._core?._selectionService;
  if (!sel || typeof sel.refresh !== 'function' || typeof sel.hasSelection !== 'boolean') return false;
  const refresh = sel.refresh.bind(sel);
  let drawn = false;
  sel.refresh = (...args: unknown[]) => {
    const has = sel.hasSelection === true;
    if (has || drawn) refresh(...args);
    drawn = has;
  };
  return true;
}

interface SyncInternals {
  coreService?: { decPrivateModes?: { synchronizedOutput?: boolean } };
  _syncTextArea?: () => void;
  _viewport?: { _sync?: (ydisp?: number) => void };
}

/** The part of the public Terminal this needs: the events after which a held update can go out. */
interface SyncTerminal {
  onRender(fn: () => void): { dispose(): void };
  onWriteParsed(fn: () => void): { dispose(): void };
}

/**
 * While xterm holds its rows back in synchronized output (DEC mode 2026: a program redrawing,
 * or the pacer during a flood), it still updated two things per line or per parsed chunk: the
 * scrollbar (the viewport re-synced its size and position on every scroll, i.e. every line
 * feed at the bottom) and the hidden textarea that follows the cursor (for IME). Each update
 * is a DOM write, so during a held flood the page still ran a style-and-layout frame nearly
 * every vsync (4–5 ms each in the workbench) for a view nobody could see change, on top of
 * the JavaScript itself. This holds both back with the rows: while the mode is on, the call is
 * noted instead of made, and made once when xterm next renders or has parsed a write with the
 * mode off. Like skipIdleSelectionRedraws, it checks the internals are there first; with
 * another xterm it changes nothing. Call it after `open()`.
 */
export function holdViewportWithSynchronizedOutput(term: SyncTerminal): boolean {
  const core = (term as { _core?: SyncInternals })._core;
  const modes = core?.coreService?.decPrivateModes;
  const viewport = core?._viewport;
  if (!core || !modes || typeof modes.synchronizedOutput !== 'boolean' || typeof core._syncTextArea !== 'function' || !viewport || typeof viewport._sync !== 'function') return false;
  const syncTextArea = core._syncTextArea.bind(core);
  const syncViewport = viewport._sync.bind(viewport);
  let textAreaDue = false;
  let viewportDue = false;
  const held = () => core.coreService?.decPrivateModes?.synchronizedOutput === true;
  core._syncTextArea = () => {
    if (held()) textAreaDue = true;
    else syncTextArea();
  };
  viewport._sync = (ydisp?: number) => {
    if (held()) viewportDue = true;
    else syncViewport(ydisp);
  };
  const catchUp = () => {
    if (held()) return;
    // the viewport first: the textarea is placed within the rows it shows
    if (viewportDue) {
      viewportDue = false;
      syncViewport();
    }
    if (textAreaDue) {
      textAreaDue = false;
      syncTextArea();
    }
  };
  term.onRender(catchUp);
  term.onWriteParsed(catchUp);
  return true;
}
