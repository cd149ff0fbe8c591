export { HooksView } from './HooksView';
export { bindHooks } from './hooks';
export { Switch } from './Switch';
