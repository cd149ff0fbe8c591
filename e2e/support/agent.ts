import { startScriptedBedrock, type ScriptedTurn } from '../../main/services/agent/test-support/scripted-bedrock';
import { serveFixture } from './serve';

/** The real `specwright serve`, talking through the real AWS SDK to a scripted Bedrock-protocol server. */
export async function withAgent(script: ScriptedTurn[], settings: Record<string, unknown> = {}) {
  const model = await startScriptedBedrock(script);
  const served = await serveFixture('workspace', {
    settings,
    env: { AWS_ENDPOINT_URL_BEDROCK_RUNTIME: model.endpoint, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'AKIDE2EFIXTURE', AWS_SECRET_ACCESS_KEY: 'e2e-fixture' },
  });
  return { model, served, stop: async () => (await served.stop(), await model.close()) };
}
