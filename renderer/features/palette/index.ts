export { QuickOpen, parseGoTo } from './QuickOpen';
export { CommandPalette } from './CommandPalette';
