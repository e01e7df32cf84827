// Jobs never get their id as a tag (series cardinality), so two jobs at the same instant must differ in time:
// a sub-second offset from the job id, plus a small bounded `slot` tag for ids equal modulo 1,000.

/** Epoch ms for a job's point: the second it happened plus (job id mod 1000) ms. Stable for a re-read. */
export const jobTime = (seconds: number, jobId: number): number => Math.floor(seconds) * 1000 + (jobId % 1000);

/** The bounded `slot` tag: with the ms offset, two jobs collide only if their ids are equal modulo 16,000. */
export const jobSlot = (jobId: number): string => String(Math.floor(jobId / 1000) % 16);

/** The numeric part of a Slurm job id (`123`, `123_4` → 123; array tasks share their parent's). */
export function numericJobId(id: string): number {
  const m = /^(\d+)/.exec(id);
  return m ? Number(m[1]) : 0;
}
