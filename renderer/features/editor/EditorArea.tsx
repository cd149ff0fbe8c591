import { Suspense, lazy } from 'react';
import { useEditors } from '../../stores/editors';
import { CompareView } from './CompareView';
import { keepMine, takeTheirs } from './documents';
import { closeFile } from './saving';
import { EditorView } from './EditorView';

// tabs that are views load their code when first opened
const DiffView = lazy(() => import('../scm/DiffView').then((m) => ({ default: m.DiffView })));
const ReviewDiff = lazy(() => import('../review/ReviewDiff').then((m) => ({ default: m.ReviewDiff })));
const PermissionsView = lazy(() => import('../review/PermissionsView').then((m) => ({ default: m.PermissionsView })));

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 * 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${(bytes / 1024 / 1024 / 1024).toFixed(2)} GB`;
}

function Tabs() {
  const tabs = useEditors((s) => s.tabs);
  const active = useEditors((s) => s.active);
  return (
    <div className="tabs" role="tablist">
      {tabs.map((tab) => {
        const name =
          tab.kind === 'diff' ? `${tab.path.split('/').pop()} (diff)` : tab.kind === 'review' ? `${tab.path.split('/').pop()} (review)` : tab.kind === 'permissions' ? 'Permissions' : tab.path.split('/').pop();
        return (
          <div
            key={tab.path}
            role="tab"
            aria-selected={tab.path === active}
            className={`tab${tab.path === active ? ' active' : ''}${tab.dirty ? ' dirty' : ''}${tab.deleted ? ' deleted' : ''}${tab.preview ? ' preview' : ''}`}
            data-path={tab.path}
            title={tab.deleted ? `${tab.path} (deleted on disk)` : tab.path}
            onClick={() => useEditors.getState().activate(tab.path)}
            onDoubleClick={() => useEditors.getState().patch(tab.path, { preview: false })}
            onAuxClick={(e) => {
              if (e.button === 1) void closeFile(tab.path);
            }}
          >
            <span className="tab-label">{name}</span>
            <button
              className="tab-close"
              aria-label={`Close ${name}`}
              title={tab.dirty ? 'Unsaved changes' : 'Close'}
              onClick={(e) => {
                e.stopPropagation();
                void closeFile(tab.path);
              }}
            >
              <span className="dot">●</span>
              <span className="x">×</span>
            </button>
          </div>
        );
      })}
    </div>
  );
}

function ConflictBar(props: { path: string }) {
  return (
    <div className="conflict-bar" role="alert" data-testid="conflict-bar">
      <span>
        <strong>{props.path}</strong> changed on disk while you have unsaved edits. Both versions are kept until you choose.
      </span>
      <span className="conflict-actions">
        <button onClick={() => useEditors.getState().setComparing(props.path)}>Compare</button>
        <button onClick={() => keepMine(props.path)}>Keep Mine</button>
        <button onClick={() => takeTheirs(props.path)}>Take Theirs</button>
      </span>
    </div>
  );
}

/** Tabs plus the active editor, or a message for files that cannot be shown as text. */
export function EditorArea() {
  const active = useEditors((s) => s.active);
  const tab = useEditors((s) => s.tabs.find((t) => t.path === s.active));
  const restoring = useEditors((s) => s.restoring);
  const comparing = useEditors((s) => s.comparing);
  return (
    <div className="editor-area">
      <Tabs />
      {tab?.conflict && <ConflictBar path={tab.path} />}
      {tab?.deleted && (
        <div className="info-bar" role="status">
          {tab.path} was deleted on disk. Saving will create it again.
        </div>
      )}
      {tab?.loading && tab.kind === 'text' && (
        <div className="info-bar" role="status" data-testid="loading-bar">
          Loading the rest of {tab.path} ({formatSize(tab.size)})… the editor is read-only until it has arrived.
        </div>
      )}
      {tab?.large && tab.kind === 'text' && (
        <div className="info-bar" role="status">
          Large file ({formatSize(tab.size)}): opened in large-file mode — syntax highlighting, minimap and folding are off.
        </div>
      )}
      <div className="editor-body">
        {!active && !restoring && (
          <div className="empty-editor">
            <p>Open a file from the explorer.</p>
            <p className="muted">Ctrl/Cmd+S saves · Ctrl+` toggles the panel</p>
          </div>
        )}
        <Suspense fallback={<div className="file-message muted">Loading…</div>}>
          {tab && tab.kind === 'diff' && <DiffView key={tab.path} path={tab.path.slice('diff:'.length)} />}
          {tab && tab.kind === 'review' && <ReviewDiff key={tab.path} path={tab.path.slice('review:'.length)} />}
          {tab && tab.kind === 'permissions' && <PermissionsView />}
        </Suspense>
        {tab && tab.kind === 'binary' && (
          <div className="file-message" data-testid="binary-message">
            <p>
              <strong>{tab.path}</strong> is binary ({formatSize(tab.size)}), not opened.
            </p>
          </div>
        )}
        {tab && tab.kind === 'tooLarge' && (
          <div className="file-message" data-testid="too-large-message">
            <p>
              <strong>{tab.path}</strong> is too large to open ({formatSize(tab.size)}).
            </p>
          </div>
        )}
        {tab && tab.kind === 'error' && (
          <div className="file-message" data-testid="file-error-message" role="alert">
            <p>{tab.message ?? `${tab.path} could not be shown.`}</p>
          </div>
        )}
        {comparing && comparing === active ? (
          <CompareView path={comparing} />
        ) : (
          <div className="editor-slot" style={{ display: tab?.kind === 'text' ? 'flex' : 'none' }}>
            <EditorView path={tab?.kind === 'text' ? tab.path : null} />
          </div>
        )}
      </div>
    </div>
  );
}
