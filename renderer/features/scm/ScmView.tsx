import { useState } from 'react';
import type { GitChange } from '../../../shared/ipc/contract';
import { api } from '../../app/api';
import { ask } from '../../stores/dialogs';
import { useGit } from '../../stores/git';
import { gitAction, openDiff } from './git';

function letter(c: GitChange, staged: boolean): string {
  if (c.kind === 'untracked') return 'U';
  if (c.kind === 'conflict') return '!';
  return (staged ? c.index : c.worktree).replace('.', '');
}

function Row(props: { change: GitChange; staged: boolean }) {
  const { change, staged } = props;
  const slash = change.path.lastIndexOf('/');
  const discard = async () => {
    const untracked = change.kind === 'untracked';
    const choice = await ask({
      title: untracked ? 'Delete untracked file?' : 'Discard changes?',
      message: untracked
        ? `"${change.path}" is not tracked by git. Discarding deletes it permanently.`
        : `Discard your changes to "${change.path}"? The file goes back to its last staged or committed state. This cannot be undone.`,
      buttons: [
        { id: 'discard', label: untracked ? 'Delete File' : 'Discard Changes', danger: true },
        { id: 'cancel', label: 'Cancel' },
      ],
      cancelId: 'cancel',
    });
    if (choice === 'discard') await gitAction('Discard', () => api().call('git.discard', { paths: [change.path] }));
  };
  return (
    <div className="tree-row scm-row" data-path={change.path} role="treeitem" title={change.origPath ? `${change.origPath} → ${change.path}` : change.path} onClick={() => openDiff(change.path)}>
      <span className="label">{change.path.slice(slash + 1)}</span>
      <span className="muted small"> {slash > 0 ? change.path.slice(0, slash) : ''}</span>
      <span className="scm-actions" onClick={(e) => e.stopPropagation()}>
        {staged ? (
          <button title="Unstage Changes" aria-label={`Unstage ${change.path}`} onClick={() => void gitAction('Unstage', () => api().call('git.unstage', { paths: [change.path] }))}>
            −
          </button>
        ) : (
          <>
            <button title="Discard Changes" aria-label={`Discard ${change.path}`} onClick={() => void discard()}>
              ↶
            </button>
            <button title="Stage Changes" aria-label={`Stage ${change.path}`} onClick={() => void gitAction('Stage', () => api().call('git.stage', { paths: [change.path] }))}>
              +
            </button>
          </>
        )}
      </span>
      <span className={`scm-letter letter-${letter(change, staged)}`}>{letter(change, staged)}</span>
    </div>
  );
}

function Group(props: { title: string; changes: GitChange[]; staged: boolean; action?: { label: string; run: () => void } }) {
  if (!props.changes.length) return null;
  return (
    <div className="scm-group" aria-label={props.title} role="group">
      <div className="scm-group-title">
        <span>
          {props.title} <span className="badge">{props.changes.length}</span>
        </span>
        {props.action && (
          <button title={props.action.label} aria-label={props.action.label} onClick={props.action.run}>
            {props.staged ? '−' : '+'}
          </button>
        )}
      </div>
      {props.changes.map((c) => (
        <Row key={`${props.staged}-${c.path}`} change={c} staged={props.staged} />
      ))}
    </div>
  );
}

/** Source control for git workspaces: staged/unstaged/untracked/conflicts, diffs, commit; `git init` otherwise. */
export function ScmView() {
  const status = useGit((s) => s.status);
  const [message, setMessage] = useState('');
  if (!status) return <section className="scm-view" aria-label="Source Control" />;
  if (!status.isRepo) {
    return (
      <section className="scm-view" aria-label="Source Control">
        <header className="side-header">
          <span className="side-title">Source Control</span>
        </header>
        <div className="scm-empty">
          <p>This folder is not a git repository.</p>
          <button className="primary" onClick={() => void gitAction('git init', () => api().call('git.init', {}))}>
            Initialize Repository
          </button>
        </div>
      </section>
    );
  }
  const conflicts = status.changes.filter((c) => c.kind === 'conflict');
  const staged = status.changes.filter((c) => c.kind !== 'conflict' && c.kind !== 'untracked' && c.index !== '.');
  const unstaged = status.changes.filter((c) => c.kind === 'untracked' || (c.kind !== 'conflict' && c.worktree !== '.'));
  const commit = async () => {
    if (await gitAction('Commit', () => api().call('git.commit', { message }))) setMessage('');
  };
  return (
    <section className="scm-view" aria-label="Source Control">
      <header className="side-header">
        <span className="side-title">Source Control</span>
      </header>
      <div className="scm-commit">
        <textarea
          aria-label="Commit message"
          placeholder={`Message (Ctrl+Enter to commit on "${status.branch ?? 'detached HEAD'}")`}
          value={message}
          onChange={(e) => setMessage(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void commit();
          }}
        />
        <button className="primary" disabled={!message.trim() || staged.length === 0} onClick={() => void commit()}>
          ✓ Commit
        </button>
      </div>
      {status.changes.length === 0 && <div className="scm-empty muted">No changes.</div>}
      <Group title="Merge Changes" changes={conflicts} staged={false} />
      <Group
        title="Staged Changes"
        changes={staged}
        staged
        action={{ label: 'Unstage All Changes', run: () => void gitAction('Unstage', () => api().call('git.unstage', { paths: staged.map((c) => c.path) })) }}
      />
      <Group
        title="Changes"
        changes={unstaged}
        staged={false}
        action={{ label: 'Stage All Changes', run: () => void gitAction('Stage', () => api().call('git.stage', { paths: unstaged.map((c) => c.path) })) }}
      />
    </section>
  );
}
