import { useEffect, useRef, useState } from 'react';
import { api } from '../../app/api';
import { useEditors } from '../../stores/editors';
import { usePalette } from '../../stores/palette';
import { openFile } from '../editor';
import { QuickPick, type PickItem } from './QuickPick';

/** Splits "name:12:3" into a file query and a position. */
export function parseGoTo(value: string): { query: string; line?: number; column?: number } {
  const m = value.match(/^(.*?)(?::(\d+))?(?::(\d+))?$/);
  if (!m) return { query: value };
  return { query: m[1].trim(), line: m[2] ? Number(m[2]) : undefined, column: m[3] ? Number(m[3]) : undefined };
}

function item(path: string, highlights: number[] = [], detail?: string): PickItem {
  const slash = path.lastIndexOf('/');
  const name = path.slice(slash + 1);
  // highlights arrive as indices into the full path; keep those that fall in the name
  const nameMarks = highlights.filter((i) => i > slash).map((i) => i - slash - 1);
  return { id: path, label: name, highlights: nameMarks, description: slash > 0 ? path.slice(0, slash) : '', detail };
}

/** Ctrl/Cmd+P: fuzzy file search over the whole workspace, recent files first, `:line` to jump. */
export function QuickOpen() {
  const initial = usePalette((s) => s.initial);
  const [value, setValue] = useState(initial);
  const [items, setItems] = useState<PickItem[]>([]);
  const [note, setNote] = useState<string | undefined>();
  const request = useRef(0);

  useEffect(() => {
    const { query } = parseGoTo(value);
    const id = ++request.current;
    const recent = useEditors.getState().recent;
    if (!query) {
      const active = useEditors.getState().active;
      const inFile = value.startsWith(':') && active;
      setItems(inFile ? [item(active, [], `Go to line ${value.slice(1)}`)] : recent.map((p) => item(p, [], 'recently opened')));
      setNote(undefined);
      return;
    }
    void api()
      .call('search.files', { query, limit: 60 })
      .then((res) => {
        if (id !== request.current) return; // a newer keystroke won
        const rank = new Map(recent.map((p, i) => [p, i]));
        // recently opened files that match come first, in recency order
        const sorted = [...res.results].sort((a, b) => (rank.get(a.path) ?? 1e9) - (rank.get(b.path) ?? 1e9));
        setItems(sorted.map((r) => item(r.path, r.matches, rank.has(r.path) ? 'recently opened' : undefined)));
        setNote(res.indexing ? `Indexing… ${res.total.toLocaleString()} files so far` : undefined);
      })
      .catch(() => undefined);
  }, [value]);

  const close = () => usePalette.getState().close();
  return (
    <QuickPick
      label="Go to File"
      placeholder="Search files by name (append :line to go to a line)"
      items={items}
      value={value}
      onChange={setValue}
      emptyText={note ?? 'No matching files'}
      onClose={close}
      onAccept={(picked, typed) => {
        const { line, column } = parseGoTo(typed);
        const lineFromColon = typed.startsWith(':') ? Number(typed.slice(1)) || undefined : line;
        if (!picked) return;
        close();
        void openFile(picked.id, { focus: true, line: lineFromColon, column, preview: true });
      }}
    />
  );
}
