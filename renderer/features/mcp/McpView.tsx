import { useMcp } from '../../stores/mcp';
import { openWorkspaceMcpJson } from './mcp';
import { ServerRow } from './ServerRow';

/** The MCP side view: config problems, then every server from the user and workspace mcp.json. */
export function McpView() {
  const servers = useMcp((s) => s.servers);
  const problems = useMcp((s) => s.problems);
  return (
    <section className="mcp-view" aria-label="MCP Servers">
      <header className="side-header">
        <span className="side-title">MCP Servers</span>
        {servers.length > 0 && (
          <span className="side-actions">
            <button title="Open .kiro/settings/mcp.json" aria-label="Edit mcp.json" onClick={() => void openWorkspaceMcpJson()}>
              {'{}'}
            </button>
          </span>
        )}
      </header>
      {problems.map((p) => (
        <div key={p} className="conflict-bar mcp-problem" role="alert">
          {p}
        </div>
      ))}
      {servers.length === 0 ? (
        <div className="muted small mcp-empty">
          <p>
            No MCP servers. Servers are configured in <code>.kiro/settings/mcp.json</code> (this workspace) and <code>~/.kiro/settings/mcp.json</code> (every
            workspace); the workspace file wins where both name a server.
          </p>
          <div>
            <button className="primary" onClick={() => void openWorkspaceMcpJson()}>
              Open workspace mcp.json
            </button>
          </div>
        </div>
      ) : (
        <div className="mcp-list" role="list" aria-label="Servers">
          {servers.map((s) => (
            <ServerRow key={`${s.scope}:${s.name}`} server={s} />
          ))}
        </div>
      )}
    </section>
  );
}
