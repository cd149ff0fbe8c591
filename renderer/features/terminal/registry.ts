import type { FitAddon } from '@xterm/addon-fit';
import type { SearchAddon } from '@xterm/addon-search';
import type { WebglAddon } from '@xterm/addon-webgl';
import type { Terminal } from '@xterm/xterm';
import type { TerminalInfo } from '../../../shared/ipc/contract';
import type { Disposable } from '../../../shared/ipc/protocol';
import { api, errorMessage } from '../../app/api';
import { useTerminals } from '../../stores/terminals';
import { notifyError, useWorkbench } from '../../stores/workbench';
import { openFile } from '../editor';
import { inputPieces } from './input';
import { pathLinkProvider } from './links';
import { CursorBlinker } from './cursor-blink';
import { OutputPacer } from './pacer';
import { holdViewportWithSynchronizedOutput, skipIdleSelectionRedraws } from './xterm-fixes';

/**
 * Acks go back to main every ACK_CHUNK characters that xterm has parsed (VS Code acks
 * every 5k). Small enough to keep main's unacknowledged count far below its pause
 * threshold in normal use, large enough that acks are a sliver of the traffic.
 */
export const ACK_CHUNK = 5_000;

interface Entry {
  id: number;
  term: Terminal;
  fit: FitAddon;
  search: SearchAddon;
  /** The terminal's own DOM, moved into whichever view shows it. */
  host: HTMLDivElement;
  opened: boolean;
  cwd: string;
  unacked: number;
  pacer: OutputPacer;
  subs: Disposable[];
  webgl?: WebglAddon;
  /** Blinks the DOM renderer's cursor (not made, and not running, while WebGL draws). */
  blinker?: CursorBlinker;
}

interface Xterm {
  Terminal: typeof import('@xterm/xterm').Terminal;
  FitAddon: typeof import('@xterm/addon-fit').FitAddon;
  SearchAddon: typeof import('@xterm/addon-search').SearchAddon;
  WebLinksAddon: typeof import('@xterm/addon-web-links').WebLinksAddon;
  WebglAddon: typeof import('@xterm/addon-webgl').WebglAddon;
}

/** xterm and its addons (~500 KB) load with the first terminal, not with the workbench. */
let xtermLoading: Promise<Xterm> | undefined;
let xterm: Xterm | undefined;
function loadXterm(): Promise<Xterm> {
  xtermLoading ??= Promise.all([import('@xterm/xterm'), import('@xterm/addon-fit'), import('@xterm/addon-search'), import('@xterm/addon-web-links'), import('@xterm/addon-webgl')]).then(
    ([t, fit, search, links, webgl]) =>
      (xterm = { Terminal: t.Terminal, FitAddon: fit.FitAddon, SearchAddon: search.SearchAddon, WebLinksAddon: links.WebLinksAddon, WebglAddon: webgl.WebglAddon }),
  );
  return xtermLoading;
}

const entries = new Map<number, Entry>();
/** Settles once terminals that survived a reload are re-attached (so the panel does not start a duplicate). */
let restored: Promise<void> = Promise.resolve();

export function whenRestored(): Promise<void> {
  return restored;
}

function theme(dark: boolean) {
  return dark
    ? { background: '#1e1e1e', foreground: '#cccccc', cursor: '#aeafad', selectionBackground: '#264f78' }
    : { background: '#ffffff', foreground: '#1f1f1f', cursor: '#000000', selectionBackground: '#add6ff' };
}

function isDark() {
  return document.documentElement.dataset.theme === 'dark';
}

/** Turns a path printed in the terminal into a workspace-relative one, if it is inside. */
function toWorkspacePath(printed: string, cwd: string): string | null {
  const root = useWorkbench.getState().workspace.root;
  if (!root) return null;
  const abs = printed.startsWith('/') ? printed : `${cwd.replace(/\/$/, '')}/${printed}`;
  const parts: string[] = [];
  for (const seg of abs.split('/')) {
    if (!seg || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  const norm = '/' + parts.join('/');
  if (norm === root) return '';
  return norm.startsWith(root + '/') ? norm.slice(root.length + 1) : null;
}

async function create(info: TerminalInfo): Promise<Entry> {
  const { Terminal, FitAddon, SearchAddon, WebLinksAddon } = await loadXterm();
  const existing = entries.get(info.id);
  if (existing) return existing;
  const settings = useWorkbench.getState().settings;
  const term = new Terminal({
    fontSize: settings?.['terminal.fontSize'] ?? 13,
    fontFamily: "'DejaVu Sans Mono', 'Cascadia Mono', Menlo, Consolas, monospace",
    scrollback: 10_000,
    allowProposedApi: true,
    theme: theme(isDark()),
    cursorBlink: true,
  });
  const fit = new FitAddon();
  const search = new SearchAddon();
  term.loadAddon(fit);
  term.loadAddon(search);
  term.loadAddon(new WebLinksAddon((_e, url) => window.open(url, '_blank', 'noopener,noreferrer')));
  const host = document.createElement('div');
  host.className = 'terminal-host';
  const entry: Entry = { id: info.id, term, fit, search, host, opened: false, cwd: info.cwd, unacked: 0, pacer: new OutputPacer(term), subs: [] };
  term.registerLinkProvider(
    pathLinkProvider(term, (link) => {
      const rel = toWorkspacePath(link.path, entry.cwd);
      if (rel === null) notifyError(`${link.path} is not inside the open folder.`);
      else void openFile(rel, { focus: true, line: link.line, column: link.column });
    }),
  );
  // copy/paste with Ctrl+Shift+C / Ctrl+Shift+V, as in VS Code's terminal on Linux and Windows
  term.attachCustomKeyEventHandler((e) => {
    if (e.type !== 'keydown' || !e.ctrlKey || !e.shiftKey) return true;
    if (e.code === 'KeyC' && term.hasSelection()) {
      void navigator.clipboard.writeText(term.getSelection());
      return false;
    }
    if (e.code === 'KeyV') {
      void navigator.clipboard.readText().then((t) => term.paste(t));
      return false;
    }
    return true;
  });
  entry.subs.push(
    term.onData((data) => {
      entry.pacer.input();
      // a paste can be larger than one pty.write takes: it goes in pieces, in order (one socket, handled in turn)
      for (const piece of inputPieces(data)) void api().call('pty.write', { id: info.id, data: piece }).catch(() => undefined);
    }),
    api().subscribe('pty.onData', { id: info.id }, ({ data }) => {
      // bytes go straight into xterm (paced repaints during a flood); the ack is sent once xterm has parsed them
      entry.pacer.write(data, () => {
        entry.unacked += data.length;
        if (entry.unacked >= ACK_CHUNK) {
          const chars = entry.unacked;
          entry.unacked = 0;
          api().notify('pty.ack', { id: info.id, chars }); // one way: an answer per batch would double the page's messages
        }
      });
    }),
  );
  entries.set(info.id, entry);
  return entry;
}

/** Shows the terminal inside `container` (opening xterm there the first time) and fits it. */
export function attach(id: number, container: HTMLElement): void {
  const entry = entries.get(id);
  if (!entry) return;
  container.appendChild(entry.host);
  if (!entry.opened) {
    entry.term.open(entry.host);
    entry.opened = true;
    skipIdleSelectionRedraws(entry.term);
    holdViewportWithSynchronizedOutput(entry.term);
    if (useWorkbench.getState().settings?.['terminal.gpuAcceleration'] !== 'off') {
      try {
        const webgl = new xterm!.WebglAddon();
        webgl.onContextLoss(() => {
          webgl.dispose();
          entry.webgl = undefined;
          domCursorBlink(entry); // back on the DOM renderer
        });
        entry.term.loadAddon(webgl);
        entry.webgl = webgl;
      } catch {
        // no WebGL (no GPU, headless): xterm's DOM renderer is already in place
      }
    }
    if (!entry.webgl) domCursorBlink(entry);
  }
  fitTerminal(id);
}

/** The DOM renderer draws the terminal: its cursor blinks by a timer (see cursor-blink.ts). */
function domCursorBlink(entry: Entry): void {
  const { term } = entry;
  if (!term.element || !term.textarea) return;
  const textarea = term.textarea;
  entry.blinker ??= new CursorBlinker({
    element: term.element,
    focusTarget: textarea,
    hasFocus: () => document.activeElement === textarea,
    onCursorMove: (fn) => term.onCursorMove(fn),
  });
  entry.blinker.start();
}

/** Fits the terminal to its view and tells the pty its new size. */
export function fitTerminal(id: number): void {
  const entry = entries.get(id);
  if (!entry?.opened || !entry.host.isConnected || entry.host.clientWidth === 0) return;
  const before = { cols: entry.term.cols, rows: entry.term.rows };
  entry.fit.fit();
  if (entry.term.cols !== before.cols || entry.term.rows !== before.rows) {
    void api().call('pty.resize', { id, cols: entry.term.cols, rows: entry.term.rows }).catch(() => undefined);
  }
}

export function focusTerminal(id: number): void {
  entries.get(id)?.term.focus();
}

export function findInTerminal(id: number, query: string, backwards = false): boolean {
  const entry = entries.get(id);
  if (!entry || !query) return false;
  return backwards ? entry.search.findPrevious(query) : entry.search.findNext(query);
}

function dispose(id: number) {
  const entry = entries.get(id);
  if (!entry) return;
  entry.subs.forEach((s) => s.dispose());
  entry.pacer.dispose();
  entry.blinker?.dispose();
  entry.term.dispose();
  entry.host.remove();
  entries.delete(id);
}

/** Starts a new terminal in the workspace folder and shows it. */
export async function newTerminal(): Promise<number | null> {
  const size = { cols: 80, rows: 24 };
  try {
    const info = await api().call('pty.spawn', size);
    await create(info);
    useTerminals.getState().add({ id: info.id, title: info.title });
    return info.id;
  } catch (err) {
    notifyError(`Could not start a terminal: ${errorMessage(err)}`);
    return null;
  }
}

/** Kills a terminal's processes and removes its tab. */
export async function killTerminal(id: number): Promise<void> {
  await api()
    .call('pty.kill', { id })
    .catch(() => undefined);
  dispose(id);
  useTerminals.getState().remove(id);
}

/** Replaces an exited terminal with a fresh shell in the same tab. */
export async function restartTerminal(id: number): Promise<void> {
  try {
    const info = await api().call('pty.spawn', { cols: entries.get(id)?.term.cols ?? 80, rows: entries.get(id)?.term.rows ?? 24 });
    await api()
      .call('pty.kill', { id })
      .catch(() => undefined);
    dispose(id);
    await create(info);
    useTerminals.getState().replace(id, { id: info.id, title: info.title });
  } catch (err) {
    notifyError(`Could not restart the terminal: ${errorMessage(err)}`);
  }
}

export async function renameTerminal(id: number, title: string): Promise<void> {
  await api().call('pty.rename', { id, title });
  useTerminals.getState().patch(id, { title });
}

/**
 * Follows terminal events (exits, directory changes) and re-attaches to terminals that
 * survived a page reload, with their recent output replayed.
 */
export function bindTerminals(): () => void {
  const sub = api().subscribe('pty.onEvent', {}, ({ id, event }) => {
    const entry = entries.get(id);
    if (event.type === 'spawned' && !entry) {
      // a terminal started elsewhere (the agent's): show it as a tab
      void api()
        .call('pty.list', {})
        .then(async ({ terminals }) => {
          const info = terminals.find((t) => t.id === id);
          if (!info || entries.has(id)) return;
          await create(info);
          const current = useTerminals.getState().active;
          useTerminals.getState().add({ id, title: info.title });
          if (current !== null) useTerminals.getState().activate(current);
        })
        .catch(() => undefined);
    }
    if (event.type === 'cwd' && entry) entry.cwd = event.cwd;
    if (event.type === 'exit') {
      useTerminals.getState().patch(id, { exited: { exitCode: event.exitCode, signal: event.signal } });
      entry?.term.write(`\r\n\x1b[2m[The process exited with code ${event.exitCode}.]\x1b[0m\r\n`);
    }
  });
  restored = api()
    .call('pty.list', {})
    .then(async ({ terminals }) => {
      for (const info of terminals) {
        if (entries.has(info.id)) continue;
        await create(info);
        useTerminals.getState().add({ id: info.id, title: info.title, exited: info.exited });
      }
    })
    .catch(() => undefined);
  const themeObserver = new MutationObserver(() => {
    for (const e of entries.values()) e.term.options.theme = theme(isDark());
  });
  themeObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  // a changed terminal.fontSize applies to the open terminals (their rows and columns follow)
  const unsubscribeFont = useWorkbench.subscribe((state, previous) => {
    const size = state.settings?.['terminal.fontSize'];
    if (size === undefined || size === previous.settings?.['terminal.fontSize']) return;
    for (const e of entries.values()) {
      if (e.term.options.fontSize === size) continue;
      e.term.options.fontSize = size;
      fitTerminal(e.id);
    }
  });
  return () => {
    sub.dispose();
    themeObserver.disconnect();
    unsubscribeFont();
  };
}
