import { useCallback, useEffect, useState } from 'react';
import type { Contract } from '../../../shared/ipc/contract';
import type { OutputOf } from '../../../shared/ipc/define';
import { api, errorMessage } from '../../app/api';
import { useWorkbench } from '../../stores/workbench';
import { ModeSwitch } from './ReviewView';

type Policies = OutputOf<Contract['permissions.get']>;
type Rule = Policies['user']['rules'][number];
type Scope = 'user' | 'workspace';

const HINT: Record<Rule['tool'], string> = {
  shell: 'npm test · npm run * · git *',
  write: 'src/** · *.md · .env',
  web: 'docs.aws.amazon.com · *.github.com',
  mcp: 'github/* · server/tool',
};

function RuleTable(props: { scope: Scope; file: string; rules: Rule[]; problems: string[]; onSave: (rules: Rule[]) => Promise<void> }) {
  const [rules, setRules] = useState(props.rules);
  useEffect(() => setRules(props.rules), [props.rules]);
  const changed = JSON.stringify(rules) !== JSON.stringify(props.rules);
  const update = (i: number, patch: Partial<Rule>) => setRules((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const valid = rules.every((r) => r.match.trim());
  return (
    <section className="policy" aria-label={`${props.scope === 'user' ? 'User' : 'Workspace'} rules`}>
      <h3>
        {props.scope === 'user' ? 'User rules' : 'Workspace rules'} <span className="muted small">{props.file}</span>
      </h3>
      {props.problems.map((p) => (
        <div key={p} className="conflict-bar" role="alert">
          {p}
        </div>
      ))}
      <table className="policy-table">
        <thead>
          <tr>
            <th>Tool</th>
            <th>Match</th>
            <th>Action</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {rules.map((r, i) => (
            <tr key={i}>
              <td>
                <select aria-label="Tool" value={r.tool} onChange={(e) => update(i, { tool: e.target.value as Rule['tool'] })}>
                  <option value="shell">Shell command</option>
                  <option value="write">File write</option>
                  <option value="web">Web fetch</option>
                  <option value="mcp">MCP tool</option>
                </select>
              </td>
              <td>
                <input aria-label="Match" value={r.match} placeholder={HINT[r.tool]} onChange={(e) => update(i, { match: e.target.value })} />
              </td>
              <td>
                <select aria-label="Action" value={r.action} onChange={(e) => update(i, { action: e.target.value as Rule['action'] })}>
                  <option value="allow">Allow</option>
                  <option value="ask">Ask</option>
                  <option value="deny">Deny</option>
                </select>
              </td>
              <td>
                <button aria-label="Remove rule" title="Remove rule" onClick={() => setRules((rs) => rs.filter((_, j) => j !== i))}>
                  ×
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="policy-actions">
        <button onClick={() => setRules((rs) => [...rs, { tool: 'shell', match: '', action: 'allow' }])}>Add Rule</button>
        <button className="primary" disabled={!changed || !valid} onClick={() => void props.onSave(rules.map((r) => ({ ...r, match: r.match.trim() })))}>
          Save
        </button>
        {changed && (
          <button onClick={() => setRules(props.rules)} disabled={!changed}>
            Revert
          </button>
        )}
      </div>
    </section>
  );
}

/** The permission policy: user and workspace rules (allow / ask / deny, deny wins) and the agent mode. */
export function PermissionsView() {
  const [policies, setPolicies] = useState<Policies | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    api()
      .call('permissions.get', {})
      .then(setPolicies, (err: unknown) => setError(errorMessage(err)));
  }, []);
  useEffect(load, [load]);
  const save = (scope: Scope) => async (rules: Rule[]) => {
    try {
      await api().call('permissions.set', { scope, rules });
      useWorkbench.getState().notify('info', `${scope === 'user' ? 'User' : 'Workspace'} permission rules saved.`);
      load();
    } catch (err) {
      useWorkbench.getState().notify('error', errorMessage(err));
    }
  };
  return (
    <div className="permissions-view" data-testid="permissions-view">
      <h2>Permissions</h2>
      <p className="muted">
        What the agent may do without asking. Among matching rules deny wins, then ask, then allow. Destructive commands (recursive deletes, force pushes, dropping databases, cloud deletions…) always ask, and so do changes to
        these policy files. Without a rule: read-only commands run, file writes are held for review (Supervised) or checkpointed (Autopilot), and other commands, web fetches and MCP tools ask in
        Supervised mode and run in Autopilot.
      </p>
      <div className="policy-mode">
        <span>Mode for this workspace:</span> <ModeSwitch />
      </div>
      {error && <div className="conflict-bar">{error}</div>}
      {policies && (
        <>
          {policies.workspace && <RuleTable scope="workspace" {...policies.workspace} onSave={save('workspace')} />}
          <RuleTable scope="user" {...policies.user} onSave={save('user')} />
        </>
      )}
    </div>
  );
}
