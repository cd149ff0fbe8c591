export { SearchView } from './SearchView';
