import { create } from 'zustand';
import type { AgentEvent, Contract } from '../../shared/ipc/contract';
import type { OutputOf } from '../../shared/ipc/define';

export type AgentStatus = OutputOf<Contract['agent.status']>;

export type ChatPart = { kind: 'text'; text: string } | { kind: 'tool'; id: string; name: string; input: unknown; result?: { isError: boolean; content: string; changed?: string[] } };

export type ChatItem =
  | { kind: 'user'; text: string; images?: number }
  | { kind: 'assistant'; parts: ChatPart[] }
  | { kind: 'notice'; text: string }
  | { kind: 'approval'; id: string; command: string; reason: string; tool: 'shell' | 'write' | 'web' | 'mcp'; canAlways: boolean; state: 'pending' | 'approved' | 'rejected'; ran?: string; always?: boolean }
  | { kind: 'checkpoint'; id: string; label: string; changed: { path: string; kind: 'create' | 'modify' | 'delete'; by: 'agent' | 'command' | 'mcp' | 'restore' }[]; incomplete?: string }
  | { kind: 'done'; reason: string; message?: string };

export interface UsageView {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  cost: number | null;
}

interface ChatState {
  sessions: { id: string; title: string; updatedAt: number; running: boolean }[];
  active: string | null;
  items: ChatItem[];
  running: boolean;
  turn: UsageView | null;
  session: UsageView | null;
  contextPercent: number | null;
  status: AgentStatus | null;
  setSessions(s: ChatState['sessions']): void;
  open(id: string, transcript: AgentEvent[], running: boolean, totals: UsageView): void;
  apply(e: AgentEvent): void;
  setStatus(s: ChatState['status']): void;
}

/** Folds one agent event into the chat's items (shared by live events and restored transcripts). */
export function applyEvent(items: ChatItem[], e: AgentEvent): ChatItem[] {
  const last = items[items.length - 1];
  const assistant = last?.kind === 'assistant' ? last : null;
  switch (e.type) {
    case 'user':
      return [...items, { kind: 'user', text: e.text, images: e.images }];
    case 'assistantStart':
      return assistant ? items : [...items, { kind: 'assistant', parts: [] }];
    case 'text': {
      const base = assistant ? items : [...items, { kind: 'assistant' as const, parts: [] as ChatPart[] }];
      const a = base[base.length - 1] as Extract<ChatItem, { kind: 'assistant' }>;
      const lastPart = a.parts[a.parts.length - 1];
      const parts = lastPart?.kind === 'text' ? [...a.parts.slice(0, -1), { kind: 'text' as const, text: lastPart.text + e.text }] : [...a.parts, { kind: 'text' as const, text: e.text }];
      return [...base.slice(0, -1), { kind: 'assistant', parts }];
    }
    case 'toolCall': {
      const base = assistant ? items : [...items, { kind: 'assistant' as const, parts: [] as ChatPart[] }];
      const a = base[base.length - 1] as Extract<ChatItem, { kind: 'assistant' }>;
      return [...base.slice(0, -1), { kind: 'assistant', parts: [...a.parts, { kind: 'tool', id: e.id, name: e.name, input: e.input }] }];
    }
    case 'toolResult':
      return items.map((it) =>
        it.kind === 'assistant' ? { ...it, parts: it.parts.map((p) => (p.kind === 'tool' && p.id === e.id ? { ...p, result: { isError: e.isError, content: e.content, changed: e.changed } } : p)) } : it,
      );
    case 'notice':
      return [...items, { kind: 'notice', text: e.text }];
    case 'approval':
      return [...items, { kind: 'approval', id: e.id, command: e.command, reason: e.reason, tool: e.tool ?? 'shell', canAlways: e.canAlways ?? false, state: 'pending' }];
    case 'approvalResult':
      return items.map((it) => (it.kind === 'approval' && it.id === e.id ? { ...it, state: e.approved ? 'approved' : 'rejected', ran: e.command, always: e.always } : it));
    case 'checkpoint':
      return [...items, { kind: 'checkpoint', id: e.id, label: e.label, changed: e.changed, incomplete: e.incomplete }];
    case 'done':
      return [...items, { kind: 'done', reason: e.reason, message: e.message }];
    default:
      return items;
  }
}

export const useChat = create<ChatState>((set) => ({
  sessions: [],
  active: null,
  items: [],
  running: false,
  turn: null,
  session: null,
  contextPercent: null,
  status: null,
  setSessions: (sessions) => set({ sessions }),
  open: (id, transcript, running, totals) =>
    set({ active: id, items: transcript.reduce(applyEvent, [] as ChatItem[]), running, turn: null, session: totals, contextPercent: null }),
  apply: (e) =>
    set((s) => ({
      items: applyEvent(s.items, e),
      running: e.type === 'done' ? false : e.type === 'user' ? true : s.running,
      turn: e.type === 'usage' ? e.turn : s.turn,
      session: e.type === 'usage' ? e.session : s.session,
      contextPercent: e.type === 'usage' ? e.contextPercent : s.contextPercent,
    })),
  setStatus: (status) => set({ status }),
}));
