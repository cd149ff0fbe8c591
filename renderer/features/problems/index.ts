export { ProblemsView } from './ProblemsView';
export { bindMarkers } from './markers';
