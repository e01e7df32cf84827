// TORQUE/PBS accounting logs: `MM/DD/YYYY HH:MM:SS;TYPE;JOBID;key=value ...`. E = ended, D = deleted, Q = queued.
import { type ImportResult, type JobRecord, type JobState, emptyJob, lines } from './record.ts';

/** TORQUE Exit_status: -10 memory over limit, -11 walltime, other negatives exec/system failures, >= 256 signal. */
export function torqueState(exit: number): JobState {
  if (exit === 0) return 'COMPLETED';
  if (exit === -11) return 'TIMEOUT';
  if (exit === -10) return 'OUT_OF_MEMORY';
  if (exit < 0) return 'NODE_FAIL';
  if (exit >= 256) return 'CANCELLED';
  return 'FAILED';
}

const UNITS: Record<string, number> = { b: 1 / 1048576, w: 8 / 1048576, kb: 1 / 1024, mb: 1, gb: 1024, tb: 1048576 };
/** "28gb", "1024kb", "0kb" → MB. */
export function torqueMemMb(v: string | undefined): number | null {
  const m = v === undefined ? null : /^(\d+(?:\.\d+)?)([kmgt]?b|w)?$/i.exec(v.trim());
  if (!m) return null;
  return Number(m[1]) * (UNITS[(m[2] ?? 'b').toLowerCase()] ?? 1);
}
/** "08:00:00", "1:00:00:00" or plain seconds → seconds. */
export function torqueDuration(v: string | undefined): number | null {
  if (v === undefined || !/^\d+(:\d+){0,3}$/.test(v)) return null;
  const parts = v.split(':').map(Number);
  const mult = [1, 60, 3600, 86400];
  return parts.reduce((s, p, i) => s + p * (mult[parts.length - 1 - i] ?? 0), 0);
}
/** "2:ppn=8+c3:ppn=4" → 12 CPUs (a host name counts as one node). */
function nodesCpus(v: string | undefined): number | null {
  if (!v) return null;
  let total = 0;
  for (const part of v.split('+')) {
    const [head, ...opts] = part.split(':');
    const nodes = /^\d+$/.test(head ?? '') ? Number(head) : 1;
    const ppn = opts.map((o) => /^ppn=(\d+)$/.exec(o)).find((m) => m);
    total += nodes * (ppn ? Number(ppn[1]) : 1);
  }
  return total;
}

/** Attributes are space-separated key=value; a token without `=` belongs to the previous value (a job name with spaces). */
function attributes(s: string): Map<string, string> {
  const out = new Map<string, string>();
  let last = '';
  for (const tok of s.split(' ')) {
    if (tok === '') continue;
    const eq = tok.indexOf('=');
    if (eq > 0) out.set((last = tok.slice(0, eq)), tok.slice(eq + 1));
    else if (last) out.set(last, `${out.get(last) ?? ''} ${tok}`);
  }
  return out;
}
/** The line's local time read as if it were UTC, in seconds. */
function localAsUtc(d: string): number | null {
  const m = /^(\d\d)\/(\d\d)\/(\d{4}) (\d\d):(\d\d):(\d\d)$/.exec(d);
  return m ? Date.UTC(+m[3]!, +m[1]! - 1, +m[2]!, +m[4]!, +m[5]!, +m[6]!) / 1000 : null;
}

export function importTorque(text: string): ImportResult {
  const ended = new Map<string, JobRecord>();
  const queued = new Map<string, number>();
  const started = new Set<string>();
  const deleted: Array<{ id: string; user: string; at: number; offset: number | null }> = [];
  const problems: ImportResult['problems'] = [];
  // Line stamps are local time; the epoch fields of S and E records give the zone offset (DST included).
  let offset: number | null = null;
  for (const [n, line] of lines(text)) {
    if (line.trim() === '') continue;
    const parts = line.split(';');
    const [date, type, id] = parts;
    const local = localAsUtc(date ?? '');
    if (parts.length < 4 || local === null || !type || !id) {
      problems.push({ line: n, reason: 'not DATE;TYPE;JOBID;ATTRIBUTES' });
      continue;
    }
    const a = attributes(parts.slice(3).join(';'));
    if (type === 'Q') queued.set(id, local);
    else if (type === 'S') {
      started.add(id);
      const st = Number(a.get('start'));
      if (Number.isFinite(st) && st > 0) offset = Math.round((local - st) / 900) * 900;
    } else if (type === 'D') {
      const user = (a.get('requestor') ?? '').split('@')[0] ?? '';
      if (!started.has(id)) deleted.push({ id, user, at: queued.get(id) ?? local, offset });
    } else if (type === 'E') {
      const job = endRecord(id, a);
      if (typeof job === 'string') problems.push({ line: n, reason: job });
      else {
        ended.set(id, job);
        if (job.end !== null) offset = Math.round((local - job.end) / 900) * 900;
      }
    }
  }
  const jobs = [...ended.values()];
  for (const d of deleted) {
    if (ended.has(d.id) || started.has(d.id) || !d.user) continue;
    const job = emptyJob(d.id, d.user, d.at - (d.offset ?? offset ?? 0), 'CANCELLED');
    jobs.push(job);
  }
  return { jobs, problems };
}

function endRecord(id: string, a: Map<string, string>): JobRecord | string {
  const exit = Number(a.get('Exit_status'));
  const user = a.get('user');
  const submit = Number(a.get('qtime') ?? a.get('ctime'));
  if (!user) return 'E record without user';
  if (!Number.isInteger(exit)) return 'E record without Exit_status';
  if (!Number.isFinite(submit) || submit <= 0) return 'E record without qtime/ctime';
  const job = emptyJob(id, user, submit, torqueState(exit));
  job.exit_code = exit;
  job.group = a.get('group') ?? null;
  job.queue = a.get('queue') ?? null;
  job.app = a.get('jobname') ?? null;
  job.req_cpus = nodesCpus(a.get('Resource_List.nodes') ?? a.get('Resource_List.neednodes'));
  job.alloc_cpus = Number(a.get('total_execution_slots')) || job.req_cpus;
  job.req_mem_mb = torqueMemMb(a.get('Resource_List.mem') ?? a.get('Resource_List.vmem'));
  job.req_time_s = torqueDuration(a.get('Resource_List.walltime'));
  const gpus = /gpus=(\d+)/.exec(a.get('Resource_List.nodes') ?? '');
  job.req_gpus = gpus ? Number(gpus[1]) : null;
  const start = Number(a.get('start'));
  const end = Number(a.get('end'));
  job.start = start > 0 ? start : null;
  job.end = end > 0 ? end : null;
  job.used_cpu_s = torqueDuration(a.get('resources_used.cput'));
  job.used_mem_mb = torqueMemMb(a.get('resources_used.mem'));
  return job;
}
