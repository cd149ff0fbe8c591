export { TerminalPanel } from './TerminalPanel';
export { bindTerminals, newTerminal } from './registry';
