import { create } from 'zustand';
import type { McpServerInfo, McpState } from '../../shared/ipc/contract';

interface McpStore {
  servers: McpServerInfo[];
  /** Problems in the mcp.json files (bad JSON, unknown keys), shown above the servers. */
  problems: string[];
  set(state: McpState): void;
}

/** The MCP servers from the user and workspace mcp.json, and how each is doing. */
export const useMcp = create<McpStore>((set) => ({
  servers: [],
  problems: [],
  set: ({ servers, problems }) => set({ servers, problems }),
}));
