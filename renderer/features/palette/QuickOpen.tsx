import { useEffect, useMemo, useRef, useState } from 'react';
import { fuzzyRank } from '../../../shared/model/fuzzy';
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

interface Found {
  path: string;
  matches: number[];
}

/** Ctrl/Cmd+P: fuzzy file search over the whole workspace, recent files first, `:line` to jump. */
export function QuickOpen() {
  const initial = usePalette((s) => s.initial);
  const recent = useEditors((s) => s.recent);
  const active = useEditors((s) => s.active);
  const [value, setValue] = useState(initial);
  /** The newest answer from the server, and the query it answers. */
  const [answer, setAnswer] = useState<{ query: string; results: Found[]; note?: string }>({ query: '', results: [] });
  const request = useRef(0);
  /** What was typed when Enter came before any answer matched it: the first result is opened when one does. */
  const acceptOnArrival = useRef<string | null>(null);
  const { query } = parseGoTo(value);

  const items = useMemo(() => {
    if (!query) {
      const inFile = value.startsWith(':') && active;
      return inFile ? [item(active, [], `Go to line ${value.slice(1)}`)] : recent.map((p) => item(p, [], 'recently opened'));
    }
    // until the server answers for this query, its last answer narrowed to it: Enter never opens a file that does not match
    const found =
      answer.query === query ? answer.results : fuzzyRank(query, answer.results, (r) => r.path, 60).map(({ item: r, match }) => ({ path: r.path, matches: match.matches }));
    const rank = new Map(recent.map((p, i) => [p, i]));
    // recently opened files that match come first, in recency order
    const sorted = [...found].sort((a, b) => (rank.get(a.path) ?? 1e9) - (rank.get(b.path) ?? 1e9));
    return sorted.map((r) => item(r.path, r.matches, rank.has(r.path) ? 'recently opened' : undefined));
  }, [query, value, active, recent, answer]);

  const close = () => usePalette.getState().close();
  const accept = (picked: PickItem, typed: string) => {
    const { line, column } = parseGoTo(typed);
    const lineFromColon = typed.startsWith(':') ? Number(typed.slice(1)) || undefined : line;
    close();
    void openFile(picked.id, { focus: true, line: lineFromColon, column, preview: true });
  };

  useEffect(() => {
    if (!query) return;
    const id = ++request.current;
    void api()
      .call('search.files', { query, limit: 60 })
      .then((res) => {
        if (id !== request.current) return; // a newer keystroke won
        setAnswer({ query, results: res.results, note: res.indexing ? `Indexing… ${res.total.toLocaleString()} files so far` : undefined });
      })
      .catch(() => undefined);
  }, [query]);

  // Enter that came early: take the first of the list once it answers what was typed
  useEffect(() => {
    const typed = acceptOnArrival.current;
    if (typed === null || answer.query !== parseGoTo(typed).query) return;
    acceptOnArrival.current = null;
    if (items[0]) accept(items[0], typed);
    // items follow answer; accept only closes the picker and opens the file
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [answer]);

  return (
    <QuickPick
      label="Go to File"
      placeholder="Search files by name (append :line to go to a line)"
      items={items}
      value={value}
      onChange={(v) => {
        acceptOnArrival.current = null;
        setValue(v);
      }}
      emptyText={(query && answer.query === query && answer.note) || 'No matching files'}
      onClose={close}
      onAccept={(picked, typed) => {
        if (picked) accept(picked, typed);
        else if (query && answer.query !== query) acceptOnArrival.current = typed;
      }}
    />
  );
}
