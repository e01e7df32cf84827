// Jobs from one sacct call per cycle, since a cursor kept in the state folder. The window starts `overlap` before
// the cursor, so a job slurmdbd records late is still read; jobs already sent (same id, same end) are skipped, and
// a re-sent one would land on the same series and timestamp anyway (see job.ts), so nothing is ever doubled.
import { z } from 'zod';
import { sacctArgs } from '../parsers/slurm/commands.ts';
import { type JobRecord, jobPoint } from '../parsers/slurm/job.ts';
import { readSacctJson } from '../parsers/slurm/sacct-json.ts';
import { readSacctText } from '../parsers/slurm/sacct.ts';
import { type Format, failed, localIso, readState, rememberNoJson, runPreferJson, writeState } from './slurm-run.ts';
import type { Problem } from '../parsers/types.ts';
import type { CollectContext, CollectResult, Collector } from './types.ts';

export interface SlurmJobsOptions {
  format: Format;
  overlapMs: number;
  initialLookbackMs: number;
  includeRunning: boolean;
}

const Cursor = z.object({
  /** Latest job end seen, epoch ms. */
  cursor: z.number(),
  /**
   * Jobs sent whose end is within the overlap window: job_id_raw → end (ms). Checked by one loop, not z.record: on a
   * busy cluster it holds thousands of jobs, and a schema parse of them cost more than reading sacct's rows.
   */
  sent: z.custom<Record<string, number>>(isNumberRecord, 'a map of job id to end time'),
});
const FILE = 'cursor.json';

function isNumberRecord(v: unknown): boolean {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return false;
  for (const k in v) if (typeof (v as Record<string, unknown>)[k] !== 'number') return false;
  return true;
}

export function slurmJobsCollector(opts: SlurmJobsOptions): Collector {
  return {
    name: 'slurm_jobs',
    async collect(ctx: CollectContext): Promise<CollectResult> {
      const saved = await readState(ctx, FILE, Cursor);
      const from = saved ? saved.cursor - opts.overlapMs : ctx.now - opts.initialLookbackMs;
      const start = localIso(from);
      // Only jobs that ended, unless running ones are wanted too (that re-reads every running job each call).
      const endedOnly = !opts.includeRunning;
      const text = ['sacct', sacctArgs(false, start, 'now', endedOnly)] as const;
      const run = await runPreferJson(ctx, opts.format, ['sacct', sacctArgs(true, start, 'now', endedOnly)], text);
      let { result } = run;
      if (!result.ok) return { points: [], problems: [], error: failed(result) };
      // Jobs already sent with the same end are skipped below; in text, before their rows are even read.
      const sent = new Map(Object.entries(saved?.sent ?? {}));
      const skip = (id: number, end: number) => sent.get(String(id)) === end;
      let read: { jobs: JobRecord[]; problems: Problem[]; lossy?: boolean } =
        run.format === 'json' ? readSacctJson(result.stdout) : readSacctText(result.stdout, { skip });
      if (read.lossy && opts.format === 'auto') {
        // This release's JSON loses exit codes (sacct-json.ts): text from now on, and for this window too (once).
        await rememberNoJson(ctx);
        result = await ctx.exec(text[0], [...text[1]], { timeoutMs: ctx.timeoutMs });
        if (!result.ok) return { points: [], problems: [], error: failed(result) };
        read = readSacctText(result.stdout, { skip });
      }
      const { jobs, problems } = read;
      let cursor = saved?.cursor ?? from;
      const points = [];
      for (const job of jobs) {
        if (job.endMs === undefined) {
          if (opts.includeRunning && isActive(job)) points.push(jobPoint(job, ctx));
          continue;
        }
        const key = String(job.idRaw);
        if (sent.get(key) === job.endMs) continue;
        sent.set(key, job.endMs);
        cursor = Math.max(cursor, Math.min(job.endMs, ctx.now));
        points.push(jobPoint(job, ctx));
      }
      for (const [k, end] of sent) if (end < cursor - opts.overlapMs) sent.delete(k);
      await writeState(ctx, FILE, { cursor, sent: Object.fromEntries(sent) });
      return { points, problems };
    },
  };
}

const isActive = (j: JobRecord) =>
  j.state === 'RUNNING' || j.state === 'PENDING' || j.state === 'SUSPENDED' || j.state === 'REQUEUED';
