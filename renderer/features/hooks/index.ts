export { HooksView } from './HooksView';
export { bindHooks } from './hooks';
