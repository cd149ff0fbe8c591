import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { fuzzyRank } from '../../../shared/model/fuzzy';
import { api } from '../../app/api';

const KINDS = ['File:', 'Folder:', 'Problems', 'Terminal', 'Git Diff', 'Codebase', 'URL:'];

/** The mention being typed at the caret, if any: `#Fi`, `#File:src/ma`. */
function mentionAt(text: string, caret: number): { start: number; kind: string | null; query: string } | null {
  const m = text.slice(0, caret).match(/#(?:(File|Folder):)?([^\s#]*)$/);
  if (!m) return null;
  return { start: caret - m[0].length, kind: m[1] ?? null, query: m[2] };
}

interface Suggestion {
  label: string;
  insert: string;
}

function mentionKey(m: { start: number; kind: string | null; query: string }): string {
  return `${m.start}:${m.kind}:${m.query}`;
}

export interface PastedImage {
  mediaType: 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp';
  data: string;
}

/** Bedrock's limit for one image. */
const IMAGE_MAX_BYTES = 3.75 * 1024 * 1024;
const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'];

function readImage(file: File): Promise<PastedImage> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve({ mediaType: file.type as PastedImage['mediaType'], data: String(reader.result).replace(/^data:[^,]*,/, '') });
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

/** The message box: Enter sends; `#` offers mentions; files dropped from the explorer become #File; pasted images are attached. */
export function Composer(props: {
  value: string;
  onChange: (v: string) => void;
  onSubmit: () => void;
  images: PastedImage[];
  onImages: (images: PastedImage[]) => void;
  onError: (message: string) => void;
}) {
  const box = useRef<HTMLTextAreaElement>(null);
  const [caret, setCaret] = useState(0);
  /** The last list fetched, and the query it was fetched for. */
  const [fetched, setFetched] = useState<{ kind: string; query: string; items: Suggestion[] }>({ kind: '', query: '', items: [] });
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

  const suggestions = !mention
    ? []
    : !mention.kind
      ? KINDS.filter((k) => k.toLowerCase().startsWith(mention.query.toLowerCase())).map((k) => ({ label: `#${k}`, insert: `#${k}${k.endsWith(':') ? '' : ' '}` }))
      : // until the server answers for what is typed now, the last answer narrowed to it: Enter never picks a path that does not match
        fetched.kind !== mention.kind
        ? []
        : fetched.query === mention.query
          ? fetched.items
          : fuzzyRank(mention.query, fetched.items, (s) => s.label, 30).map((r) => r.item);
  const current = Math.min(selected, suggestions.length - 1);
  /** Enter pressed on a path mention before its first list arrived: the list's first entry is taken when it does. */
  const acceptOnArrival = useRef<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    setSelected(0);
    if (!mention?.kind) return;
    const { kind, query } = mention;
    const arrived = (items: Suggestion[]) => {
      setFetched({ kind, query, items });
      const waiting = acceptOnArrival.current === mentionKey(mention);
      acceptOnArrival.current = null;
      if (waiting && items.length) insert(items[0].insert);
    };
    void api()
      .call('search.files', { query, limit: 30 })
      .then((r) => {
        if (cancelled) return;
        if (kind === 'File') arrived(r.results.map((x) => ({ label: x.path, insert: `#File:${x.path} ` })));
        else {
          const dirs = [...new Set(r.results.map((x) => x.path.slice(0, x.path.lastIndexOf('/'))).filter(Boolean))];
          arrived(dirs.map((d) => ({ label: `${d}/`, insert: `#Folder:${d} ` })));
        }
      })
      .catch(() => !cancelled && arrived([]));
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

  const onPaste = async (e: React.ClipboardEvent) => {
    const files = [...e.clipboardData.items].filter((i) => i.kind === 'file' && i.type.startsWith('image/')).map((i) => i.getAsFile());
    if (!files.length) return;
    e.preventDefault();
    const added: PastedImage[] = [];
    for (const f of files) {
      if (!f) continue;
      if (!IMAGE_TYPES.includes(f.type)) props.onError(`Images must be PNG, JPEG, GIF or WebP (this one is ${f.type}).`);
      else if (f.size > IMAGE_MAX_BYTES) props.onError(`That image is ${(f.size / 1048576).toFixed(1)} MB; the limit is 3.75 MB.`);
      else added.push(await readImage(f));
    }
    if (props.images.length + added.length > 5) props.onError('At most 5 images can go with one message.');
    props.onImages([...props.images, ...added].slice(0, 5));
  };

  return (
    <div className="composer">
      {props.images.length > 0 && (
        <div className="composer-images" aria-label="Attached images">
          {props.images.map((img, i) => (
            <span key={i} className="thumb">
              <img src={`data:${img.mediaType};base64,${img.data}`} alt={`Pasted image ${i + 1}`} />
              <button aria-label={`Remove image ${i + 1}`} onClick={() => props.onImages(props.images.filter((_, j) => j !== i))}>
                ×
              </button>
            </span>
          ))}
        </div>
      )}
      {suggestions.length > 0 && (
        <div className="mention-list" role="listbox" aria-label="Mentions">
          {suggestions.map((s, i) => (
            <div
              key={s.insert}
              role="option"
              aria-selected={i === current}
              className={`quick-pick-item${i === current ? ' selected' : ''}`}
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
        // the model client loads and the request's checkpoint reads the workspace while the message is written
        onFocus={() => void api().call('agent.prepare', {}).catch(() => undefined)}
        value={props.value}
        onChange={(e) => {
          props.onChange(e.target.value);
          setCaret(e.target.selectionStart);
          setDismissed(false);
        }}
        onSelect={(e) => setCaret(e.currentTarget.selectionStart)}
        onPaste={(e) => void onPaste(e)}
        onKeyDown={(e) => {
          if (suggestions.length) {
            if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
              e.preventDefault();
              setSelected((s) => (e.key === 'ArrowDown' ? Math.min(suggestions.length - 1, s + 1) : Math.max(0, s - 1)));
              return;
            }
            if (e.key === 'Enter' || e.key === 'Tab') {
              e.preventDefault();
              insert(suggestions[current].insert);
              return;
            }
            if (e.key === 'Escape') {
              setDismissed(true);
              return;
            }
          }
          if (e.key === 'Enter' && !e.shiftKey) {
            e.preventDefault();
            if (mention?.kind && (fetched.kind !== mention.kind || fetched.query !== mention.query)) {
              // a path is being typed and its list is still on the way: take its first match rather than send half a mention
              acceptOnArrival.current = mentionKey(mention);
              return;
            }
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
