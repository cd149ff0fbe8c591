export { EditorArea } from './EditorArea';
export {
  openFile,
  saveFile,
  saveAll,
  closeFile,
  closeAllSilently,
  reconcile,
  renamePaths,
  deletedPaths,
  dirtyCount,
} from './documents';
export { setMonacoTheme, languageName } from './theme';
export { insertAtCursor } from './active';
