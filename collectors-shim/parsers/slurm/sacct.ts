// `sacct -a --parsable2 -o <fields> -S <cursor> -E now`: a header, then `|` rows in any field order. Step rows
// (`12.batch`, `12.0`) add their MaxRSS to the job. A newline inside a job name continues the row on the next line.
// Hot path (100,000 rows in well under a second): column indexes are found once, each row is split once.
import type { ParseContext, ParseResult, Parser, Problem } from '../types.ts';
import { commandLine, sacctArgs } from './commands.ts';
import { bytes, duration, leadingInt, slurmTime, tres } from './common.ts';
import { type JobRecord, baseState, jobPoint } from './job.ts';
import { cellAt, countPipes, memo } from './row-helpers.ts';

const ROW_START = /^\d+(?:[_.+][\w[\]%-]+)*\|/;
const NOT_BLANK = /\S/;

const NAMES = {
  jobId: 'JobID',
  jobIdRaw: 'JobIDRaw',
  name: 'JobName',
  user: 'User',
  account: 'Account',
  partition: 'Partition',
  qos: 'QOS',
  state: 'State',
  exit: 'ExitCode',
  submit: 'Submit',
  start: 'Start',
  end: 'End',
  elapsed: 'ElapsedRaw',
  limit: 'TimelimitRaw',
  nodes: 'NNodes',
  cpus: 'NCPUS',
  reqTres: 'ReqTRES',
  allocTres: 'AllocTRES',
  maxRss: 'MaxRSS',
  totalCpu: 'TotalCPU',
  cpuTime: 'CPUTimeRaw',
  nodeList: 'NodeList',
} as const;
type Col = Record<keyof typeof NAMES, number>;

/** Column index of each field we read (-1 when absent), matched without case as sacct's own -o is. */
function columns(header: string[]): Col {
  const lower = header.map((h) => h.toLowerCase());
  const out = {} as Col;
  for (const [k, name] of Object.entries(NAMES)) out[k as keyof Col] = lower.indexOf(name.toLowerCase());
  return out;
}

/**
 * `skip(id, end)` leaves out a finished job (and its steps) before its row is read further: the collector re-reads
 * its overlap window every call, and most of it was already sent.
 */
export function readSacctText(
  text: string,
  opts: { skip?: (idRaw: number, endMs: number) => boolean } = {},
): { jobs: JobRecord[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const lines = text.split('\n');
  const line = (i: number): string => {
    const l = lines[i]!;
    return l.charCodeAt(l.length - 1) === 13 ? l.slice(0, -1) : l;
  };
  let headerAt = 0;
  while (headerAt < lines.length && !NOT_BLANK.test(lines[headerAt]!)) headerAt++;
  if (headerAt === lines.length) return { jobs: [], problems: [] };
  const header = line(headerAt).split('|');
  if (!header.includes('JobID') && !header.includes('JobIDRaw'))
    return {
      jobs: [],
      problems: [
        {
          line: headerAt + 1,
          text: line(headerAt).slice(0, 200),
          reason: 'no sacct header (JobID or JobIDRaw): run sacct with --parsable2 and no --noheader',
        },
      ],
    };
  const width = header.length;
  const c = columns(header);
  const nameCol = c.name;
  const byId = new Map<string, JobRecord>();
  // Jobs share a few TRES shapes, users, accounts, partitions, states and node lists: each distinct value is read
  // and kept once, so 100,000 rows do not keep 100,000 copies alive (copying those was much of the cost).
  const tresOf = memo(tres);
  const stateOf = memo(baseState);
  const same = memo((s) => s);
  // Rows of jobs to skip are recognised from their id and end alone, unsplit, when no free text comes before those.
  const idCol = c.jobIdRaw >= 0 ? c.jobIdRaw : c.jobId;
  const early = opts.skip && c.end >= 0 && (nameCol < 0 || Math.max(idCol, c.end) < nameCol);
  for (let i = headerAt + 1; i < lines.length; i++) {
    const first = i;
    let row = line(i);
    if (!NOT_BLANK.test(row)) continue;
    // A name with newlines spreads one record over lines: join until the row has every column.
    let pipes = countPipes(row);
    while (pipes + 1 < width && i + 1 < lines.length && !ROW_START.test(line(i + 1))) {
      const next = line(++i);
      row += `\n${next}`;
      pipes += countPipes(next);
    }
    // With the name last, its further lines hold no `|` and do not start a record.
    if (nameCol === width - 1)
      while (i + 1 < lines.length && line(i + 1) && !line(i + 1).includes('|')) row += `\n${line(++i)}`;
    if (early && pipes + 1 >= width && skipUnread(row)) continue;
    let cells = row.split('|');
    if (cells.length < width) {
      problems.push({
        line: first + 1,
        text: row.slice(0, 200),
        reason: `expected ${width} columns, got ${cells.length} (truncated?)`,
      });
      continue;
    }
    if (cells.length > width && nameCol >= 0) {
      const extra = cells.length - width; // `|` inside the job name
      cells = [
        ...cells.slice(0, nameCol),
        cells.slice(nameCol, nameCol + extra + 1).join('|'),
        ...cells.slice(nameCol + extra + 1),
      ];
    }
    const get = (k: number): string | undefined => (k < 0 ? undefined : cells[k]);
    const jobId = get(c.jobId) ?? get(c.jobIdRaw) ?? '';
    const raw = get(c.jobIdRaw) ?? jobId;
    const idRaw = leadingInt(raw);
    if (!Number.isInteger(idRaw)) {
      problems.push({ line: first + 1, text: row.slice(0, 200), reason: 'no numeric job id' });
      continue;
    }
    const dot = raw.indexOf('.');
    if (dot >= 0) {
      const job = byId.get(raw.slice(0, dot));
      const rss = job && bytes(get(c.maxRss));
      if (job && rss !== undefined) job.maxRssBytes = Math.max(job.maxRssBytes ?? 0, rss);
      continue;
    }
    const endMs = slurmTime(get(c.end));
    if (endMs !== undefined && opts.skip?.(idRaw, endMs)) {
      byId.delete(raw); // as if this row had replaced an earlier one of the same id, and then been skipped
      continue;
    }
    const stateText = same(get(c.state) ?? '')!;
    const [exit, signal] = exitCode(get(c.exit) ?? '');
    const limitMin = Number(get(c.limit));
    byId.set(raw, {
      idRaw,
      jobId,
      name: get(nameCol),
      user: same(get(c.user)),
      account: same(get(c.account)) || undefined,
      partition: same(get(c.partition)) || undefined,
      qos: same(get(c.qos)) || undefined,
      state: stateOf(stateText)!,
      stateDetail: stateText,
      exitCode: exit,
      signal,
      submitMs: slurmTime(get(c.submit)),
      startMs: slurmTime(get(c.start)),
      endMs,
      elapsedS: numOrUndef(get(c.elapsed)),
      timelimitS: Number.isFinite(limitMin) ? limitMin * 60 : undefined,
      nodes: numOrUndef(get(c.nodes)),
      cpus: numOrUndef(get(c.cpus)),
      reqTres: tresOf(get(c.reqTres) ?? '')!,
      allocTres: tresOf(get(c.allocTres) ?? '')!,
      maxRssBytes: bytes(get(c.maxRss)),
      totalCpuS: duration(get(c.totalCpu)),
      cpuTimeS: numOrUndef(get(c.cpuTime)),
      nodeList: same(get(c.nodeList)),
    });
  }
  return { jobs: [...byId.values()], problems };

  /** True for a skipped job's row, and for a step of a job not kept: what the full read would drop anyway. */
  function skipUnread(row: string): boolean {
    const raw = cellAt(row, idCol);
    const id = leadingInt(raw);
    if (!Number.isInteger(id)) return false; // reported by the full read
    const dot = raw.indexOf('.');
    if (dot >= 0) return !byId.has(raw.slice(0, dot));
    const end = slurmTime(cellAt(row, c.end));
    if (end === undefined || !opts.skip!(id, end)) return false;
    byId.delete(raw);
    return true;
  }
}

/** `0:15` → [0, 15]; an empty part reads as undefined, a garbled one as NaN (dropped by the encoder). */
function exitCode(s: string): [number | undefined, number | undefined] {
  const part = (x: string | undefined) => (x === undefined || x === '' ? undefined : Number(x));
  const colon = s.indexOf(':');
  if (colon < 0) return [part(s), undefined];
  const next = s.indexOf(':', colon + 1);
  return [part(s.slice(0, colon)), part(s.slice(colon + 1, next < 0 ? undefined : next))];
}

const numOrUndef = (s: string | undefined) =>
  s === undefined || s === '' || !Number.isFinite(Number(s)) ? undefined : Number(s);

export const sacctParser: Parser = {
  name: 'sacct',
  command: commandLine('sacct', sacctArgs(false, '<cursor>')),
  description:
    'one slurm_job point per job: state, exit code, times, limits, requested/allocated TRES, MaxRSS (parsable2 text)',
  parse(text: string, ctx: ParseContext): ParseResult {
    const { jobs, problems } = readSacctText(text);
    return { points: jobs.map((j) => jobPoint(j, ctx)), problems };
  },
};
