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
