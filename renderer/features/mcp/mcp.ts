import { ContractError } from '../../../shared/ipc/protocol';
import { api, attempt, errorMessage } from '../../app/api';
import { useMcp } from '../../stores/mcp';
import { notifyError, useWorkbench } from '../../stores/workbench';
import { openFile } from '../editor';

/** Where a workspace's MCP servers are configured (Kiro's path, so a Kiro project opens as-is). */
export const WORKSPACE_MCP_JSON = '.kiro/settings/mcp.json';

const act = attempt;

export const setServerEnabled = (name: string, enabled: boolean) => act(() => api().call('mcp.setEnabled', { name, enabled }));
export const restartServer = (name: string) => act(() => api().call('mcp.restart', { name }));
export const setTool = (server: string, tool: string, patch: { disabled?: boolean; autoApprove?: boolean }) =>
  act(() => api().call('mcp.setTool', { server, tool, ...patch }));

/** Opens the workspace mcp.json, creating it with an empty server list when there is none. */
export async function openWorkspaceMcpJson(): Promise<void> {
  const path = WORKSPACE_MCP_JSON;
  let created = false;
  try {
    await api().call('files.create', { path, kind: 'file' });
    created = true;
  } catch (err) {
    // an existing file is what we want to open; never overwrite it
    if (!(err instanceof ContractError && err.code === 'EXISTS')) {
      notifyError(errorMessage(err));
      return;
    }
  }
  if (created && !(await act(() => api().call('files.write', { path, content: '{"mcpServers": {}}\n' })))) return;
  await openFile(path, { activate: true });
}

async function refreshMcp(): Promise<void> {
  try {
    useMcp.getState().set(await api().call('mcp.state', {}));
  } catch {
    useMcp.getState().set({ servers: [], problems: [] });
  }
}

/** Follows main's MCP state: pushed on every change, read again when the folder changes. */
export function bindMcp(): () => void {
  const sub = api().subscribe('mcp.onDidChange', {}, (state) => useMcp.getState().set(state));
  const ws = useWorkbench.subscribe((s, prev) => {
    if (s.workspace.root !== prev.workspace.root) void refreshMcp();
  });
  void refreshMcp();
  return () => {
    sub.dispose();
    ws();
  };
}
