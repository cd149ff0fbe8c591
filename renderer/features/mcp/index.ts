export { McpView } from './McpView';
export { bindMcp } from './mcp';
