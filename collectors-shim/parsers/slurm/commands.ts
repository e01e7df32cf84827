// The exact command lines the SLURM collectors run, shared by the parsers (their `command`), the collectors and
// scripts/capture-slurm.ts, so a captured fixture is always the output of what the shim really runs.
// Text formats are `|`-separated with the one free-text column (job name, node reason) last.

export const SQUEUE_FORMAT = '%i|%P|%T|%u|%a|%D|%C|%m|%V|%S|%l|%Q|%r|%j';
export const SINFO_FORMAT = '%N|%P|%a|%T|%c|%C|%O|%m|%e|%G|%E';
export const SACCT_FIELDS = [
  'JobIDRaw',
  'JobID',
  'State',
  'ExitCode',
  'User',
  'Account',
  'Partition',
  'QOS',
  'Submit',
  'Start',
  'End',
  'ElapsedRaw',
  'TimelimitRaw',
  'NNodes',
  'NCPUS',
  'ReqMem',
  'ReqTRES',
  'AllocTRES',
  'MaxRSS',
  'TotalCPU',
  'CPUTimeRaw',
  'NodeList',
  'JobName',
].join(',');
export const SSHARE_FIELDS = 'Account,User,RawShares,NormShares,RawUsage,NormUsage,EffectvUsage,FairShare';

/**
 * The states a job ends in. With `-s`, sacct lists the jobs that ENDED inside the window; without it, every job
 * running or eligible during it (on a 20,000-job cluster, every call re-reads the whole queue from slurmdbd).
 */
export const SACCT_END_STATES = 'BF,CA,CD,DL,F,NF,OOM,PR,RV,TO';

/** `sacct` selects by a time window; the collector fills in its cursor. */
export const sacctArgs = (json: boolean, start: string, end = 'now', endedOnly = false): string[] => {
  const window = ['-S', start, '-E', end, ...(endedOnly ? ['-s', SACCT_END_STATES] : [])];
  return json ? ['-a', '--json', ...window] : ['-a', '--parsable2', '-o', SACCT_FIELDS, ...window];
};

export const COMMANDS = {
  squeue: ['squeue', ['-h', '-a', '-o', SQUEUE_FORMAT]],
  'squeue-json': ['squeue', ['-a', '--json']],
  sinfo: ['sinfo', ['-h', '-a', '-N', '-o', SINFO_FORMAT]],
  'sinfo-json': ['sinfo', ['-a', '--json']],
  'scontrol-nodes': ['scontrol', ['-o', 'show', 'node']],
  'scontrol-jobs': ['scontrol', ['-o', 'show', 'job']],
  sdiag: ['sdiag', []],
  'sdiag-json': ['sdiag', ['--json']],
  sshare: ['sshare', ['-a', '--parsable2', '-o', SSHARE_FIELDS]],
} as const satisfies Record<string, readonly [string, readonly string[]]>;

/** The command line as a person would type it (for `command` and the docs). */
export const commandLine = (cmd: string, args: readonly string[]): string =>
  [cmd, ...args.map((a) => (/[|%,\s]/.test(a) ? `'${a}'` : a))].join(' ');
