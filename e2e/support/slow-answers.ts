import type { Page } from '@playwright/test';

/**
 * Holds back the server's answers to one contract method by `delayMs`, the way a slow
 * disk or a busy server would: the page's WebSocket is routed through the test, requests
 * for `method` are remembered by id, and their responses are sent on late.
 * Call before the page loads.
 */
export async function slowAnswers(page: Page, method: string, delayMs: number): Promise<void> {
  await page.routeWebSocket(/\/ws\?token=/, (ws) => {
    const server = ws.connectToServer();
    const slow = new Set<number>();
    ws.onMessage((m) => {
      if (typeof m === 'string' && m.includes(`"${method}"`)) slow.add((JSON.parse(m) as { id: number }).id);
      server.send(m);
    });
    server.onMessage((m) => {
      const id = typeof m === 'string' ? /^\{"t":"res","id":(\d+),/.exec(m)?.[1] : undefined;
      if (id && slow.has(Number(id))) setTimeout(() => ws.send(m), delayMs);
      else ws.send(m);
    });
  });
}
