import { useEffect, useMemo, useState } from 'react';
import type { TextSearchEvent } from '../../../shared/ipc/contract';
import { parseGlobs } from '../../../shared/model/search-query';
import { api, errorMessage } from '../../app/api';
import { VirtualList } from '../../components/VirtualList';
import { ask } from '../../stores/dialogs';
import { notifyError, useWorkbench } from '../../stores/workbench';
import { openFile } from '../editor';

type FileResult = Extract<TextSearchEvent, { type: 'file' }>;
type Row = { kind: 'file'; file: FileResult } | { kind: 'match'; file: FileResult; index: number };

const MAX_RESULTS = 20_000;
const DEBOUNCE_MS = 250;

function Toggle(props: { label: string; title: string; on: boolean; set: (v: boolean) => void }) {
  return (
    <button className={`toggle${props.on ? ' on' : ''}`} title={props.title} aria-label={props.title} aria-pressed={props.on} onClick={() => props.set(!props.on)}>
      {props.label}
    </button>
  );
}

/** Workspace text search: streams results grouped by file; replace all with a preview. */
export function SearchView() {
  const [pattern, setPattern] = useState('');
  const [replacement, setReplacement] = useState('');
  const [showReplace, setShowReplace] = useState(false);
  const [isRegex, setRegex] = useState(false);
  const [caseSensitive, setCase] = useState(false);
  const [wholeWord, setWord] = useState(false);
  const [include, setInclude] = useState('');
  const [exclude, setExclude] = useState('');
  const [files, setFiles] = useState<FileResult[]>([]);
  const [state, setState] = useState<{ running: boolean; limitHit: boolean; error?: string; engine?: string }>({ running: false, limitHit: false });
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());
  const [generation, setGeneration] = useState(0);

  const query = useMemo(
    () => ({ pattern, isRegex, caseSensitive, wholeWord, include: parseGlobs(include), exclude: parseGlobs(exclude) }),
    [pattern, isRegex, caseSensitive, wholeWord, include, exclude],
  );

  useEffect(() => {
    setFiles([]);
    if (!pattern) {
      setState({ running: false, limitHit: false });
      return;
    }
    let sub: { dispose(): void } | undefined;
    const timer = setTimeout(() => {
      setState({ running: true, limitHit: false });
      const found: FileResult[] = [];
      let flush: ReturnType<typeof setTimeout> | undefined;
      // changing the query disposes this subscription, which cancels the search in main
      sub = api().subscribe('search.text', { ...query, maxResults: MAX_RESULTS }, (evt) => {
        if (evt.type === 'file') {
          found.push(evt);
          flush ??= setTimeout(() => {
            flush = undefined;
            setFiles([...found]);
          }, 50);
        } else {
          clearTimeout(flush);
          setFiles([...found]);
          setState({ running: false, limitHit: evt.limitHit, error: evt.error, engine: evt.engine });
        }
      });
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      sub?.dispose();
    };
  }, [query, pattern, generation]);

  const total = files.reduce((n, f) => n + f.matches.length, 0);
  const rows: Row[] = [];
  for (const file of files) {
    rows.push({ kind: 'file', file });
    if (!collapsed.has(file.path)) file.matches.forEach((_, index) => rows.push({ kind: 'match', file, index }));
  }

  const replaceAll = async () => {
    const choice = await ask({
      title: 'Replace all',
      message: `Replace ${total} occurrence${total === 1 ? '' : 's'} across ${files.length} file${files.length === 1 ? '' : 's'} with "${replacement}"?`,
      buttons: [
        { id: 'replace', label: 'Replace', primary: true },
        { id: 'cancel', label: 'Cancel' },
      ],
      cancelId: 'cancel',
    });
    if (choice !== 'replace') return;
    try {
      const r = await api().call('search.replace', { ...query, replacement, paths: files.map((f) => f.path) });
      setGeneration((g) => g + 1);
      useWorkbench.getState().notify('info', `Replaced ${r.replacements} occurrence${r.replacements === 1 ? '' : 's'} in ${r.files} file${r.files === 1 ? '' : 's'}.`);
    } catch (err) {
      notifyError(`Replace failed: ${errorMessage(err)}`);
    }
  };

  const replaced = (text: string) => {
    if (!isRegex) return replacement;
    try {
      return text.replace(new RegExp(pattern, caseSensitive ? 'u' : 'iu'), replacement);
    } catch {
      return replacement;
    }
  };

  return (
    <section className="search-view" aria-label="Search">
      <header className="side-header">
        <span className="side-title">Search</span>
      </header>
      <div className="search-form">
        <div className="search-row">
          <button className="twist" aria-label="Toggle Replace" onClick={() => setShowReplace(!showReplace)}>
            {showReplace ? '▾' : '▸'}
          </button>
          <input aria-label="Search text" placeholder="Search" value={pattern} onChange={(e) => setPattern(e.target.value)} autoFocus />
          <Toggle label="Aa" title="Match Case" on={caseSensitive} set={setCase} />
          <Toggle label="ab" title="Match Whole Word" on={wholeWord} set={setWord} />
          <Toggle label=".*" title="Use Regular Expression" on={isRegex} set={setRegex} />
        </div>
        {showReplace && (
          <div className="search-row">
            <span className="twist" />
            <input aria-label="Replace text" placeholder="Replace" value={replacement} onChange={(e) => setReplacement(e.target.value)} />
            <button title="Replace All" aria-label="Replace All" disabled={!files.length} onClick={() => void replaceAll()}>
              ⇄ All
            </button>
          </div>
        )}
        <input aria-label="Files to include" placeholder="files to include (e.g. src/**, *.ts)" value={include} onChange={(e) => setInclude(e.target.value)} />
        <input aria-label="Files to exclude" placeholder="files to exclude" value={exclude} onChange={(e) => setExclude(e.target.value)} />
      </div>
      <div className="search-summary" role="status">
        {state.error ? (
          <span className="error-text">{state.error}</span>
        ) : pattern ? (
          <span>
            {state.running ? 'Searching… ' : ''}
            {total} result{total === 1 ? '' : 's'} in {files.length} file{files.length === 1 ? '' : 's'}
            {state.limitHit ? ` (stopped at ${MAX_RESULTS.toLocaleString()}; narrow the search)` : ''}
          </span>
        ) : null}
      </div>
      <VirtualList
        label="Search results"
        className="search-results"
        rows={rows}
        rowHeight={22}
        render={(row) => {
          if (row.kind === 'file') {
            const slash = row.file.path.lastIndexOf('/');
            return (
              <div
                className="tree-row search-file"
                data-path={row.file.path}
                onClick={() =>
                  setCollapsed((c) => {
                    const next = new Set(c);
                    if (next.has(row.file.path)) next.delete(row.file.path);
                    else next.add(row.file.path);
                    return next;
                  })
                }
              >
                <span className="label">{row.file.path.slice(slash + 1)}</span>
                <span className="muted small"> {slash > 0 ? row.file.path.slice(0, slash) : ''}</span>
                <span className="badge">{row.file.matches.length}</span>
              </div>
            );
          }
          const m = row.file.matches[row.index];
          const start = m.column - 1;
          const before = m.preview.slice(Math.max(0, start - 30), start);
          const hit = m.preview.slice(start, start + m.length);
          const after = m.preview.slice(start + m.length, start + m.length + 80);
          return (
            <div
              className="tree-row search-match"
              role="treeitem"
              title={`${row.file.path}:${m.line}:${m.column}`}
              onClick={() => void openFile(row.file.path, { focus: true, line: m.line, column: m.column, preview: true })}
            >
              <span className="match-text">
                {before.trimStart()}
                {showReplace && replacement !== '' ? (
                  <>
                    <del>{hit}</del>
                    <ins>{replaced(hit)}</ins>
                  </>
                ) : (
                  <mark>{hit}</mark>
                )}
                {after}
              </span>
            </div>
          );
        }}
      />
    </section>
  );
}
