import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { api } from '../../app/api';

const KINDS = ['File:', 'Folder:', 'Problems', 'Terminal', 'Git Diff', 'Codebase', 'URL:'];

/** The mention being typed at the caret, if any: `#Fi`, `#File:src/ma`. */
function mentionAt(text: string, caret: number): { start: number; kind: string | null; query: string } | null {
  const m = text.slice(0, caret).match(/#(?:(File|Folder):)?([^\s#]*)$/);
  if (!m) return null;
  return { start: caret - m[0].length, kind: m[1] ?? null, query: m[2] };
}

/** The message box: Enter sends; `#` offers mentions; files dropped from the explorer become #File. */
export function Composer(props: { value: string; onChange: (v: string) => void; onSubmit: () => void }) {
  const box = useRef<HTMLTextAreaElement>(null);
  const [caret, setCaret] = useState(0);
  const [suggestions, setSuggestions] = useState<{ label: string; insert: string }[]>([]);
  const [selected, setSelected] = useState(0);
  const [dismissed, setDismissed] = useState(false);
  const mention = dismissed ? null : mentionAt(props.value, caret);
  /** Where the caret goes once the inserted text is on screen (before any further keystroke). */
  const pendingCaret = useRef<number | null>(null);
  useLayoutEffect(() => {
    const pos = pendingCaret.current;
    if (pos === null || !box.current) return;
    pendingCaret.current = null;
    box.current.focus();
    box.current.setSelectionRange(pos, pos);
  }, [props.value]);

  useEffect(() => {
    let cancelled = false;
    setSelected(0);
    if (!mention) {
      setSuggestions([]);
      return;
    }
    if (!mention.kind) {
      const q = mention.query.toLowerCase();
      setSuggestions(KINDS.filter((k) => k.toLowerCase().startsWith(q)).map((k) => ({ label: `#${k}`, insert: `#${k}${k.endsWith(':') ? '' : ' '}` })));
      return;
    }
    void api()
      .call('search.files', { query: mention.query, limit: 30 })
      .then((r) => {
        if (cancelled) return;
        if (mention.kind === 'File') setSuggestions(r.results.map((x) => ({ label: x.path, insert: `#File:${x.path} ` })));
        else {
          const dirs = [...new Set(r.results.map((x) => x.path.slice(0, x.path.lastIndexOf('/'))).filter(Boolean))];
          setSuggestions(dirs.map((d) => ({ label: `${d}/`, insert: `#Folder:${d} ` })));
        }
      })
      .catch(() => setSuggestions([]));
    return () => {
      cancelled = true;
    };
    // the mention's text is what matters, not the object identity
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [mention?.kind, mention?.query, mention?.start]);

  const insert = (text: string, start = mention?.start ?? caret, end = caret) => {
    const next = props.value.slice(0, start) + text + props.value.slice(end);
    props.onChange(next);
    const pos = start + text.length;
    pendingCaret.current = pos;
    setCaret(pos);
  };

  return (
    <div className="composer">
      {suggestions.length > 0 && (
        <div className="mention-list" role="listbox" aria-label="Mentions">
          {suggestions.map((s, i) => (
            <div
              key={s.insert}
              role="option"
              aria-selected={i === selected}
              className={`quick-pick-item${i === selected ? ' selected' : ''}`}
              onMouseDown={(e) => {
                e.preventDefault();
                insert(s.insert);
              }}
            >
              {s.label}
            </div>
          ))}
        </div>
      )}
      <textarea
        ref={box}
        aria-label="Message the agent"
        placeholder="Ask the agent… (# to attach context; Enter sends, Shift+Enter for a new line)"
        value={props.value}
        onChange={(e) => {
          props.onChange(e.target.value);
          setCaret(e.target.selectionStart);
          setDismissed(false);
        }}
        onSelect={(e) => setCaret(e.currentTarget.selectionStart)}
        onKeyDown={(e) => {
          if (suggestions.length) {
            if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
              e.preventDefault();
              setSelected((s) => (e.key === 'ArrowDown' ? Math.min(suggestions.length - 1, s + 1) : Math.max(0, s - 1)));
              return;
            }
            if (e.key === 'Enter' || e.key === 'Tab') {
              e.preventDefault();
              insert(suggestions[selected].insert);
              return;
            }
            if (e.key === 'Escape') {
              setDismissed(true);
              return;
            }
          }
          if (e.key === 'Enter' && !e.shiftKey) {
            e.preventDefault();
            props.onSubmit();
          }
        }}
        onDragOver={(e) => {
          if (e.dataTransfer.types.includes('application/x-specwright-path')) e.preventDefault();
        }}
        onDrop={(e) => {
          const path = e.dataTransfer.getData('application/x-specwright-path');
          if (!path) return;
          e.preventDefault();
          const kind = e.dataTransfer.getData('application/x-specwright-kind') === 'dir' ? 'Folder' : 'File';
          const pos = box.current?.selectionStart ?? props.value.length;
          insert(`#${kind}:${path} `, pos, pos);
        }}
      />
    </div>
  );
}
