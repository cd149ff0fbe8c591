export { SpecsView } from './SpecsView';
export { bindSpecs, refreshSpecs } from './specs';
export { bindSpecEditor } from './editor';
