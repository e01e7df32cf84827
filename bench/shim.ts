// The shim's goals on generated outputs shaped exactly like the real captures: 100,000 sacct rows, and one full
// cycle of a 1,000-node, 20,000-job cluster. Rows are real captured rows, repeated with new job ids and node names.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { encodePoints } from '../functions/_lib/line-protocol.ts';
import { findParser } from '../collectors-shim/parsers/registry.ts';
import type { BenchResult } from './lib.ts';
import { best } from './lib.ts';

const fixture = (f: string) =>
  readFileSync(fileURLToPath(new URL(`../../test/fixtures/captured/slurm/${f}`, import.meta.url)), 'utf8');

/** Repeats the data rows of a `|` output with the leading job id renumbered, keeping the header. */
export function repeatRows(text: string, rows: number, opts: { header: boolean }): string {
  const lines = text.trimEnd().split('\n');
  const head = opts.header ? lines.shift()! : undefined;
  const out: string[] = head ? [head] : [];
  for (let i = 0; out.length < rows + (head ? 1 : 0); i++) {
    const line = lines[i % lines.length]!;
    const round = Math.floor(i / lines.length);
    out.push(
      line
        .replace(/^(\d+)/, (m) => String(Number(m) + round * 100_000))
        .replace(/\|(\d+)([._|])/, (_m, id: string, sep: string) => `|${Number(id) + round * 100_000}${sep}`),
    );
  }
  return `${out.join('\n')}\n`;
}

function parseCpuSeconds(parser: string, text: string): { seconds: number; points: number; problems: number } {
  const p = findParser(parser);
  if (!p) throw new Error(`parser ${parser} missing`);
  const t = process.cpuUsage();
  const r = p.parse(text, { now: Date.now(), tags: { host: 'head', cluster: 'bench' } });
  const body = encodePoints(r.points);
  const u = process.cpuUsage(t);
  if (!body) throw new Error(`${parser}: nothing encoded`);
  return { seconds: (u.user + u.system) / 1e6, points: r.points.length, problems: r.problems.length };
}

export async function benchSacct(): Promise<BenchResult> {
  const text = repeatRows(fixture('sacct.slurm-22.05.8.txt'), 100_000, { header: true });
  let last = { seconds: 0, points: 0, problems: 0 };
  const rate = await best(3, () => {
    last = parseCpuSeconds('sacct', text);
    return 1 / last.seconds;
  });
  const seconds = 1 / rate;
  return {
    name: `100,000 sacct rows (--parsable2) to line protocol, CPU time`,
    value: Number(seconds.toFixed(3)),
    unit: 's',
    goal: '<= 1',
    met: seconds <= 1,
    notes: `${last.points} points, ${last.problems} problems`,
  };
}

/** squeue and sinfo JSON with the captured records repeated; sacct for one minute of a busy cluster. */
export async function benchCycle(): Promise<BenchResult> {
  const squeue = JSON.parse(fixture('squeue-json.slurm-22.05.8.json')) as { jobs: Array<Record<string, unknown>> };
  const jobs = squeue.jobs;
  squeue.jobs = Array.from({ length: 20_000 }, (_, i) => ({ ...jobs[i % jobs.length], job_id: 100_000 + i }));
  const sinfo = JSON.parse(fixture('sinfo-json.slurm-22.05.8.json')) as { nodes: Array<Record<string, unknown>> };
  const nodes = sinfo.nodes;
  sinfo.nodes = Array.from({ length: 1000 }, (_, i) => ({
    ...nodes[i % nodes.length],
    name: `cn${i}`,
    hostname: `cn${i}`,
  }));
  const outputs: Array<[string, string]> = [
    ['squeue-json', JSON.stringify(squeue)],
    ['sinfo-json', JSON.stringify(sinfo)],
    ['sacct', repeatRows(fixture('sacct.slurm-22.05.8.txt'), 400, { header: true })],
    ['sdiag', fixture('sdiag.slurm-22.05.8.txt')],
    ['sshare', fixture('sshare.slurm-22.05.8.txt')],
  ];
  const perCycle =
    1 / (await best(3, () => 1 / outputs.reduce((s, [p, text]) => s + parseCpuSeconds(p, text).seconds, 0)));
  const pct = (perCycle / 60) * 100;
  return {
    name: 'one shim cycle, 1,000 nodes and 20,000 jobs: own CPU at a 60 s interval',
    value: Number(pct.toFixed(3)),
    unit: '% of one core',
    goal: '<= 0.1',
    met: pct <= 0.1,
    notes: `${(perCycle * 1000).toFixed(0)} ms CPU per cycle (parsing and encoding; the commands' own time excluded)`,
  };
}
