import { useState } from 'react';
import type { McpServerInfo } from '../../../shared/ipc/contract';
import { Switch } from '../../components/Switch';
import { restartServer, setServerEnabled, setTool } from './mcp';

function stateText(s: McpServerInfo): string {
  switch (s.state) {
    case 'starting':
      return 'starting…';
    case 'connected':
      return `connected · ${s.tools.length} ${s.tools.length === 1 ? 'tool' : 'tools'}`;
    default:
      return s.state;
  }
}

type Tool = McpServerInfo['tools'][number];

function ToolRow(props: { server: string; tool: Tool }) {
  const { server, tool } = props;
  return (
    <div className={`mcp-tool ${tool.disabled ? 'off' : ''}`} role="listitem" data-tool={tool.name}>
      <div className="mcp-tool-head">
        <span className="mcp-tool-name">{tool.name}</span>
        <label className="small" title="The agent does not see this tool">
          <input type="checkbox" aria-label={`Disable ${tool.name}`} checked={tool.disabled} onChange={(e) => void setTool(server, tool.name, { disabled: e.target.checked })} /> disabled
        </label>
        <label className="small" title="Calls run without asking, whatever the mode">
          <input type="checkbox" aria-label={`Auto-approve ${tool.name}`} checked={tool.autoApprove} onChange={(e) => void setTool(server, tool.name, { autoApprove: e.target.checked })} /> auto-approve
        </label>
      </div>
      {tool.description && <div className="muted small mcp-tool-desc">{tool.description}</div>}
    </div>
  );
}

/** One configured server: how it is doing, its switch and restart, and (expanded) its tools. */
export function ServerRow(props: { server: McpServerInfo }) {
  const s = props.server;
  const [open, setOpen] = useState(false);
  return (
    <div className={`mcp-server state-${s.state}`} role="listitem" data-server={s.name}>
      <div className="mcp-head">
        <button className="twist" aria-expanded={open} aria-label={`Tools of ${s.name}`} onClick={() => setOpen((o) => !o)}>
          {open ? '▾' : '▸'}
        </button>
        <span className="mcp-name">{s.name}</span>
        <span className={`hook-badge scope-${s.scope}`}>{s.scope}</span>
        <span className="muted small">{s.kind}</span>
        <span className={`mcp-state state-${s.state}`}>{stateText(s)}</span>
        <span className="hook-actions">
          <button aria-label={`Restart ${s.name}`} title="Restart" disabled={s.state === 'disabled'} onClick={() => void restartServer(s.name)}>
            Restart
          </button>
          <Switch checked={s.state !== 'disabled'} label={`Enable ${s.name}`} onChange={(on) => void setServerEnabled(s.name, on)} />
        </span>
      </div>
      {s.restarts > 0 && <div className="muted small mcp-note">restarted {s.restarts} {s.restarts === 1 ? 'time' : 'times'}</div>}
      {s.state === 'failed' && (
        <div className="mcp-failure">
          {s.error && <div className="hook-problem">{s.error}</div>}
          {s.stderr && (
            <details>
              <summary className="small">stderr</summary>
              <pre aria-label={`stderr of ${s.name}`}>{s.stderr}</pre>
            </details>
          )}
        </div>
      )}
      {open && (
        <div className="mcp-tools" role="list" aria-label={`${s.name} tools`}>
          {s.tools.length === 0 && <div className="muted small">{s.state === 'connected' ? 'This server offers no tools.' : 'Its tools are listed once it is connected.'}</div>}
          {s.tools.map((t) => (
            <ToolRow key={t.name} server={s.name} tool={t} />
          ))}
        </div>
      )}
    </div>
  );
}
