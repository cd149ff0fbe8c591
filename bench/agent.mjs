// Benchmarks #10 (agent overhead on the stream) and #11 (agent economy) of BENCHMARKS.md.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { BedrockRuntimeClient, ConverseStreamCommand } from '@aws-sdk/client-bedrock-runtime';
import { browser, repoRoot, serve, tempDir } from './lib/env.mjs';
import { connect } from './lib/contract-client.mjs';
import { median, report } from './lib/report.mjs';

const { startScriptedBedrock } = await import(path.join(repoRoot, 'out/test-support/scripted-bedrock.mjs'));
const CREDS = { AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'AKIDBENCH', AWS_SECRET_ACCESS_KEY: 'bench' };

/** 200 tokens per second: one delta every 5 ms. */
const streamTurn = (n) => ({ text: Array.from({ length: n }, (_, i) => `tok${i} `), delayMs: 5 });

async function serveWith(dir, endpoint) {
  Object.assign(process.env, CREDS); // the bench's own SDK client
  const saved = { ...process.env };
  Object.assign(process.env, { AWS_ENDPOINT_URL_BEDROCK_RUNTIME: endpoint });
  const server = await serve(dir);
  process.env = saved;
  return server;
}

export async function agentBenchmarks({ smoke }) {
  const results = [];
  const runs = smoke ? 1 : 5;
  const tokens = smoke ? 40 : 200;
  const dir = tempDir();
  await mkdir(path.join(dir, 'src'), { recursive: true });
  await writeFile(path.join(dir, 'src/a.ts'), 'export const a = 1;\n');

  // #10 raw: the SDK client reading the scripted stream directly
  const rawModel = await startScriptedBedrock(Array.from({ length: runs }, () => streamTurn(tokens)));
  const client = new BedrockRuntimeClient({ region: 'us-east-1', endpoint: rawModel.endpoint, credentials: { accessKeyId: 'A', secretAccessKey: 'B' } });
  const rawFirst = [];
  const rawTotal = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const res = await client.send(new ConverseStreamCommand({ modelId: 'm', messages: [{ role: 'user', content: [{ text: 'hi' }] }] }));
    let first = 0;
    for await (const ev of res.stream) if (ev.contentBlockDelta?.delta?.text && !first) first = performance.now() - t0;
    rawFirst.push(first);
    rawTotal.push(performance.now() - t0);
  }
  await rawModel.close();

  // #10 ours: Enter in the chat → first token in the chat's DOM, and → last token
  const model = await startScriptedBedrock(Array.from({ length: runs }, () => streamTurn(tokens)));
  const server = await serveWith(dir, model.endpoint);
  const b = await browser();
  try {
    const page = await b.newPage();
    await page.goto(server.url);
    await page.getByRole('button', { name: 'Chat' }).click();
    // the chat view loads on first show
    await page.locator('.chat-messages').waitFor();
    const oursFirst = [];
    const oursTotal = [];
    for (let i = 0; i < runs; i++) {
      await page.evaluate((last) => {
        const w = window;
        w.__agent = { start: 0, first: 0, last: 0 };
        const box = document.querySelector('.chat-messages');
        const before = box.querySelectorAll('.chat-assistant').length; // earlier answers do not count
        const obs = new MutationObserver(() => {
          const items = box.querySelectorAll('.chat-assistant');
          const text = items.length > before ? (items[items.length - 1].textContent ?? '') : '';
          if (!w.__agent.first && text.includes('tok0')) w.__agent.first = performance.now();
          if (text.includes(last)) {
            w.__agent.last = performance.now();
            obs.disconnect();
          }
        });
        obs.observe(box, { subtree: true, childList: true, characterData: true });
        document.addEventListener('keydown', (e) => e.key === 'Enter' && !w.__agent.start && (w.__agent.start = performance.now()), { capture: true, once: true });
      }, `tok${tokens - 1}`);
      await page.getByRole('textbox', { name: 'Message the agent' }).fill(`stream ${i}`);
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => window.__agent.last > 0, undefined, { timeout: 60_000 });
      const t = await page.evaluate(() => window.__agent);
      oursFirst.push(t.first - t.start);
      oursTotal.push(t.last - t.start);
      await page.getByRole('button', { name: 'Send' }).waitFor();
    }
    const added = median(oursFirst) - median(rawFirst);
    results.push(report({ name: '10 agent first token (ms)', ours: median(oursFirst), baseline: median(rawFirst), unit: '', ratio: median(oursFirst) / median(rawFirst), target: '≤ raw+20ms', ok: added <= 20 }));
    const behind = median(oursTotal) - median(rawTotal);
    results.push(report({ name: '10 agent whole stream (ms)', ours: median(oursTotal), baseline: median(rawTotal), unit: '', ratio: median(oursTotal) / median(rawTotal), target: 'never falls behind', ok: behind <= 100 }));
  } finally {
    await b.close();
    await server.stop();
    await model.close();
  }

  // #11 a 20-turn session: how much of what is sent sits before a cache point
  const turns = smoke ? 6 : 20;
  const script = Array.from({ length: turns - 1 }, (_, i) => ({ toolUses: [{ name: 'read_file', input: { path: 'src/a.ts', start_line: i + 1 } }] }));
  script.push({ text: ['done'] });
  const model2 = await startScriptedBedrock(script);
  // a 10k-file repository (smoke: 1k) with steering, for context assembly
  const repo = tempDir();
  const files = smoke ? 1000 : 10_000;
  for (let i = 0; i < files; i += 100) {
    await mkdir(path.join(repo, `pkg${i}`), { recursive: true });
    await Promise.all(Array.from({ length: 100 }, (_, j) => writeFile(path.join(repo, `pkg${i}`, `f${j}.ts`), `export const v${j} = ${j};\n`)));
  }
  await mkdir(path.join(repo, '.kiro/steering'), { recursive: true });
  await writeFile(path.join(repo, '.kiro/steering/tech.md'), '# Tech\n' + 'Use strict TypeScript and small modules. '.repeat(40));
  await writeFile(path.join(repo, 'AGENTS.md'), 'Run the tests before you finish. '.repeat(20));
  await mkdir(path.join(repo, 'src'), { recursive: true });
  await writeFile(path.join(repo, 'src/a.ts'), Array.from({ length: 40 }, (_, i) => `export const line${i} = ${i};`).join('\n'));
  const server2 = await serveWith(repo, model2.endpoint);
  try {
    const c = await connect(server2.port, server2.token);
    const { id } = await c.call('agent.create', {});
    let userAt = 0;
    const finished = new Promise((resolve) => {
      c.subscribe('agent.onEvent', {}, ({ event }) => {
        if (event.type === 'user' && !userAt) userAt = performance.now();
        if (event.type === 'done') resolve(event);
      });
    });
    const t0 = performance.now();
    await c.call('agent.send', { id, text: 'read a.ts line by line' });
    await finished;
    const assembly = userAt - t0;
    // What a request can read from cache is what an earlier request already sent before one
    // of its cache points: the system prompt and tools, and the conversation up to the
    // previous request's last cache point. (Sizes in characters stand in for tokens.)
    let cacheable = 0;
    let total = 0;
    let prevCachedMessages = -1;
    model2.requests.forEach((r, k) => {
      const body = r.body;
      const messages = body.messages ?? [];
      const all = JSON.stringify([body.system, body.toolConfig, messages]).length;
      total += all;
      if (k > 0 && body.system?.some((b) => 'cachePoint' in b)) {
        cacheable += JSON.stringify([body.system, body.toolConfig, messages.slice(0, prevCachedMessages + 1)]).length;
      }
      prevCachedMessages = -1;
      messages.forEach((m, i) => m.content.some((b) => 'cachePoint' in b) && (prevCachedMessages = i));
    });
    const share = (cacheable / total) * 100;
    results.push(report({ name: `11 agent cacheable input (%)`, ours: share, baseline: 0, unit: '', ratio: share / 100, target: '≥80% (no cache points: 0%)', ok: share >= 80 }));
    results.push(report({ name: '11 context assembly (ms)', ours: assembly, baseline: 50, unit: '', ratio: assembly / 50, target: `≤50ms on ${files / 1000}k files`, ok: assembly <= 50 }));
    c.close();
  } finally {
    await server2.stop();
    await model2.close();
    await rm(repo, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
    await rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  }
  return results;
}
