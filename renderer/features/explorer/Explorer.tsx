import { useEffect, useRef, useState } from 'react';
import type { DirEntry } from '../../../shared/ipc/contract';
import { ContextMenu, type MenuItem } from '../../components/ContextMenu';
import { Icon } from '../../components/Icon';
import { useWorkbench } from '../../stores/workbench';
import { openFile } from '../editor';
import { commitName, deletePath, startCreate } from './actions';
import { loadDir, toggleDir, useTree, validateName } from './tree';

function isDir(e: DirEntry) {
  return e.kind === 'dir' || (e.kind === 'symlink' && e.target === 'dir');
}

/** The inline input used to name a new file/folder or rename one. */
function NameInput(props: { initial: string; siblings: DirEntry[]; current?: string; depth: number }) {
  const [value, setValue] = useState(props.initial);
  const [busy, setBusy] = useState(false);
  const ref = useRef<HTMLInputElement>(null);
  const error = validateName(value, props.siblings, props.current);
  useEffect(() => {
    const input = ref.current;
    if (!input) return;
    input.focus();
    const dot = props.initial.lastIndexOf('.');
    input.setSelectionRange(0, dot > 0 ? dot : props.initial.length);
  }, [props.initial]);
  const submit = async () => {
    if (busy) return;
    if (props.current !== undefined && value.trim() === props.current) {
      useTree.getState().setEditing(null);
      return;
    }
    if (error) return;
    setBusy(true);
    const ok = await commitName(value);
    setBusy(false);
    if (!ok) ref.current?.focus();
  };
  return (
    <div className="tree-row editing" style={{ paddingLeft: 8 + props.depth * 12 }}>
      <input
        ref={ref}
        aria-label="File name"
        className={error ? 'invalid' : ''}
        value={value}
        onChange={(e) => setValue(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') void submit();
          if (e.key === 'Escape') useTree.getState().setEditing(null);
          e.stopPropagation();
        }}
        onBlur={() => {
          if (!busy && (error || value.trim() === (props.current ?? ''))) useTree.getState().setEditing(null);
          else void submit();
        }}
      />
      {error && value !== props.initial && <div className="input-error">{error}</div>}
    </div>
  );
}

/**
 * Rows of one folder drawn at first, and added per "Show more": a folder of 100,000 files would
 * otherwise be half a million elements, drawn again on every click. Quick open finds them all.
 */
export const TREE_PAGE = 2000;

function Entries(props: { dir: string; depth: number; onMenu: (e: React.MouseEvent, entry: DirEntry | null) => void }) {
  const entries = useTree((s) => s.children[props.dir]);
  const expanded = useTree((s) => s.expanded);
  const selected = useTree((s) => s.selected);
  const editing = useTree((s) => s.editing);
  const [pages, setPages] = useState(1);
  if (!entries) return <div className="tree-row muted" style={{ paddingLeft: 8 + props.depth * 12 }}>Loading…</div>;
  const creatingHere = editing && editing.mode !== 'rename' && editing.parent === props.dir;
  // the selected row (revealed from an editor, say) is always drawn
  const shown = Math.max(pages * TREE_PAGE, entries.findIndex((e) => e.path === selected || (editing?.mode === 'rename' && e.path === editing.path)) + 1);
  const hidden = entries.length - shown;
  return (
    <>
      {creatingHere && <NameInput initial="" siblings={entries} depth={props.depth} />}
      {entries.slice(0, shown).map((entry) => {
        if (editing?.mode === 'rename' && editing.path === entry.path) {
          return <NameInput key={entry.path} initial={entry.name} current={entry.name} siblings={entries} depth={props.depth} />;
        }
        const dir = isDir(entry);
        const open = dir && expanded[entry.path];
        const broken = entry.kind === 'symlink' && (entry.target === 'broken' || entry.target === 'outside');
        return (
          <div key={entry.path}>
            <div
              className={`tree-row${selected === entry.path ? ' selected' : ''}${broken ? ' broken' : ''}`}
              style={{ paddingLeft: 8 + props.depth * 12 }}
              role="treeitem"
              aria-expanded={dir ? !!open : undefined}
              aria-selected={selected === entry.path}
              data-path={entry.path}
              title={broken ? `${entry.path} (link ${entry.target === 'outside' ? 'leads outside the workspace' : 'is broken'})` : entry.path}
              tabIndex={-1}
              draggable
              onDragStart={(e) => {
                // dropped into the chat, this becomes a #File or #Folder mention
                e.dataTransfer.setData('application/x-specwright-path', entry.path);
                e.dataTransfer.setData('application/x-specwright-kind', dir ? 'dir' : 'file');
                e.dataTransfer.setData('text/plain', entry.path);
              }}
              onClick={() => {
                useTree.getState().setSelected(entry.path);
                if (dir) void toggleDir(entry.path);
                else if (!broken) void openFile(entry.path);
              }}
              onDoubleClick={() => {
                if (!dir && !broken) void openFile(entry.path, { focus: true });
              }}
              onContextMenu={(e) => {
                useTree.getState().setSelected(entry.path);
                props.onMenu(e, entry);
              }}
            >
              <span className="twistie">{dir && <Icon name={open ? 'chevronDown' : 'chevronRight'} size={14} />}</span>
              <Icon name={dir ? 'folder' : 'file'} className={dir ? 'icon-folder' : 'icon-file'} />
              <span className="label">{entry.name}</span>
            </div>
            {open && <Entries dir={entry.path} depth={props.depth + 1} onMenu={props.onMenu} />}
          </div>
        );
      })}
      {hidden > 0 && <ShowMore depth={props.depth} hidden={hidden} onClick={() => setPages((n) => n + 1)} />}
    </>
  );
}

function ShowMore(props: { depth: number; hidden: number; onClick: () => void }) {
  return (
    <button className="tree-row tree-more link" style={{ paddingLeft: 8 + props.depth * 12 + 14 }} onClick={props.onClick}>
      Show {Math.min(TREE_PAGE, props.hidden).toLocaleString('en-US')} more of {props.hidden.toLocaleString('en-US')}…
    </button>
  );
}

/** The file tree of the open folder. */
export function Explorer() {
  const name = useWorkbench((s) => s.workspace.name);
  const root = useWorkbench((s) => s.workspace.root);
  const [menu, setMenu] = useState<{ x: number; y: number; entry: DirEntry | null } | null>(null);

  useEffect(() => {
    useTree.getState().reset();
    if (root) void loadDir('');
  }, [root]);

  const onMenu = (e: React.MouseEvent, entry: DirEntry | null) => {
    e.preventDefault();
    e.stopPropagation();
    setMenu({ x: e.clientX, y: e.clientY, entry });
  };

  const items = (entry: DirEntry | null): MenuItem[] => {
    const base: MenuItem[] = [
      { label: 'New File…', run: () => void startCreate('newFile') },
      { label: 'New Folder…', run: () => void startCreate('newDir') },
    ];
    if (!entry) return base;
    return [
      ...base,
      { label: 'Rename…', shortcut: 'F2', run: () => useTree.getState().setEditing({ mode: 'rename', path: entry.path }) },
      { label: 'Delete', shortcut: 'Del', run: () => void deletePath(entry.path) },
    ];
  };

  const onKeyDown = (e: React.KeyboardEvent) => {
    const sel = useTree.getState().selected;
    if (!sel || useTree.getState().editing) return;
    if (e.key === 'Enter') {
      const entry = Object.values(useTree.getState().children)
        .flat()
        .find((x) => x.path === sel);
      if (entry && !isDir(entry)) void openFile(sel, { focus: true });
    } else if (e.key === 'F2') {
      e.preventDefault();
      useTree.getState().setEditing({ mode: 'rename', path: sel });
    } else if (e.key === 'Delete' || (e.key === 'Backspace' && e.metaKey)) {
      e.preventDefault();
      void deletePath(sel);
    }
  };

  return (
    <section className="explorer" aria-label="Explorer" onKeyDown={onKeyDown} tabIndex={0}>
      <header className="side-header">
        <span className="side-title">{name ?? 'Explorer'}</span>
        <span className="side-actions">
          <button title="New File" aria-label="New File" onClick={() => void startCreate('newFile')}>
            <Icon name="newFile" />
          </button>
          <button title="New Folder" aria-label="New Folder" onClick={() => void startCreate('newDir')}>
            <Icon name="newFolder" />
          </button>
          <button title="Refresh" aria-label="Refresh Explorer" onClick={() => void Promise.all(Object.keys(useTree.getState().children).map(loadDir))}>
            <Icon name="refresh" />
          </button>
          <button title="Collapse All" aria-label="Collapse All" onClick={() => useTree.setState({ expanded: { '': true } })}>
            <Icon name="collapse" />
          </button>
        </span>
      </header>
      <div
        className="tree"
        role="tree"
        onContextMenu={(e) => {
          useTree.getState().setSelected(null);
          onMenu(e, null);
        }}
      >
        {root && <Entries dir="" depth={0} onMenu={onMenu} />}
      </div>
      {menu && <ContextMenu x={menu.x} y={menu.y} items={items(menu.entry)} onClose={() => setMenu(null)} />}
    </section>
  );
}
