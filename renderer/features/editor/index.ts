export { EditorArea } from './EditorArea';
export { openFile, closeAllSilently, reconcile, renamePaths, deletedPaths } from './documents';
export { saveFile, saveAll, closeFile, dirtyCount } from './saving';
export { setMonacoTheme, languageName } from './theme';
export { insertAtCursor } from './active';
