export { Explorer } from './Explorer';
export { refreshFor, useTree } from './tree';
export { startCreate } from './actions';
