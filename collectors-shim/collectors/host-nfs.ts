// NFS mount verification: is each configured path mounted (from /proc/mounts, which never touches the server) and
// does it answer a `stat -f` within probe_timeout? The probe runs in a child process killed at the deadline, and the
// collector stops waiting even if the kernel keeps that child stuck, so a hung mount never hangs the shim.
import { readFile, readdir } from 'node:fs/promises';
import type { Point } from '../../functions/_lib/line-protocol.ts';
import { mapLimit, probe as runProbe } from './host-util.ts';
import type { CollectContext, CollectResult, Collector } from './types.ts';

export interface NfsOptions {
  mounts: string[];
  probeTimeoutMs: number;
  mountsFile?: string;
  /** The probe's argv; the mount point is appended. */
  probe?: string[];
  procDir?: string;
}

const STAT_PROBE = ['stat', '-f', '-c', '%T', '--'];

/**
 * Command lines of running processes. A probe abandoned on a hung mount stays in the kernel: finding it here stops
 * the next run from stacking another stuck process on the same mount every interval.
 */
async function runningCommandLines(procDir = '/proc'): Promise<Set<string>> {
  const lines = new Set<string>();
  const pids = (await readdir(procDir).catch(() => [])).filter((e) => /^\d+$/.test(e));
  await Promise.all(
    pids.map(async (pid) => lines.add(await readFile(`${procDir}/${pid}/cmdline`, 'utf8').catch(() => ''))),
  );
  return lines;
}

interface MountEntry {
  source: string;
  fstype: string;
}

/** /proc/mounts escapes space, tab, newline and backslash as octal (\040). */
const unescape = (s: string) => s.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8)));

export async function readMounts(file = '/proc/mounts'): Promise<Map<string, MountEntry>> {
  const out = new Map<string, MountEntry>();
  for (const line of (await readFile(file, 'utf8')).split('\n')) {
    const [source, target, fstype] = line.split(' ');
    if (source && target && fstype) out.set(unescape(target), { source: unescape(source), fstype }); // the last mount wins, as in the kernel
  }
  return out;
}

const trimSlash = (p: string) => (p.length > 1 ? p.replace(/\/+$/, '') : p);

export function nfsCollector(opts: NfsOptions): Collector {
  return {
    name: 'nfs',
    async collect(ctx: CollectContext): Promise<CollectResult> {
      let mounts: Map<string, MountEntry>;
      try {
        mounts = await readMounts(opts.mountsFile);
      } catch (err) {
        return { points: [], problems: [], error: `cannot read the mount table: ${(err as Error).message}` };
      }
      const problems: CollectResult['problems'] = [];
      const probe = opts.probe ?? STAT_PROBE;
      const running = await runningCommandLines(opts.procDir);
      const points = await mapLimit(opts.mounts, 8, async (path): Promise<Point> => {
        const m = mounts.get(trimSlash(path));
        const tags = {
          ...ctx.tags,
          path,
          fstype: m?.fstype,
          server: m?.source.includes(':') ? m.source.split(':')[0] : undefined,
        };
        if (!m) {
          problems.push({ line: 0, text: path, reason: 'not mounted' });
          return {
            measurement: 'nomad_nfs_mount',
            tags,
            fields: { mounted: false, responsive: false, error: 'not mounted' },
            time: ctx.now,
          };
        }
        const argv = [...probe, path];
        if (running.has(`${argv.join('\0')}\0`)) {
          const error = 'the previous probe of this mount is still stuck (hung mount); no new probe started';
          problems.push({ line: 0, text: path, reason: error });
          return {
            measurement: 'nomad_nfs_mount',
            tags,
            fields: { mounted: true, responsive: false, error },
            time: ctx.now,
          };
        }
        const started = Date.now();
        const res = await runProbe(ctx, argv[0] ?? 'stat', argv.slice(1), opts.probeTimeoutMs, `stat ${path}`);
        const ms = Date.now() - started;
        if (!res.ok) problems.push({ line: 0, text: path, reason: res.message ?? 'stat failed' });
        return {
          measurement: 'nomad_nfs_mount',
          tags,
          fields: {
            mounted: true,
            responsive: res.ok,
            response_ms: { int: ms },
            error: res.ok ? undefined : res.message,
          },
          time: ctx.now,
        };
      });
      return { points, problems };
    },
  };
}
