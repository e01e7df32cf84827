// `npm run bench [-- NAME...]`: runs the benchmarks, prints a table, and writes bench/results/latest.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { table } from '../wrangler-free-local/cli/output.ts';
import { benchEvaluate, benchLatency } from './alerts.ts';
import { benchEncode, benchIdle, benchWrite } from './foundation.ts';
import { benchCycle, benchSacct } from './shim.ts';
import { type BenchResult, machine } from './lib.ts';
import { benchNotify } from './notify.ts';

const suites: Record<string, () => Promise<BenchResult | BenchResult[]>> = {
  encode: benchEncode,
  write: benchWrite,
  'alert-latency': benchLatency,
  'alert-evaluate': benchEvaluate,
  idle: () => benchIdle(Number(process.env.NOMAD_BENCH_IDLE_SECONDS ?? 120)),
  sacct: benchSacct,
  cycle: benchCycle,
  'shim-rss': async () => (await import('./shim.ts')).benchShimRss(),
  notify: benchNotify,
  jobs: async () => (await import('./jobs.ts')).benchJobs(),
};

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const names = wanted.length ? wanted : Object.keys(suites);
const results: BenchResult[] = [];
for (const name of names) {
  const suite = suites[name];
  if (!suite) {
    process.stderr.write(`unknown benchmark ${name}; known: ${Object.keys(suites).join(', ')}\n`);
    process.exit(2);
  }
  process.stderr.write(`running ${name}...\n`);
  results.push(...[await suite()].flat());
}
process.stdout.write(`machine: ${machine()}\n${table(results.map((r) => ({ ...r, met: r.met ? 'yes' : 'NO' })))}\n`);
const dir = fileURLToPath(new URL('../../bench/results/', import.meta.url));
mkdirSync(dir, { recursive: true });
writeFileSync(
  `${dir}/latest.json`,
  JSON.stringify({ machine: machine(), at: new Date().toISOString(), results }, null, 2),
);
