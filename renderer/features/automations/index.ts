export { AutomationsView } from './AutomationsView';
