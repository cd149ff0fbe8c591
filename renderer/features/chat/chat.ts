import { api, errorMessage } from '../../app/api';
import { useChat } from '../../stores/chat';
import { isViewTab, useEditors } from '../../stores/editors';
import { useTerminals } from '../../stores/terminals';
import { notifyError } from '../../stores/workbench';

export async function refreshSessions(): Promise<void> {
  const { sessions } = await api().call('agent.sessions', {});
  useChat.getState().setSessions(sessions);
}

export async function openSession(id: string): Promise<void> {
  const s = await api().call('agent.load', { id });
  useChat.getState().open(s.id, s.transcript, s.running, s.totals);
}

export async function newSession(): Promise<string> {
  const { id } = await api().call('agent.create', {});
  await refreshSessions();
  await openSession(id);
  return id;
}

export async function refreshStatus(): Promise<void> {
  try {
    useChat.getState().setStatus(await api().call('agent.status', {}));
  } catch (err) {
    useChat.getState().setStatus({ provider: '', configured: false, problem: errorMessage(err), model: '', models: [], region: '' });
  }
}

/** Sends a message in the active session (making one first if needed). */
export async function send(text: string, images: { mediaType: 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp'; data: string }[] = []): Promise<void> {
  let id = useChat.getState().active;
  if (!id) id = await newSession();
  try {
    // #Terminal means the terminal the person is looking at
    const active = useEditors.getState().active;
    await api().call('agent.send', {
      id,
      text,
      terminalId: useTerminals.getState().active ?? undefined,
      activeFile: active && !isViewTab(active) ? active : undefined,
      ...(images.length ? { images } : {}),
    });
  } catch (err) {
    notifyError(errorMessage(err));
  }
}

export async function stop(): Promise<void> {
  const id = useChat.getState().active;
  if (id) await api().call('agent.cancel', { id });
}

/** A frame's worth of time: text arriving faster than this is shown once a frame. */
const FRAME_MS = 16;

/**
 * Live events for the open session; the session list follows along. Text deltas are joined
 * and shown once a frame: each one re-renders the answer's Markdown from its start, so a fast
 * model (hundreds of tokens a second) on a long answer would otherwise spend the page's time
 * rendering states no one sees. The first delta after a quiet frame shows at once.
 */
export function bindChat(): () => void {
  let waiting: { sessionId: string; text: string } | null = null;
  let frame = 0;
  let shownAt = 0;
  const show = () => {
    cancelAnimationFrame(frame);
    frame = 0;
    const w = waiting;
    waiting = null;
    shownAt = performance.now();
    if (w && w.sessionId === useChat.getState().active) useChat.getState().apply({ type: 'text', text: w.text });
  };
  const sub = api().subscribe('agent.onEvent', {}, ({ sessionId, event }) => {
    if (event.type === 'text') {
      if (waiting && waiting.sessionId !== sessionId) show();
      if (waiting) waiting.text += event.text;
      else waiting = { sessionId, text: event.text };
      if (!frame) {
        if (performance.now() - shownAt > FRAME_MS) show();
        else frame = requestAnimationFrame(show);
      }
      return;
    }
    // whatever else comes keeps its place after the text before it
    if (waiting) show();
    if (sessionId === useChat.getState().active) useChat.getState().apply(event);
    if (event.type === 'done' || event.type === 'user') void refreshSessions().catch(() => undefined);
  });
  return () => {
    cancelAnimationFrame(frame);
    sub.dispose();
  };
}
