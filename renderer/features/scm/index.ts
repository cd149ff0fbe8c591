export { ScmView } from './ScmView';
export { DiffView } from './DiffView';
export { bindGit, refreshGit } from './git';
