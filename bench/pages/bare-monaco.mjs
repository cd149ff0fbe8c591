// The bare Monaco baseline: one editor, nothing around it.
// ?text=<first line>&lang=<id>&path=<name> creates it at once with that one-line file
// (cold load, #1); without it the page only exposes `window.bare` for the benchmark to drive.
import { monaco } from './monaco-env.mjs';

const host = document.getElementById('host');
const params = new URLSearchParams(location.search);

function createEditor(options = {}) {
  return monaco.editor.create(host, { automaticLayout: true, model: null, fixedOverflowWidgets: true, ...options });
}

window.bare = { monaco, createEditor, editor: null };

if (params.has('text')) {
  const model = monaco.editor.createModel(params.get('text'), params.get('lang') || undefined, monaco.Uri.file('/' + (params.get('path') || 'file.txt')));
  window.bare.editor = createEditor({ model });
}
