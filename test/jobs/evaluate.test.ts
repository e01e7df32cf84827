// The protocol on real LANL CM-5 jobs (bench/data): no leakage of a job's own outcome, and `nomad evaluate` end to end.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateJobs } from '../../functions/_lib/jobs/evaluate.ts';
import { buildFeatures, FEATURES } from '../../functions/_lib/jobs/features.ts';
import { importSwf } from '../../functions/_lib/jobs/import-swf.ts';
import type { JobRecord } from '../../functions/_lib/jobs/record.ts';
import { evaluateCommand } from '../../wrangler-free-local/cli/jobs.ts';
import { readTraceText } from '../../wrangler-free-local/jobs-files.ts';

const LANL = new URL('../../bench/data/LANL-CM5-1994-4.1-cln.swf.gz', import.meta.url).pathname;
let text = '';
let dir = '';
beforeAll(async () => {
  text = await readTraceText(LANL);
  dir = mkdtempSync(join(tmpdir(), 'nomad-jobs-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The header and the first n jobs of the real trace. */
const head = (n: number) => {
  const ls = text.split('\n');
  const first = ls.findIndex((l) => !l.startsWith(';'));
  return ls.slice(0, first + n).join('\n');
};

describe('no leakage', () => {
  it('a job’s features see only jobs that had ended before its submit', () => {
    const jobs = importSwf(head(3000)).jobs;
    const t = buildFeatures(jobs);
    const col = FEATURES.indexOf('user_jobs_log');
    for (let i = 0; i < t.jobs.length; i += 37) {
      const me = t.jobs[i]!;
      const seen = t.jobs.filter((j) => j.user === me.user && j.state !== 'CANCELLED' && (j.end ?? 0) <= me.submit);
      expect(Math.expm1(t.x[i * FEATURES.length + col]!)).toBeCloseTo(seen.length, 6);
    }
  });

  it('changing a test job’s outcome does not change its own risk (it does change later jobs’)', () => {
    const jobs = importSwf(head(12000)).jobs;
    const base = evaluateJobs(jobs, { k: 10 });
    const at = base.test.ids.length >> 1;
    const id = base.test.ids[at]!;
    const flipped: JobRecord[] = jobs.map((j) =>
      j.id === id ? { ...j, state: j.state === 'FAILED' ? 'COMPLETED' : 'FAILED' } : j,
    );
    const again = evaluateJobs(flipped, { k: 10 });
    expect(again.test.ids[at]).toBe(id);
    expect(again.test.risk[at]).toBe(base.test.risk[at]);
    expect(again.test.labels[at]).toBe(1 - base.test.labels[at]!);
    expect(again.test.risk).not.toEqual(base.test.risk);
  });
});

describe('nomad evaluate', () => {
  it('reports the issue’s keys for the model and both baselines on 30,000 real jobs, and writes the curves', async () => {
    const file = join(dir, 'lanl-30000.swf');
    writeFileSync(file, head(30000));
    const roc = join(dir, 'roc.csv');
    const plot = join(dir, 'curves.svg');
    const out = JSON.parse(await evaluateCommand({ format: 'swf', file, json: true, roc, plot }));
    expect(out.jobs).toBe(30000);
    expect(out.test_jobs).toBe(30000 - Math.floor(0.7 * 30000));
    expect(out.cancelled).toBe(0);
    expect(out.cancelled_total).toBe(0);
    expect(out.positives).toBeGreaterThan(0);
    for (const m of [out.model, out.baselines.majority, out.baselines.user_history])
      for (const k of ['roc_auc', 'pr_auc', 'precision', 'recall', 'f1', 'threshold'])
        expect(typeof m[k]).toBe('number');
    expect(out.model.confusion.tp + out.model.confusion.fn).toBe(out.positives);
    expect(out.model.ece).toBeLessThan(0.1);
    expect(out.baselines.majority.roc_auc).toBe(0.5);
    expect(out.model.roc_auc).toBeGreaterThan(out.baselines.user_history.roc_auc);
    expect(out.seconds).toBeGreaterThan(0);
    expect(readFileSync(roc, 'utf8').split('\n')[0]).toBe('scorer,threshold,fpr,tpr,precision,recall');
    expect(readFileSync(plot, 'utf8')).toMatch(/^<svg[^>]*>[\s\S]*<polyline[\s\S]*<\/svg>\n$/);
  });

  it('refuses an unknown format and names the flag', async () => {
    await expect(evaluateCommand({ format: 'csv', file: LANL })).rejects.toThrow(/^--format/);
  });
});
