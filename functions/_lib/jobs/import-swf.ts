// Standard Workload Format (Parallel Workloads Archive): 18 whitespace-separated fields, -1 = missing, `;` header.
import { type ImportResult, type JobRecord, type JobState, emptyJob, lines } from './record.ts';

/** SWF status: 1 completed, 0 failed, 5 cancelled; 2-4 are partial executions of a checkpointed job. */
const STATUS: Record<number, JobState> = { 1: 'COMPLETED', 0: 'FAILED', 5: 'CANCELLED' };

export function importSwf(text: string): ImportResult {
  const jobs: JobRecord[] = [];
  const problems: ImportResult['problems'] = [];
  let startTime = 0;
  for (const [n, line] of lines(text)) {
    const t = line.trim();
    if (t === '') continue;
    if (t.startsWith(';')) {
      const m = /^;\s*UnixStartTime:\s*(-?\d+)/.exec(t);
      if (m) startTime = Number(m[1]);
      continue;
    }
    const f = t.split(/\s+/).map(Number);
    if (f.length !== 18) {
      problems.push({ line: n, reason: `expected 18 fields, found ${f.length}` });
      continue;
    }
    if (f.some((v) => Number.isNaN(v))) {
      problems.push({ line: n, reason: 'a field is not a number' });
      continue;
    }
    const [id, submit, wait, run, alloc, cpu, mem, reqProcs, reqTime, reqMem, status, user, group, exe, queue] = f as [
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    const state = STATUS[status];
    if (!state) {
      problems.push({ line: n, reason: `status ${status} is not 0, 1 or 5` });
      continue;
    }
    if (submit < 0 || user < 0) {
      problems.push({ line: n, reason: 'no submit time or no user' });
      continue;
    }
    const has = (v: number) => (v >= 0 ? v : null);
    const sub = startTime + submit;
    const job = emptyJob(String(id), `u${user}`, sub, state);
    job.group = group >= 0 ? `g${group}` : null;
    job.queue = queue >= 0 ? `q${queue}` : null;
    job.app = exe >= 0 ? `x${exe}` : null;
    job.req_cpus = has(reqProcs);
    job.alloc_cpus = has(alloc);
    // SWF memory is KB per processor; NOMAD keeps the job's total in MB.
    const procs = reqProcs > 0 ? reqProcs : alloc;
    job.req_mem_mb = reqMem >= 0 && procs > 0 ? (reqMem * procs) / 1024 : null;
    job.used_mem_mb = mem >= 0 && alloc > 0 ? (mem * alloc) / 1024 : null;
    job.req_time_s = has(reqTime);
    job.start = wait >= 0 ? sub + wait : null;
    job.end = job.start !== null && run >= 0 ? job.start + run : null;
    // Field 6 is average CPU time per processor.
    job.used_cpu_s = cpu >= 0 && alloc > 0 ? cpu * alloc : null;
    jobs.push(job);
  }
  return { jobs, problems };
}
