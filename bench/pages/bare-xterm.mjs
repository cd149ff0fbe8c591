// The memory baseline (#12): Monaco (same setup as the app) and xterm (same package and
// options as renderer/features/terminal/registry.ts), driven by the benchmark via `window.bare`.
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { monaco } from './monaco-env.mjs';

function createEditor(options = {}) {
  return monaco.editor.create(document.getElementById('host'), { automaticLayout: true, model: null, fixedOverflowWidgets: true, ...options });
}

function createTerminal(id) {
  const term = new Terminal({
    fontSize: 13,
    fontFamily: "'DejaVu Sans Mono', 'Cascadia Mono', Menlo, Consolas, monospace",
    scrollback: 10_000,
    allowProposedApi: true,
    cursorBlink: true,
  });
  term.open(document.getElementById(id));
  return term;
}

window.bare = { monaco, createEditor, createTerminal };
