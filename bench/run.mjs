// `npm run bench [-- --smoke] [-- name…]`: runs the benchmarks and prints one line per measure.
// Each compares our figure with a baseline measured in the same run (see bench/README.md).
import { agentBenchmarks } from './agent.mjs';
import { checkpointBenchmarks } from './checkpoint.mjs';
import { contractBenchmarks } from './contract.mjs';
import { searchBenchmarks } from './search.mjs';
import { terminalBenchmarks } from './terminal.mjs';
import { watcherBenchmarks } from './watcher.mjs';
import { workbenchBenchmarks } from './workbench.mjs';

const args = process.argv.slice(2);
const smoke = args.includes('--smoke');
const only = args.filter((a) => !a.startsWith('--'));

const suites = { terminal: terminalBenchmarks, search: searchBenchmarks, agent: agentBenchmarks, checkpoint: checkpointBenchmarks, contract: contractBenchmarks, watcher: watcherBenchmarks, workbench: workbenchBenchmarks };

const selected = only.length ? only : Object.keys(suites);
for (const name of selected) if (!suites[name]) {
  console.error(`bench: unknown suite "${name}". Known: ${Object.keys(suites).join(', ')}`);
  process.exit(2);
}

console.log(`Specwright benchmarks${smoke ? ' (smoke: small sizes, one run each)' : ''} — ${new Date().toISOString()}`);
const results = [];
for (const name of selected) results.push(...(await suites[name]({ smoke })));
const missed = results.filter((r) => !r.ok);
console.log(`\n${results.length - missed.length} ok, ${missed.length} missed`);
// A smoke pass only proves the benchmarks still run; a full run reports misses without failing the build.
process.exit(0);
