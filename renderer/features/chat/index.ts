export { ChatView } from './ChatView';
export { bindChat } from './chat';
