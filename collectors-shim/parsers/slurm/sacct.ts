// `sacct -a --parsable2 -o <fields> -S <cursor> -E now`: a header, then `|` rows in any field order. Step rows
// (`12.batch`, `12.0`) add their MaxRSS to the job. A newline inside a job name continues the row on the next line.
import type { ParseContext, ParseResult, Parser, Problem } from '../types.ts';
import { commandLine, sacctArgs } from './commands.ts';
import { bytes, duration, slurmTime, tres } from './common.ts';
import { type JobRecord, baseState, jobPoint } from './job.ts';

const ROW_START = /^\d+(?:[_.+][\w[\]%-]+)*\|/;

export function readSacctText(text: string): { jobs: JobRecord[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  const headerAt = lines.findIndex((l) => l.trim());
  if (headerAt < 0) return { jobs: [], problems: [] };
  const header = lines[headerAt]!.split('|');
  if (!header.includes('JobID') && !header.includes('JobIDRaw'))
    return {
      jobs: [],
      problems: [
        {
          line: headerAt + 1,
          text: lines[headerAt]!.slice(0, 200),
          reason: 'no sacct header (JobID or JobIDRaw): run sacct with --parsable2 and no --noheader',
        },
      ],
    };
  const col = (name: string) => header.findIndex((h) => h.toLowerCase() === name.toLowerCase());
  const nameCol = col('JobName');
  const byId = new Map<string, JobRecord>();
  for (let i = headerAt + 1; i < lines.length; i++) {
    const first = i;
    let row = lines[i]!;
    if (!row.trim()) continue;
    // A name with newlines spreads one record over lines: join until the row has every column.
    while (row.split('|').length < header.length && i + 1 < lines.length && !ROW_START.test(lines[i + 1]!))
      row += `\n${lines[++i]}`;
    // With the name last, its further lines hold no `|` and do not start a record.
    if (nameCol === header.length - 1)
      while (i + 1 < lines.length && lines[i + 1] && !lines[i + 1]!.includes('|')) row += `\n${lines[++i]}`;
    let cells = row.split('|');
    if (cells.length < header.length) {
      problems.push({
        line: first + 1,
        text: row.slice(0, 200),
        reason: `expected ${header.length} columns, got ${cells.length} (truncated?)`,
      });
      continue;
    }
    if (cells.length > header.length && nameCol >= 0) {
      const extra = cells.length - header.length; // `|` inside the job name
      cells = [
        ...cells.slice(0, nameCol),
        cells.slice(nameCol, nameCol + extra + 1).join('|'),
        ...cells.slice(nameCol + extra + 1),
      ];
    }
    const get = (name: string) => {
      const c = col(name);
      return c < 0 ? undefined : cells[c];
    };
    const jobId = get('JobID') ?? get('JobIDRaw') ?? '';
    const raw = get('JobIDRaw') ?? jobId;
    const idRaw = Number(/^\d+/.exec(raw)?.[0]);
    if (!Number.isInteger(idRaw)) {
      problems.push({ line: first + 1, text: row.slice(0, 200), reason: 'no numeric job id' });
      continue;
    }
    const stepOf = raw.includes('.') ? raw.slice(0, raw.indexOf('.')) : undefined;
    const rss = bytes(get('MaxRSS'));
    if (stepOf !== undefined) {
      const job = byId.get(stepOf);
      if (job && rss !== undefined) job.maxRssBytes = Math.max(job.maxRssBytes ?? 0, rss);
      continue;
    }
    const stateText = get('State') ?? '';
    const [exit, signal] = (get('ExitCode') ?? '').split(':').map((x) => (x === '' ? undefined : Number(x)));
    const limitMin = Number(get('TimelimitRaw'));
    byId.set(raw, {
      idRaw,
      jobId,
      name: get('JobName'),
      user: get('User'),
      account: get('Account') || undefined,
      partition: get('Partition') || undefined,
      qos: get('QOS') || undefined,
      state: baseState(stateText),
      stateDetail: stateText,
      exitCode: exit,
      signal,
      submitMs: slurmTime(get('Submit')),
      startMs: slurmTime(get('Start')),
      endMs: slurmTime(get('End')),
      elapsedS: numOrUndef(get('ElapsedRaw')),
      timelimitS: Number.isFinite(limitMin) ? limitMin * 60 : undefined,
      nodes: numOrUndef(get('NNodes')),
      cpus: numOrUndef(get('NCPUS')),
      reqTres: tres(get('ReqTRES')),
      allocTres: tres(get('AllocTRES')),
      maxRssBytes: rss,
      totalCpuS: duration(get('TotalCPU')),
      cpuTimeS: numOrUndef(get('CPUTimeRaw')),
      nodeList: get('NodeList'),
    });
  }
  return { jobs: [...byId.values()], problems };
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
