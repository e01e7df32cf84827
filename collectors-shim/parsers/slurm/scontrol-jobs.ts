// `scontrol -o show job`: one line per job in slurmctld's memory (pending, running, and finished within MinJobAge).
// JobName is free text: it runs to ` UserId=`, the key scontrol always prints next.
import type { ParseContext, ParseResult, Parser, Problem } from '../types.ts';
import { COMMANDS, commandLine } from './commands.ts';
import { duration, slurmTime, tres } from './common.ts';
import { type JobRecord, baseState, jobPoint } from './job.ts';
import { readKeyValues } from './keyvalue.ts';

const n = (s: string | undefined) =>
  s === undefined || s === '' || !Number.isFinite(Number(s)) ? undefined : Number(s);

export function readScontrolJobs(text: string): { jobs: JobRecord[]; problems: Problem[] } {
  const jobs: JobRecord[] = [];
  const problems: Problem[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const first = i;
    let line = lines[i]!.replace(/\r$/, '');
    if (!line.trim() || /^No jobs in the system/.test(line)) continue;
    // A newline in a job name: the record continues until a line that starts a new job.
    while (i + 1 < lines.length && lines[i + 1]!.trim() && !/^JobId=/.test(lines[i + 1]!))
      line += `\n${lines[++i]!.replace(/\r$/, '')}`;
    const kv = readKeyValues(line, { span: { JobName: 'UserId' } });
    const idRaw = n(kv.get('JobId'));
    const state = kv.get('JobState');
    if (idRaw === undefined || !state) {
      problems.push({ line: first + 1, text: line.slice(0, 200), reason: 'no JobId or JobState' });
      continue;
    }
    const arrayJob = kv.get('ArrayJobId');
    const task = kv.get('ArrayTaskId');
    const [exit, signal] = (kv.get('ExitCode') ?? '').split(':').map((x) => n(x));
    const alloc = tres(kv.get('TRES'));
    jobs.push({
      idRaw,
      jobId: arrayJob && task ? `${arrayJob}_${/^\d+$/.test(task) ? task : `[${task}]`}` : String(idRaw),
      name: kv.get('JobName'),
      user: kv.get('UserId')?.replace(/\(\d+\)$/, ''),
      account: kv.get('Account') || undefined,
      partition: kv.get('Partition') || undefined,
      qos: kv.get('QOS') || undefined,
      state: baseState(state),
      stateDetail: state,
      reason: kv.get('Reason'),
      exitCode: exit,
      signal,
      submitMs: slurmTime(kv.get('SubmitTime')),
      startMs: state === 'PENDING' ? undefined : slurmTime(kv.get('StartTime')),
      endMs: /^(PENDING|RUNNING|SUSPENDED|COMPLETING|CONFIGURING|REQUEUED|RESIZING)$/.test(state)
        ? undefined
        : slurmTime(kv.get('EndTime')),
      elapsedS: duration(kv.get('RunTime')),
      timelimitS: duration(kv.get('TimeLimit')),
      nodes: n(kv.get('NumNodes')?.split('-')[0]),
      cpus: n(kv.get('NumCPUs')?.split('-')[0]),
      reqTres: alloc,
      allocTres: alloc,
      nodeList: kv.get('NodeList') === '(null)' ? undefined : kv.get('NodeList'),
    });
  }
  return { jobs, problems };
}

export const scontrolJobsParser: Parser = {
  name: 'scontrol-jobs',
  command: commandLine(...COMMANDS['scontrol-jobs']),
  description:
    'one slurm_job point per job in slurmctld memory: state, reason, exit code, times, TRES (scontrol one-liners)',
  parse(text: string, ctx: ParseContext): ParseResult {
    const { jobs, problems } = readScontrolJobs(text);
    return { points: jobs.map((j) => jobPoint(j, ctx)), problems };
  },
};
