import { useEffect, useRef } from 'react';
import { useEditors } from '../../stores/editors';
import { useWorkbench } from '../../stores/workbench';
import { setActiveEditor } from './active';
import { getDoc } from './documents';
import { monaco } from './monaco';

/**
 * One Monaco editor for all text tabs: switching tabs swaps the model and restores its
 * view state (scroll, selection), as VS Code does. It exists from startup, hidden while no
 * text tab is active (path null, no model), so opening the first file does not pay for
 * creating the editor.
 */
export function EditorView(props: { path: string | null }) {
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const shown = useRef<string | null>(null);
  const settings = useWorkbench((s) => s.settings);
  const large = useEditors((s) => s.tabs.find((t) => t.path === props.path)?.large ?? false);
  const loading = useEditors((s) => s.tabs.find((t) => t.path === props.path)?.loading ?? false);
  const options: monaco.editor.IEditorOptions & monaco.editor.IGlobalEditorOptions = {
    fontSize: settings?.['editor.fontSize'] ?? 14,
    tabSize: settings?.['editor.tabSize'] ?? 2,
    wordWrap: large ? 'off' : (settings?.['editor.wordWrap'] ?? 'off'),
    // large-file mode: the minimap and folding walk the whole text
    minimap: { enabled: !large },
    folding: !large,
    // sticky scroll re-reads the indentation of every line after each change
    stickyScroll: { enabled: !large },
    occurrencesHighlight: large ? 'off' : 'singleFile',
    // bracket pairs parse the whole text after every change (a large file streams in as many changes)
    bracketPairColorization: { enabled: !large },
    guides: { bracketPairs: !large, indentation: !large },
    matchBrackets: large ? 'never' : 'always',
    unicodeHighlight: large ? { ambiguousCharacters: false, invisibleCharacters: false, nonBasicASCII: false } : {},
    // the rest of a large file is still being appended
    readOnly: loading,
    readOnlyMessage: { value: 'The rest of this file is still loading.' },
  };
  /** The options as of this render, for the model effect (which runs on a path change only). */
  const optionsRef = useRef(options);
  optionsRef.current = options;
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
    // The status bar's "Ln, Col" follows the cursor once a frame, after the editor has drawn
    // it: set in the keystroke's own task, its React render ran before the frame every key.
    let cursorFrame = 0;
    const subs = [
      ed.onDidChangeCursorPosition(() => {
        cursorFrame ||= requestAnimationFrame(() => {
          cursorFrame = 0;
          const pos = ed.getPosition();
          if (pos) useEditors.getState().setCursor(pos.lineNumber, pos.column);
        });
      }),
      { dispose: () => cancelAnimationFrame(cursorFrame) },
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
    const doc = props.path === null ? undefined : getDoc(props.path);
    if (!doc) {
      // nothing to show (no tab, or a diff, binary or settings tab): no model, so nothing types into a hidden one
      if (props.path === null) {
        ed.setModel(null);
        shown.current = null;
      }
      return;
    }
    if (ed.getModel() !== doc.model) {
      // this file's options first: a large file must not be laid out with the minimap on
      ed.updateOptions(optionsRef.current);
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
    editor.current?.updateOptions(optionsRef.current);
  }, [settings, large, loading]);

  return <div className="monaco-host" ref={host} data-testid="editor" />;
}
