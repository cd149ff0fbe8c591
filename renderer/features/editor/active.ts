import type { monaco } from './monaco';

let current: monaco.editor.IStandaloneCodeEditor | null = null;

/** The editor view registers itself so other features can act on the active editor. */
export function setActiveEditor(ed: monaco.editor.IStandaloneCodeEditor | null): void {
  current = ed;
}

/** Inserts text at the cursor of the active editor (replacing the selection); false when none is open. */
export function insertAtCursor(text: string): boolean {
  const ed = current;
  const sel = ed?.getSelection();
  if (!ed || !sel || !ed.getModel()) return false;
  ed.pushUndoStop();
  ed.executeEdits('specwright.insert', [{ range: sel, text, forceMoveMarkers: true }]);
  ed.pushUndoStop();
  ed.focus();
  return true;
}
