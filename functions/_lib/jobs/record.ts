// A NOMAD job record: what a scheduler tells us about one job, whatever the source (SWF, TORQUE, sacct).
import { z } from 'zod';

export const JOB_STATES = [
  'COMPLETED',
  'FAILED',
  'TIMEOUT',
  'OUT_OF_MEMORY',
  'CANCELLED',
  'NODE_FAIL',
  'BOOT_FAIL',
] as const;
export type JobState = (typeof JOB_STATES)[number];

const num = z.number().finite().nullable();
/** Times are epoch seconds; null when the source does not have them (a job cancelled while pending never starts). */
export const JobRecordSchema = z.object({
  id: z.string().min(1),
  user: z.string().min(1),
  group: z.string().nullable(),
  queue: z.string().nullable(),
  app: z.string().nullable(),
  req_cpus: num,
  req_mem_mb: num,
  req_gpus: num,
  req_time_s: num,
  submit: z.number().finite(),
  start: num,
  end: num,
  state: z.enum(JOB_STATES),
  exit_code: z.number().int().nullable(),
  used_cpu_s: num,
  used_mem_mb: num,
  /** CPUs the job actually held (SWF allocated processors, TORQUE slots, sacct NCPUS). */
  alloc_cpus: num,
});
export type JobRecord = z.infer<typeof JobRecordSchema>;

export interface LineProblem {
  line: number;
  reason: string;
}
export interface ImportResult {
  jobs: JobRecord[];
  problems: LineProblem[];
}

/** The positive class: did not complete, for a reason other than its owner cancelling it. */
export function isFailure(state: JobState): boolean {
  return state !== 'COMPLETED' && state !== 'CANCELLED';
}

/** A record with every optional field empty; importers fill what their source has. */
export function emptyJob(id: string, user: string, submit: number, state: JobState): JobRecord {
  return {
    id,
    user,
    group: null,
    queue: null,
    app: null,
    req_cpus: null,
    req_mem_mb: null,
    req_gpus: null,
    req_time_s: null,
    submit,
    start: null,
    end: null,
    state,
    exit_code: null,
    used_cpu_s: null,
    used_mem_mb: null,
    alloc_cpus: null,
  };
}

/** Splits text into lines without copying it twice; handles \n and \r\n. */
export function* lines(text: string): Generator<[number, string]> {
  let start = 0;
  let n = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    n++;
    const raw = text.slice(start, end);
    yield [n, raw.endsWith('\r') ? raw.slice(0, -1) : raw];
    start = end + 1;
  }
}
