import type { ReadResult } from '../../../shared/ipc/contract';
import type { Disposable } from '../../../shared/ipc/protocol';
import { api, errorMessage } from '../../app/api';
import { isViewTab, useEditors, type Tab } from '../../stores/editors';
import { notifyError } from '../../stores/workbench';
import { monaco } from './monaco';
import { readStreamed, type StreamedRead } from './streamed-read';

/** One open text file: its Monaco model and what we last knew of the disk. */
export interface Doc {
  path: string;
  model: monaco.editor.ITextModel;
  /** Monaco's alternative version id at the last save/load: equal means clean. */
  savedVersion: number;
  /**
   * The text on disk as of the last load, save or acknowledged external change; a streamed
   * load keeps its pieces (the model holds slices of the same strings, so they cost nothing
   * extra) and they are joined only when a comparison needs them.
   */
  diskText: string | string[];
  /** A streamed load still arriving: the model is read-only and its edits are not the person's. */
  loading?: Disposable;
  /** The file changed on disk while it was loading: compared again when the load ends. */
  changedWhileLoading?: boolean;
  /** Size and mtime of the disk text as last read or saved: an unchanged stamp needs no re-read of a large file. */
  stamp?: { size: number; mtimeMs: number };
  /** The newer disk text that conflicts with unsaved edits. */
  theirs?: string;
  encoding: string;
  viewState?: monaco.editor.ICodeEditorViewState | null;
  listener: monaco.IDisposable;
}

const docs = new Map<string, Doc>();

export function uriFor(path: string): monaco.Uri {
  return monaco.Uri.from({ scheme: 'file', path: '/' + path });
}

export function getDoc(path: string): Doc | undefined {
  return docs.get(path);
}

export function isDirty(doc: Doc): boolean {
  return doc.model.getAlternativeVersionId() !== doc.savedVersion;
}

export function normalise(text: string): string {
  return text.replace(/\r\n/g, '\n');
}

function diskTextOf(doc: Doc): string {
  return normalise(typeof doc.diskText === 'string' ? doc.diskText : doc.diskText.join(''));
}

function tabFrom(result: ReadResult): Tab {
  const base = { path: result.path, dirty: false, conflict: false, deleted: false, size: result.size };
  if (result.kind === 'text') return { ...base, kind: 'text', large: result.large, encoding: result.encoding, eol: result.eol };
  return { ...base, kind: result.kind, large: false, encoding: '', eol: '\n' };
}

function createDoc(result: Extract<ReadResult, { kind: 'text' }>): Doc {
  const uri = uriFor(result.path);
  monaco.editor.getModel(uri)?.dispose();
  // Large files are shown as plain text: no tokenising, which is what freezes editors.
  const model = monaco.editor.createModel(result.content, result.large ? 'plaintext' : undefined, uri);
  model.setEOL(result.eol === '\r\n' ? monaco.editor.EndOfLineSequence.CRLF : monaco.editor.EndOfLineSequence.LF);
  const doc: Doc = {
    path: result.path,
    model,
    savedVersion: model.getAlternativeVersionId(),
    diskText: normalise(result.content),
    encoding: result.encoding,
    stamp: { size: result.size, mtimeMs: result.mtimeMs },
    listener: model.onDidChangeContent(() => {
      if (doc.loading) return;
      const dirty = isDirty(doc);
      const tab = useEditors.getState().tabs.find((t) => t.path === doc.path);
      // an edit pins a preview tab
      if (tab && (tab.dirty !== dirty || (dirty && tab.preview))) useEditors.getState().patch(doc.path, { dirty, preview: tab.preview && !dirty });
    }),
  };
  docs.set(result.path, doc);
  return doc;
}

/** Hands the rest of a streamed read to the document (read-only until it has all arrived). */
function attachLoad(doc: Doc, read: StreamedRead) {
  doc.diskText = [(read.result as { content: string }).content];
  doc.loading = read.attach({ piece: (text) => appendPiece(doc, text), end: () => endLoad(doc), fail: (message) => failLoad(doc, message) });
}

function appendPiece(doc: Doc, text: string) {
  const model = doc.model;
  const line = model.getLineCount();
  const column = model.getLineMaxColumn(line);
  model.applyEdits([{ range: new monaco.Range(line, column, line, column), text }]);
  (doc.diskText as string[]).push(text);
}

function endLoad(doc: Doc) {
  doc.loading = undefined;
  doc.savedVersion = doc.model.getAlternativeVersionId();
  useEditors.getState().patch(doc.path, { loading: false });
  if (doc.changedWhileLoading) {
    doc.changedWhileLoading = false;
    void reconcile(doc.path);
  }
}

/** A load cut short: the tab keeps what arrived, read-only, and says why. */
function failLoad(doc: Doc, message: string) {
  doc.loading = undefined;
  useEditors.getState().patch(doc.path, { loading: false, kind: 'error', message: `Could not read all of ${doc.path}: ${message}. Close the tab and open the file again.` });
  notifyError(`Could not read all of ${doc.path}: ${message}`);
}

type OpenOptions = {
  activate?: boolean;
  focus?: boolean;
  line?: number;
  column?: number;
  preview?: boolean;
  /** The file's read, already started (the restored active tab is read during boot): used instead of a new one. */
  read?: Promise<StreamedRead>;
};

/** Opens under way, by path: a second open of the same file waits for the first, then focuses its tab. */
const opening = new Map<string, Promise<void>>();

/**
 * From this much text, the editor is given the new model in a task of its own: building a
 * model and laying it out in the editor each cost per line (~60 and ~150 ms for 5,000 lines
 * here), and together they made one long task. A streamed file's first piece is smaller than
 * this (FIRST_PIECE_BYTES); files read whole go up to READ_CHUNK_BYTES (512 KB).
 */
const YIELD_BEFORE_SHOWING_CHARS = 128 * 1024;
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Opens a file in a tab (or focuses its tab). */
export function openFile(path: string, options: OpenOptions = {}): Promise<void> {
  const pending = opening.get(path);
  if (pending) return pending.then(() => openFile(path, options));
  const open = openNow(path, options).finally(() => opening.delete(path));
  opening.set(path, open);
  return open;
}

async function openNow(path: string, options: OpenOptions): Promise<void> {
  const store = useEditors.getState();
  const after = () => {
    if (options.line) store.requestReveal(path, options.line, options.column ?? 1);
    if (options.focus) store.requestFocus();
  };
  if (store.tabs.some((t) => t.path === path)) {
    void options.read?.then((r) => r.cancel(), () => undefined);
    if (options.activate !== false) store.activate(path);
    after();
    return;
  }
  let read: StreamedRead;
  try {
    read = await (options.read ?? readStreamed(path));
  } catch (err) {
    notifyError(`Cannot open ${path}: ${errorMessage(err)}`);
    return;
  }
  const { result } = read;
  if (useEditors.getState().tabs.some((t) => t.path === path)) {
    read.cancel();
    return; // opened meanwhile
  }
  if (result.kind === 'text') {
    const doc = createDoc(result);
    if (read.more) attachLoad(doc, read);
    if (result.content.length >= YIELD_BEFORE_SHOWING_CHARS) await nextTask();
  }
  if (options.preview) {
    // the previous clean preview gives its place to this one
    const old = useEditors.getState().tabs.find((t) => t.preview && !t.dirty);
    if (old) {
      disposeDoc(old.path);
      useEditors.getState().remove(old.path);
    }
  }
  store.upsert({ ...tabFrom(result), preview: !!options.preview, ...(read.more && { loading: true }) });
  if (options.activate !== false) store.activate(path);
  after();
}

export function disposeDoc(path: string) {
  const doc = docs.get(path);
  if (!doc) return;
  doc.loading?.dispose();
  doc.listener.dispose();
  doc.model.dispose();
  docs.delete(path);
}

export function closeAllSilently(): void {
  for (const path of [...docs.keys()]) disposeDoc(path);
  useEditors.getState().reset();
}

/** Replaces a model's text as one undoable edit, so the replaced text stays one Ctrl+Z away. */
function replaceUndoably(model: monaco.editor.ITextModel, text: string) {
  model.pushStackElement();
  model.pushEditOperations([], [{ range: model.getFullModelRange(), text }], () => null);
  model.pushStackElement();
}

/**
 * Brings an open file up to date with the disk after an outside change: a clean buffer
 * follows the disk; a dirty one keeps the person's text and raises the conflict bar.
 */
export async function reconcile(path: string): Promise<void> {
  if (isViewTab(path)) return;
  const doc = docs.get(path);
  const store = useEditors.getState();
  const tab = store.tabs.find((t) => t.path === path);
  if (!tab) return;
  if (doc?.loading) {
    // looked at again once the load under way has finished
    doc.changedWhileLoading = true;
    return;
  }
  // a clean large file is read again in pieces, as it was opened: one 50 MB message would freeze the page
  if (doc && !isDirty(doc) && tab.size > STREAMED_RELOAD_BYTES) return reloadStreamed(doc);
  let result: ReadResult;
  try {
    result = await api().call('files.read', { path });
  } catch (err) {
    if ((err as { code?: string }).code === 'NOT_FOUND') store.patch(path, { deleted: true });
    return;
  }
  if (!doc) {
    // a binary or too-large tab: refresh what it shows
    const fresh = tabFrom(result);
    store.patch(path, { kind: fresh.kind, size: fresh.size, deleted: false });
    if (result.kind === 'text') createDoc(result);
    return;
  }
  if (result.kind !== 'text') {
    store.patch(path, { deleted: false, size: result.size });
    return;
  }
  const theirs = normalise(result.content);
  store.patch(path, { deleted: false });
  if (doc.loading) {
    doc.changedWhileLoading = true;
    return;
  }
  doc.stamp = { size: result.size, mtimeMs: result.mtimeMs };
  if (theirs === diskTextOf(doc)) return; // our own save, or no real change
  if (!isDirty(doc)) {
    replaceUndoably(doc.model, result.content);
    doc.savedVersion = doc.model.getAlternativeVersionId();
    doc.diskText = theirs;
    doc.encoding = result.encoding;
    store.patch(path, { dirty: false, encoding: result.encoding, size: result.size });
    return;
  }
  if (normalise(doc.model.getValue()) === theirs) {
    // the outside change made the disk equal to the buffer: nothing to resolve
    doc.savedVersion = doc.model.getAlternativeVersionId();
    doc.diskText = theirs;
    store.patch(path, { dirty: false, conflict: false });
    return;
  }
  doc.theirs = theirs;
  store.patch(path, { conflict: true });
}

/** Above this, a clean tab follows a change on disk by streaming the file in again. */
const STREAMED_RELOAD_BYTES = 1024 * 1024;

/** Reads a clean large file again after a change on disk, a piece per frame, read-only meanwhile. */
async function reloadStreamed(doc: Doc): Promise<void> {
  const store = useEditors.getState();
  let read: StreamedRead;
  try {
    read = await readStreamed(doc.path);
  } catch (err) {
    if ((err as { code?: string }).code === 'NOT_FOUND') store.patch(doc.path, { deleted: true });
    return;
  }
  const { result } = read;
  const same = doc.stamp && doc.stamp.size === result.size && doc.stamp.mtimeMs === result.mtimeMs;
  // gone meanwhile, edited meanwhile, no longer text, or unchanged (our own save): nothing to load
  if (docs.get(doc.path) !== doc || isDirty(doc) || doc.loading || result.kind !== 'text' || same) {
    read.cancel();
    store.patch(doc.path, { deleted: false, ...(result.kind !== 'text' && { size: result.size }) });
    if (result.kind === 'text' && docs.get(doc.path) === doc && isDirty(doc) && !same) void reconcile(doc.path);
    return;
  }
  doc.stamp = { size: result.size, mtimeMs: result.mtimeMs };
  doc.encoding = result.encoding;
  if (read.more) attachLoad(doc, read);
  // loading (when attached) keeps this replacement from counting as the person's edit
  doc.model.setValue(result.content);
  if (!read.more) {
    doc.savedVersion = doc.model.getAlternativeVersionId();
    doc.diskText = normalise(result.content);
  }
  store.patch(doc.path, { deleted: false, dirty: false, size: result.size, encoding: result.encoding, ...(read.more && { loading: true }) });
}

/** Conflict bar: keep the buffer; the next save overwrites the disk without asking again. */
export function keepMine(path: string): void {
  const doc = docs.get(path);
  if (!doc || doc.theirs === undefined) return;
  doc.diskText = doc.theirs;
  doc.theirs = undefined;
  useEditors.getState().patch(path, { conflict: false });
  if (useEditors.getState().comparing === path) useEditors.getState().setComparing(null);
}

/** Conflict bar: load the disk version; the person's text stays in undo history. */
export function takeTheirs(path: string): void {
  const doc = docs.get(path);
  if (!doc || doc.theirs === undefined) return;
  replaceUndoably(doc.model, doc.theirs);
  doc.savedVersion = doc.model.getAlternativeVersionId();
  doc.diskText = doc.theirs;
  doc.theirs = undefined;
  useEditors.getState().patch(path, { conflict: false, dirty: false });
  if (useEditors.getState().comparing === path) useEditors.getState().setComparing(null);
}

export function theirsText(path: string): string | undefined {
  return docs.get(path)?.theirs;
}

/** Follows a rename done in the explorer: open tabs under `from` move to `to`, edits kept. */
export function renamePaths(from: string, to: string): void {
  const store = useEditors.getState();
  for (const tab of store.tabs) {
    if (tab.path !== from && !tab.path.startsWith(from + '/')) continue;
    const newPath = to + tab.path.slice(from.length);
    const doc = docs.get(tab.path);
    if (doc) {
      const text = doc.model.getValue();
      const dirty = isDirty(doc);
      const oldModel = doc.model;
      const model = monaco.editor.createModel(text, undefined, uriFor(newPath));
      model.setEOL(oldModel.getEOL() === '\r\n' ? monaco.editor.EndOfLineSequence.CRLF : monaco.editor.EndOfLineSequence.LF);
      doc.listener.dispose();
      oldModel.dispose();
      docs.delete(tab.path);
      const moved: Doc = { ...doc, path: newPath, model, savedVersion: dirty ? -1 : model.getAlternativeVersionId(), listener: { dispose() {} } };
      moved.listener = model.onDidChangeContent(() => useEditors.getState().patch(moved.path, { dirty: isDirty(moved) }));
      docs.set(newPath, moved);
    }
    store.rename(tab.path, newPath);
  }
}

/** Follows a delete done in the explorer: clean tabs close, dirty ones stay marked deleted. */
export function deletedPaths(path: string): void {
  for (const tab of useEditors.getState().tabs) {
    if (tab.path !== path && !tab.path.startsWith(path + '/')) continue;
    if (tab.dirty) useEditors.getState().patch(tab.path, { deleted: true });
    else {
      disposeDoc(tab.path);
      useEditors.getState().remove(tab.path);
    }
  }
}
