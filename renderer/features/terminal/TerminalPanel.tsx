import { useEffect, useRef, useState } from 'react';
import { Icon } from '../../components/Icon';
import { RenameInput } from '../../components/RenameInput';
import { useTerminals } from '../../stores/terminals';
import { useWorkbench } from '../../stores/workbench';
import { attach, findInTerminal, fitTerminal, focusTerminal, killTerminal, newTerminal, renameTerminal, restartTerminal, whenRestored } from './registry';

function TerminalView(props: { id: number }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    attach(props.id, el);
    focusTerminal(props.id);
    let frame = 0;
    const observer = new ResizeObserver(() => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => fitTerminal(props.id));
    });
    observer.observe(el);
    return () => {
      observer.disconnect();
      cancelAnimationFrame(frame);
    };
  }, [props.id]);
  return <div className="terminal-view" ref={box} data-testid="terminal" data-terminal-id={props.id} />;
}

function FindBox(props: { id: number; onClose: () => void }) {
  const [query, setQuery] = useState('');
  const [missing, setMissing] = useState(false);
  return (
    <div className="terminal-find">
      <input
        autoFocus
        aria-label="Find in terminal"
        placeholder="Find"
        className={missing ? 'invalid' : ''}
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setMissing(!!e.target.value && !findInTerminal(props.id, e.target.value));
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') setMissing(!findInTerminal(props.id, query, e.shiftKey));
          if (e.key === 'Escape') props.onClose();
        }}
      />
    </div>
  );
}

/** The bottom panel's terminals: tabs, new/kill, rename (double-click), find (Ctrl+F), restart on exit. */
export function TerminalPanel() {
  const tabs = useTerminals((s) => s.tabs);
  const active = useTerminals((s) => s.active);
  const [renaming, setRenaming] = useState<number | null>(null);
  const [finding, setFinding] = useState(false);
  const activeTab = tabs.find((t) => t.id === active);

  useEffect(() => {
    // opening the panel with no terminal starts one, as VS Code does, once any terminals
    // that survived a reload are back
    void whenRestored().then(() => {
      if (useTerminals.getState().tabs.length === 0) void newTerminal();
    });
  }, []);

  return (
    <section
      className="panel"
      aria-label="Terminal"
      onKeyDownCapture={(e) => {
        if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'f' && active !== null) {
          e.preventDefault();
          e.stopPropagation();
          setFinding(true);
        }
      }}
    >
      <header className="panel-header">
        <div className="terminal-tabs" role="tablist" aria-label="Terminals">
          {tabs.map((t) =>
            renaming === t.id ? (
              <RenameInput
                key={t.id}
                label="Terminal name"
                value={t.title}
                onDone={(title) => {
                  setRenaming(null);
                  if (title) void renameTerminal(t.id, title);
                }}
              />
            ) : (
              <button
                key={t.id}
                role="tab"
                aria-selected={t.id === active}
                className={`terminal-tab${t.id === active ? ' active' : ''}${t.exited ? ' exited' : ''}`}
                onClick={() => useTerminals.getState().activate(t.id)}
                onDoubleClick={() => setRenaming(t.id)}
                title="Double-click to rename"
              >
                {t.title}
              </button>
            ),
          )}
        </div>
        <span className="panel-actions">
          <button aria-label="New Terminal" title="New Terminal" onClick={() => void newTerminal()}>
            <Icon name="plus" size={14} />
          </button>
          {active !== null && (
            <button aria-label="Kill Terminal" title="Kill Terminal" onClick={() => void killTerminal(active)}>
              <Icon name="trash" size={14} />
            </button>
          )}
          <button aria-label="Close Panel" title="Hide Panel" onClick={() => useWorkbench.getState().setPanelVisible(false)}>
            <Icon name="close" size={14} />
          </button>
        </span>
      </header>
      {activeTab?.exited && (
        <div className="info-bar" role="status">
          The terminal process exited with code {activeTab.exited.exitCode}.
          <button onClick={() => void restartTerminal(activeTab.id)}>Restart</button>
        </div>
      )}
      <div className="panel-body">
        {finding && active !== null && (
          <FindBox
            id={active}
            onClose={() => {
              setFinding(false);
              focusTerminal(active);
            }}
          />
        )}
        {active !== null && <TerminalView key={active} id={active} />}
        {tabs.length === 0 && <div className="empty-editor">No terminal. Press + to start one.</div>}
      </div>
    </section>
  );
}
