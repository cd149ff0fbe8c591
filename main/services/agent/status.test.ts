// agent.status through the composed app and the real AWS SDK credential chain: what the chat
// shows before a request, and that it and the requests share one client that is not stuck on a failure.
import { afterEach, describe, expect, it } from 'vitest';
import { startScriptedApp, type ScriptedApp } from '../../test-support/scripted-app';

let app: ScriptedApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

describe('agent.status (Bedrock)', () => {
  it('says credentials are missing, then sees credentials set afterwards, and the request is signed with them', async () => {
    app = await startScriptedApp([{ text: ['Hello from the scripted model.'] }]);
    // no credentials anywhere: not in the environment, no ~/.aws files (HOME is the temp folder), no instance metadata
    delete process.env.AWS_ACCESS_KEY_ID;
    delete process.env.AWS_SECRET_ACCESS_KEY;
    delete process.env.AWS_PROFILE;
    process.env.AWS_EC2_METADATA_DISABLED = 'true';

    const before = await app.client.call('agent.status', {});
    expect(before).toMatchObject({ provider: 'Amazon Bedrock', region: 'us-east-1', configured: false });
    expect(before.problem).toMatch(/No AWS credentials were found/);

    process.env.AWS_ACCESS_KEY_ID = 'AKIDSETLATER';
    process.env.AWS_SECRET_ACCESS_KEY = 'fixture';
    const after = await app.client.call('agent.status', {});
    expect(after).toMatchObject({ configured: true });
    expect(after.problem).toBeUndefined();

    const done = new Promise<string | undefined>((resolve) => {
      const sub = app!.client.subscribe('agent.onEvent', {}, ({ event }) => {
        if (event.type !== 'done') return;
        sub.dispose();
        resolve(event.reason);
      });
    });
    const { id } = await app.client.call('agent.create', {});
    await app.client.call('agent.send', { id, text: 'say hello' });
    await expect(done).resolves.toBe('end_turn');
    expect(app.model.requests).toHaveLength(1);
    expect(app.model.requests[0]!.authorization).toContain('Credential=AKIDSETLATER/');
  });
});
