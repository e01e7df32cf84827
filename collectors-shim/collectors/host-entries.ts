// The node, license and storage collectors the shim schedules, each with its [collectors.<name>] settings.
import type { CollectorEntry } from './entry.ts';
import { gpuCollector } from './host-gpu.ts';
import { jobCgroupCollector } from './host-job-cgroup.ts';
import { largeFilesCollector } from './host-large-files.ts';
import { licensesCollector } from './host-licenses.ts';
import { nfsCollector } from './host-nfs.ts';
import { quotaCollector } from './host-quota.ts';
import { sensorsCollector } from './host-sensors.ts';
import { servicesCollector } from './host-services.ts';
import { sshCollector } from './host-ssh.ts';
import { zfsCollector } from './host-zfs.ts';

export const hostEntries: CollectorEntry[] = [
  { name: 'gpu', settings: (c) => c.collectors.gpu, build: (c) => gpuCollector(c.collectors.gpu) },
  { name: 'sensors', settings: (c) => c.collectors.sensors, build: (c) => sensorsCollector(c.collectors.sensors) },
  {
    name: 'nfs',
    settings: (c) => c.collectors.nfs,
    build: (c) => nfsCollector({ mounts: c.collectors.nfs.mounts, probeTimeoutMs: c.collectors.nfs.probe_timeout }),
  },
  { name: 'services', settings: (c) => c.collectors.services, build: (c) => servicesCollector(c.collectors.services) },
  {
    name: 'ssh',
    settings: (c) => c.collectors.ssh,
    build: ({ collectors: { ssh } }) => sshCollector({ ...ssh, connectTimeoutMs: ssh.connect_timeout }),
  },
  { name: 'licenses', settings: (c) => c.collectors.licenses, build: (c) => licensesCollector(c.collectors.licenses) },
  {
    name: 'zfs',
    settings: (c) => c.collectors.zfs,
    build: ({ collectors: { zfs } }) =>
      zfsCollector({ storageBackend: zfs.storage_backend, zpool: zfs.zpool, arcstatsPath: zfs.arcstats_path }),
  },
  { name: 'quota', settings: (c) => c.collectors.quota, build: (c) => quotaCollector(c.collectors.quota) },
  {
    name: 'large_files',
    settings: (c) => c.collectors.large_files,
    build: ({ collectors: { large_files: l } }) =>
      largeFilesCollector({ roots: l.roots, minSize: l.min_size, top: l.top, maxEntries: l.max_entries }),
  },
  {
    name: 'job_cgroup',
    settings: (c) => c.collectors.job_cgroup,
    build: ({ collectors: { job_cgroup: j } }) =>
      jobCgroupCollector({ root: j.root, version: j.version, maxDepth: j.max_depth }),
  },
];
