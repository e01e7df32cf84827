// A `sacct` export with a header: `--parsable2` (`|`) or comma-separated, any subset of sacct's fields in any order.
import { type ImportResult, type JobRecord, type JobState, emptyJob, lines } from './record.ts';
import { csvSplit, sacctDuration, sacctMemMb, sacctTime } from './sacct-values.ts';

/** Final states only; PREEMPTED and REVOKED were stopped by the system's policy, not by a fault of the job. */
const FINAL: Record<string, JobState> = {
  COMPLETED: 'COMPLETED',
  FAILED: 'FAILED',
  TIMEOUT: 'TIMEOUT',
  DEADLINE: 'TIMEOUT',
  OUT_OF_MEMORY: 'OUT_OF_MEMORY',
  CANCELLED: 'CANCELLED',
  PREEMPTED: 'CANCELLED',
  REVOKED: 'CANCELLED',
  NODE_FAIL: 'NODE_FAIL',
  BOOT_FAIL: 'BOOT_FAIL',
};

export function importSacct(text: string): ImportResult {
  const jobs = new Map<string, JobRecord>();
  const problems: ImportResult['problems'] = [];
  let col: ((row: string[], name: string) => string | undefined) | null = null;
  let sep = '|';
  let width = 0;
  for (const [n, line] of lines(text)) {
    if (line.trim() === '') continue;
    if (!col) {
      sep = line.includes('|') ? '|' : ',';
      const names = split(line, sep).map((h) => h.trim().toLowerCase());
      if (!names.includes('jobid') && !names.includes('jobidraw')) {
        problems.push({ line: n, reason: 'no header with JobID or JobIDRaw before the first row' });
        continue;
      }
      const index = new Map(names.map((h, i) => [h, i]));
      width = names.length;
      col = (row, name) => {
        const i = index.get(name);
        return i === undefined ? undefined : row[i];
      };
      continue;
    }
    const row = split(line, sep);
    if (row.length !== width) {
      problems.push({ line: n, reason: `expected ${width} fields, found ${row.length}` });
      continue;
    }
    const r = readRow(row, col);
    if (typeof r === 'string') problems.push({ line: n, reason: r });
    else if (r.step) {
      // Steps carry the memory peak; the job line carries the rest.
      const parent = jobs.get(r.parent);
      if (parent && r.maxRss !== null) parent.used_mem_mb = Math.max(parent.used_mem_mb ?? 0, r.maxRss);
    } else if (r.job) jobs.set(r.job.id, r.job);
  }
  return { jobs: [...jobs.values()], problems };
}

function split(line: string, sep: string): string[] {
  return sep === '|' ? line.split('|') : csvSplit(line);
}

type Row = { step: true; parent: string; maxRss: number | null } | { step: false; job: JobRecord | null };

function readRow(row: string[], col: (row: string[], name: string) => string | undefined): Row | string {
  const get = (name: string) => {
    const v = col(row, name)?.trim();
    return v === '' ? undefined : v;
  };
  const id = get('jobidraw') ?? get('jobid');
  if (!id) return 'no JobID';
  if (id.includes('.')) return { step: true, parent: id.split('.')[0] ?? id, maxRss: sacctMemMb(get('maxrss')) };
  const rawState = (get('state') ?? '').split(' ')[0] ?? '';
  const state = FINAL[rawState];
  if (!state) return rawState ? { step: false, job: null } : 'no State';
  const user = get('user');
  const submit = sacctTime(get('submit'));
  if (!user) return 'no User';
  if (submit === null) return `Submit "${get('submit') ?? ''}" is not a time`;
  const job = emptyJob(id, user, submit, state);
  job.group = get('account') ?? get('group') ?? null;
  job.queue = get('partition') ?? null;
  job.app = get('jobname') ?? null;
  const ncpus = num(get('reqcpus') ?? get('ncpus') ?? get('alloccpus'));
  job.req_cpus = ncpus;
  job.alloc_cpus = num(get('alloccpus') ?? get('ncpus'));
  const reqMem = get('reqmem');
  const perCpu = reqMem !== undefined && /c$/i.test(reqMem);
  const mem = sacctMemMb(reqMem?.replace(/[cn]$/i, ''));
  job.req_mem_mb = mem !== null && perCpu ? mem * (ncpus ?? 1) : mem;
  const gpu = /gres\/gpu=(\d+)/.exec(get('reqtres') ?? get('alloctres') ?? '');
  job.req_gpus = gpu ? Number(gpu[1]) : null;
  const limRaw = num(get('timelimitraw'));
  job.req_time_s = limRaw !== null ? limRaw * 60 : sacctDuration(get('timelimit'));
  job.start = sacctTime(get('start'));
  job.end = sacctTime(get('end'));
  const exit = /^(\d+):(\d+)$/.exec(get('exitcode') ?? '');
  job.exit_code = exit ? Number(exit[1]) : null;
  job.used_cpu_s = sacctDuration(get('totalcpu'));
  job.used_mem_mb = sacctMemMb(get('maxrss'));
  return { step: false, job };
}

function num(v: string | undefined): number | null {
  return v !== undefined && /^\d+(\.\d+)?$/.test(v) ? Number(v) : null;
}
