export { Welcome } from './Welcome';
export { FolderPicker } from './FolderPicker';
