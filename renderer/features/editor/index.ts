export { EditorArea } from './EditorArea';
export { openFile, closeAllSilently, reconcile, renamePaths, deletedPaths } from './documents';
export { readStreamed, type StreamedRead } from './streamed-read';
export { saveFile, saveAll, closeFile, dirtyCount } from './saving';
export { setMonacoTheme, languageName } from './theme';
export { insertAtCursor } from './active';
