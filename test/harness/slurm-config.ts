// The config files of the loopback test cluster. Pure text builders, so the facts in real-components.md live in one place.
import { join } from 'node:path';

export interface ClusterLayout {
  dir: string;
  cluster: string;
  mungeSocket: string;
  ctldPort: number;
  dbdPort: number;
  dbPort: number;
  dbSocket: string;
  nodes: Array<{ name: string; port: number }>;
  /** Folder holding prolog, epilog, prolog_slurmctld and epilog_slurmctld: set as slurm.conf's four hooks. */
  hooksDir?: string;
}

/** The four job hooks, run by slurmd (Prolog, Epilog) on each node and by slurmctld (the *Slurmctld ones). */
const hookLines = (hooks: string | undefined): string[] =>
  hooks
    ? [
        `Prolog=${join(hooks, 'prolog')}`,
        `Epilog=${join(hooks, 'epilog')}`,
        `PrologSlurmctld=${join(hooks, 'prolog_slurmctld')}`,
        `EpilogSlurmctld=${join(hooks, 'epilog_slurmctld')}`,
      ]
    : [];

/** Nodes advertise 4 CPUs, 1500 MB and 2 GPUs each (config_overrides lets slurmd claim them on one small host). */
export const NODE_CPUS = 4;
export const NODE_MEMORY_MB = 1500;

export function slurmConf(l: ClusterLayout): string {
  const d = l.dir;
  const nodeLines = l.nodes.map(
    (n) =>
      `NodeName=${n.name} NodeHostname=localhost NodeAddr=127.0.0.1 Port=${n.port} CPUs=${NODE_CPUS} RealMemory=${NODE_MEMORY_MB} Gres=gpu:2 State=UNKNOWN`,
  );
  const names = l.nodes.map((n) => n.name);
  return [
    `ClusterName=${l.cluster}`,
    'SlurmctldHost=localhost(127.0.0.1)',
    `SlurmctldPort=${l.ctldPort}`,
    'AuthType=auth/munge',
    `AuthInfo=socket=${l.mungeSocket}`,
    'CredType=cred/munge',
    'SlurmUser=root',
    'SlurmdUser=root',
    `StateSaveLocation=${join(d, 'ctld')}`,
    `SlurmdSpoolDir=${join(d, 'spool', '%n')}`,
    `SlurmctldPidFile=${join(d, 'run', 'slurmctld.pid')}`,
    `SlurmdPidFile=${join(d, 'run', 'slurmd.%n.pid')}`,
    `SlurmctldLogFile=${join(d, 'log', 'slurmctld.log')}`,
    `SlurmdLogFile=${join(d, 'log', 'slurmd.%n.log')}`,
    'SlurmdParameters=config_overrides',
    // OUT_OF_MEMORY needs task/cgroup with ConstrainRAMSpace (cgroup v1 on this machine).
    'ProctrackType=proctrack/cgroup',
    'TaskPlugin=task/cgroup',
    'JobAcctGatherType=jobacct_gather/cgroup',
    'JobAcctGatherFrequency=5',
    'SelectType=select/cons_tres',
    'SelectTypeParameters=CR_Core_Memory',
    'SchedulerType=sched/backfill',
    'DefMemPerCPU=100', // jobs without --mem would otherwise hold a whole node's memory
    'GresTypes=gpu',
    'AccountingStorageType=accounting_storage/slurmdbd',
    'AccountingStorageHost=127.0.0.1',
    `AccountingStoragePort=${l.dbdPort}`,
    // Clients reach slurmdbd through the munge socket named here, not only AuthInfo (real-components.md gotcha 1).
    `AccountingStoragePass=${l.mungeSocket}`,
    'AccountingStorageTRES=gres/gpu',
    'JobCompType=jobcomp/none',
    'PriorityType=priority/multifactor',
    'PriorityCalcPeriod=1',
    'PriorityWeightFairshare=1000',
    'PriorityWeightAge=100',
    // Short timeouts: NODE_FAIL and down nodes in seconds, not minutes.
    'SlurmdTimeout=10',
    'SlurmctldTimeout=10',
    'MessageTimeout=5',
    'KillWait=2',
    'InactiveLimit=0',
    'MinJobAge=600',
    'ReturnToService=2',
    'MailProg=/bin/true',
    'MaxArraySize=100',
    ...hookLines(l.hooksDir),
    ...nodeLines,
    `PartitionName=debug Nodes=${names.slice(0, 2).join(',')} Default=YES MaxTime=INFINITE State=UP`,
    `PartitionName=batch Nodes=${names.join(',')} MaxTime=2:00:00 State=UP`,
    '',
  ].join('\n');
}

export function gresConf(l: ClusterLayout): string {
  // Count-only GPUs (no device files): enough for TRES accounting and sinfo's GRES column.
  return l.nodes.map((n) => `NodeName=${n.name} Name=gpu File=/dev/loop[0-1]`).join('\n') + '\n';
}

export function cgroupConf(): string {
  return [
    'CgroupPlugin=cgroup/v1',
    'CgroupAutomount=yes',
    'ConstrainCores=yes',
    'ConstrainRAMSpace=yes',
    'ConstrainSwapSpace=yes',
    'AllowedSwapSpace=0',
    '',
  ].join('\n');
}

/** Must be mode 600 or slurmdbd refuses it. MariaDB runs with --skip-grant-tables, so root needs no password. */
export function slurmdbdConf(l: ClusterLayout): string {
  const d = l.dir;
  return [
    'AuthType=auth/munge',
    `AuthInfo=socket=${l.mungeSocket}`,
    'DbdHost=localhost',
    'DbdAddr=127.0.0.1',
    `DbdPort=${l.dbdPort}`,
    'SlurmUser=root',
    'StorageType=accounting_storage/mysql',
    'StorageHost=127.0.0.1',
    `StoragePort=${l.dbPort}`,
    'StorageUser=root',
    'StorageLoc=slurm_acct_db',
    `PidFile=${join(d, 'run', 'slurmdbd.pid')}`,
    `LogFile=${join(d, 'log', 'slurmdbd.log')}`,
    '',
  ].join('\n');
}
