import { languageName } from '../features/editor';
import { useEditors } from '../stores/editors';
import { useGit } from '../stores/git';
import { useProblems } from '../stores/problems';
import { notifyError, useWorkbench } from '../stores/workbench';
import { errorMessage } from './api';
import { toggleTheme } from './theme';

const ENCODING_NAMES: Record<string, string> = {
  utf8: 'UTF-8',
  utf8bom: 'UTF-8 with BOM',
  utf16le: 'UTF-16 LE',
  utf16be: 'UTF-16 BE',
  windows1252: 'Windows 1252',
  iso88591: 'ISO 8859-1',
};

/** File, language, cursor, encoding and line endings of the active editor. */
export function StatusBar() {
  const tab = useEditors((s) => s.tabs.find((t) => t.path === s.active));
  const cursor = useEditors((s) => s.cursor);
  const language = useEditors((s) => s.language);
  const connected = useWorkbench((s) => s.connected);
  const mode = useWorkbench((s) => s.host?.mode);
  const branch = useGit((s) => (s.status?.isRepo ? (s.status.branch ?? 'detached') : null));
  const errors = useProblems((s) => s.problems.filter((p) => p.severity === 'error').length);
  const warnings = useProblems((s) => s.problems.filter((p) => p.severity === 'warning').length);
  return (
    <footer className="status-bar" role="status" aria-label="Status Bar">
      <span className="status-left">
        {!connected && <span className="status-item error">Disconnected</span>}
        {branch && (
          <button className="status-item" data-testid="status-branch" title="Source Control" onClick={() => useWorkbench.getState().showSideView('scm')}>
            ⎇ {branch}
          </button>
        )}
        <button className="status-item" data-testid="status-problems" title="Problems" onClick={() => useWorkbench.getState().showPanel('problems')}>
          ⊗ {errors} ⚠ {warnings}
        </button>
        {mode === 'serve' && <span className="status-item">Browser workbench</span>}
        {tab && tab.kind !== 'diff' && (
          <span className="status-item" data-testid="status-file">
            {tab.path}
          </span>
        )}
      </span>
      <span className="status-right">
        {tab?.kind === 'text' && (
          <>
            <span className="status-item" data-testid="status-cursor">
              Ln {cursor.line}, Col {cursor.column}
            </span>
            <span className="status-item" data-testid="status-encoding">
              {ENCODING_NAMES[tab.encoding] ?? tab.encoding}
            </span>
            <span className="status-item" data-testid="status-eol">
              {tab.eol === '\r\n' ? 'CRLF' : 'LF'}
            </span>
            <span className="status-item" data-testid="status-language">
              {tab.large ? 'Plain Text (large file)' : languageName(language)}
            </span>
          </>
        )}
        <button className="status-item" title="Toggle light/dark theme" onClick={() => void toggleTheme().catch((err: unknown) => notifyError(errorMessage(err)))}>
          ◐
        </button>
      </span>
    </footer>
  );
}
