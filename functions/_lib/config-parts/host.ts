// Config of the node, license and storage collectors ([collectors.<name>] in nomad.toml). Sources that need
// site-specific settings or hardware are off by default; zfs and job_cgroup detect what is there.
import { z } from 'zod';
import { collectorBase, duration } from './common.ts';

const SIZE_UNITS: Record<string, number> = { '': 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3, T: 1024 ** 4 };
/** "500M", "1G", "1.5T" or a number of bytes. */
export const byteSize = z.union([z.string(), z.number()]).transform((v, ctx) => {
  const m = /^(\d+(?:\.\d+)?)\s*([KMGT]?)i?B?$/i.exec(String(v).trim());
  if (!m) ctx.addIssue({ code: 'custom', message: `"${v}" is not a size (use 500M, 1G, 2T or bytes)` });
  return m ? Math.round(Number(m[1]) * (SIZE_UNITS[(m[2] ?? '').toUpperCase()] ?? 1)) : 0;
});

const licenseServer = z
  .object({
    /** Becomes the `license` tag: a short name for the product (ansys, matlab). */
    name: z.string().min(1),
    type: z.enum(['flexlm', 'rlm', 'command']),
    /** port@host (or several, colon-separated) passed to `-c`. */
    address: z.string().default(''),
    /** For type = "command": the argv to run, and the parser that reads its output (`nomad-shim parsers`). */
    command: z.array(z.string()).default([]),
    parser: z.string().default(''),
    /** Also run `lmstat -i` for expiry dates (FlexLM only; RLM prints them in rlmstat -a). */
    expiry: z.boolean().default(true),
  })
  .strict()
  .refine((s) => s.type === 'command' || s.address !== '', {
    message: 'address (port@host) is required for flexlm and rlm',
  })
  .refine((s) => s.type !== 'command' || (s.command.length > 0 && s.parser !== ''), {
    message: 'type "command" needs command and parser',
  });

export const hostCollectorsSchema = z.object({
  gpu: collectorBase('30s', '15s', false)
    .extend({ command: z.string().default('nvidia-smi'), format: z.enum(['csv', 'xml']).default('csv') })
    .strict()
    .prefault({}),
  sensors: collectorBase('60s', '10s', false)
    .extend({ command: z.string().default('sensors'), format: z.enum(['json', 'text']).default('json') })
    .strict()
    .prefault({}),
  nfs: collectorBase('60s', '15s', false)
    .extend({
      /** Mount points that must be mounted and answer. */
      mounts: z.array(z.string()).default([]),
      /** Per mount: a stat that takes longer counts as not answering (the probe is killed). */
      probe_timeout: duration.prefault('5s'),
    })
    .strict()
    .prefault({}),
  services: collectorBase('60s', '10s', false)
    .extend({
      /** systemd units where systemd runs; process names (comm or argv[0]) otherwise. */
      units: z.array(z.string()).default([]),
      processes: z.array(z.string()).default([]),
      mode: z.enum(['auto', 'systemd', 'process']).default('auto'),
    })
    .strict()
    .prefault({}),
  ssh: collectorBase('300s', '120s', false)
    .extend({
      hosts: z.array(z.string()).default([]),
      port: z.number().int().min(1).max(65535).default(22),
      user: z.string().default(''),
      connect_timeout: duration.prefault('5s'),
      concurrency: z.number().int().min(1).max(64).default(8),
      command: z.string().default('ssh'),
    })
    .strict()
    .prefault({}),
  licenses: collectorBase('300s', '60s', false)
    .extend({
      servers: z.array(licenseServer).default([]),
      lmutil: z.string().default('lmutil'),
      rlmutil: z.string().default('rlmutil'),
    })
    .strict()
    .prefault({}),
  zfs: collectorBase('60s', '30s')
    .extend({
      storage_backend: z.enum(['auto', 'traditional', 'zfs']).default('auto'),
      zpool: z.string().default('zpool'),
      arcstats_path: z.string().default('/proc/spl/kstat/zfs/arcstats'),
    })
    .strict()
    .prefault({}),
  quota: collectorBase('300s', '60s', false)
    .extend({ command: z.string().default('repquota'), args: z.array(z.string()).default(['-augvp']) })
    .strict()
    .prefault({}),
  large_files: collectorBase('1h', '5m', false)
    .extend({
      roots: z.array(z.string()).default([]),
      min_size: byteSize.prefault('1G'),
      top: z.number().int().min(1).max(1000).default(20),
      /** Budget per run: stop after this many directory entries (the timeout bounds the time). */
      max_entries: z.number().int().min(1).default(2_000_000),
    })
    .strict()
    .prefault({}),
  job_cgroup: collectorBase('30s', '10s')
    .extend({
      /** The cgroup mount: v1 controllers are folders under it (memory, cpuacct, blkio); v2 is the tree itself. */
      root: z.string().default('/sys/fs/cgroup'),
      version: z.enum(['auto', '1', '2']).default('auto'),
      /** How deep to look for job_<id> folders (v2: system.slice/slurmstepd.scope/job_N is depth 3). */
      max_depth: z.number().int().min(1).max(10).default(5),
    })
    .strict()
    .prefault({}),
});

export type HostCollectorsConfig = z.infer<typeof hostCollectorsSchema>;
