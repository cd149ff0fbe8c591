import { useEffect, useRef } from 'react';
import { useEditors } from '../../stores/editors';
import { useWorkbench } from '../../stores/workbench';
import { setActiveEditor } from './active';
import { getDoc } from './documents';
import { monaco } from './monaco';

/**
 * One Monaco editor for all text tabs: switching tabs swaps the model and restores its
 * view state (scroll, selection), as VS Code does.
 */
export function EditorView(props: { path: string }) {
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const shown = useRef<string | null>(null);
  const settings = useWorkbench((s) => s.settings);
  const large = useEditors((s) => s.tabs.find((t) => t.path === props.path)?.large ?? false);
  const focusRequest = useEditors((s) => s.focusRequest);
  const reveal = useEditors((s) => s.reveal);

  useEffect(() => {
    if (!host.current) return;
    const ed = monaco.editor.create(host.current, {
      automaticLayout: true,
      model: null,
      fixedOverflowWidgets: true,
    });
    editor.current = ed;
    setActiveEditor(ed);
    const subs = [
      ed.onDidChangeCursorPosition((e) => useEditors.getState().setCursor(e.position.lineNumber, e.position.column)),
      ed.onDidChangeModel(() => {
        const model = ed.getModel();
        useEditors.getState().setLanguage(model?.getLanguageId() ?? '');
      }),
    ];
    return () => {
      const doc = shown.current ? getDoc(shown.current) : undefined;
      if (doc) doc.viewState = ed.saveViewState();
      subs.forEach((s) => s.dispose());
      setActiveEditor(null);
      ed.dispose();
      editor.current = null;
    };
  }, []);

  useEffect(() => {
    const ed = editor.current;
    if (!ed) return;
    const prev = shown.current ? getDoc(shown.current) : undefined;
    if (prev && prev.path !== props.path) prev.viewState = ed.saveViewState();
    const doc = getDoc(props.path);
    if (!doc) return;
    if (ed.getModel() !== doc.model) {
      ed.setModel(doc.model);
      if (doc.viewState) ed.restoreViewState(doc.viewState);
    }
    shown.current = props.path;
    const pos = ed.getPosition();
    if (pos) useEditors.getState().setCursor(pos.lineNumber, pos.column);
  }, [props.path]);

  useEffect(() => {
    if (focusRequest) editor.current?.focus();
  }, [focusRequest, props.path]);

  useEffect(() => {
    const ed = editor.current;
    if (!ed || !reveal || reveal.path !== props.path || ed.getModel() !== getDoc(props.path)?.model) return;
    const position = { lineNumber: reveal.line, column: reveal.column };
    ed.setPosition(position);
    ed.revealPositionInCenter(position);
  }, [reveal, props.path]);

  useEffect(() => {
    editor.current?.updateOptions({
      fontSize: settings?.['editor.fontSize'] ?? 14,
      tabSize: settings?.['editor.tabSize'] ?? 2,
      wordWrap: large ? 'off' : (settings?.['editor.wordWrap'] ?? 'off'),
      // large-file mode: the minimap and folding walk the whole text
      minimap: { enabled: !large },
      folding: !large,
      occurrencesHighlight: large ? 'off' : 'singleFile',
    });
  }, [settings, large]);

  return <div className="monaco-host" ref={host} data-testid="editor" />;
}
