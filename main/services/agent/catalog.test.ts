import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { listAccountModels } from './catalog';
import { MODELS } from './models';

process.env.AWS_ACCESS_KEY_ID = 'AKIDTESTFIXTURE';
process.env.AWS_SECRET_ACCESS_KEY = 'fixture-secret';

let server: http.Server | undefined;
afterEach(() => new Promise<void>((r) => (server ? server.close(() => r()) : r())));

/** A stand-in for Bedrock's control plane answering the two list calls. */
async function fakeControlPlane(status = 200) {
  server = http.createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    if (status !== 200) return res.writeHead(status, { 'x-amzn-errortype': 'AccessDeniedException' }).end('{"message":"denied"}');
    if (req.url?.startsWith('/inference-profiles'))
      return res.end(JSON.stringify({ inferenceProfileSummaries: [{ inferenceProfileId: 'us.anthropic.claude-x-v1:0', inferenceProfileName: 'US Claude X', status: 'ACTIVE', type: 'SYSTEM_DEFINED' }] }));
    if (req.url?.startsWith('/foundation-models'))
      return res.end(
        JSON.stringify({
          modelSummaries: [
            { modelId: 'meta.llama-y-v1:0', modelName: 'Llama Y', providerName: 'Meta', responseStreamingSupported: true, modelLifecycle: { status: 'ACTIVE' } },
            { modelId: 'old.model-v1', modelName: 'Old', providerName: 'X', responseStreamingSupported: true, modelLifecycle: { status: 'LEGACY' } },
          ],
        }),
      );
    res.writeHead(404).end('{}');
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
}

describe('listAccountModels', () => {
  it("lists the account's inference profiles and on-demand streaming models", async () => {
    const endpoint = await fakeControlPlane();
    const r = await listAccountModels('eu-test-1', { endpoint });
    expect(r.fromAccount).toBe(true);
    expect(r.models).toEqual([
      { id: 'us.anthropic.claude-x-v1:0', label: 'US Claude X' },
      { id: 'meta.llama-y-v1:0', label: 'Meta Llama Y' },
    ]);
  });

  it('falls back to the built-in list when the account cannot be asked', async () => {
    const endpoint = await fakeControlPlane(403);
    const r = await listAccountModels('eu-test-2', { endpoint });
    expect(r.fromAccount).toBe(false);
    expect(r.models.map((m) => m.id)).toEqual(MODELS.map((m) => m.id));
  });
});
