// Service checks: systemd units (`systemctl show`) where systemd runs, otherwise process presence by name from
// /proc (comm, or argv[0]'s base name). `mode = "auto"` picks systemd when /run/systemd/system exists.
import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Point } from '../../functions/_lib/line-protocol.ts';
import type { CollectContext, CollectResult, Collector } from './types.ts';

export interface ServicesOptions {
  units: string[];
  processes: string[];
  mode: 'auto' | 'systemd' | 'process';
  procDir?: string;
}

/** Process counts by name: comm (15 characters at most) and argv[0]'s base name both count. */
export async function countProcesses(names: string[], procDir = '/proc'): Promise<Map<string, number>> {
  const counts = new Map(names.map((n) => [n, 0]));
  const pids = (await readdir(procDir)).filter((e) => /^\d+$/.test(e));
  await Promise.all(
    pids.map(async (pid) => {
      // A process may exit between readdir and read: skip it.
      const [comm, cmdline] = await Promise.all([
        readFile(`${procDir}/${pid}/comm`, 'utf8').catch(() => ''),
        readFile(`${procDir}/${pid}/cmdline`, 'utf8').catch(() => ''),
      ]);
      const argv0 = basename(cmdline.split('\0')[0] ?? '');
      for (const n of names) if (comm.trim() === n || argv0 === n) counts.set(n, (counts.get(n) ?? 0) + 1);
    }),
  );
  return counts;
}

async function systemdPoints(units: string[], ctx: CollectContext): Promise<CollectResult> {
  if (units.length === 0) return { points: [], problems: [] };
  const res = await ctx.exec('systemctl', ['show', '--property=Id,LoadState,ActiveState,SubState', '--', ...units], {
    timeoutMs: ctx.timeoutMs,
  });
  if (!res.ok) return { points: [], problems: [], error: res.message ?? 'systemctl failed' };
  // One block of key=value lines per unit, blank-line separated, in the order asked.
  const blocks = res.stdout.trim().split(/\n\s*\n/);
  const points: Point[] = units.map((unit, i) => {
    const kv = Object.fromEntries(
      (blocks[i] ?? '').split('\n').map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
    );
    return {
      measurement: 'nomad_service',
      tags: { ...ctx.tags, service: unit, check: 'systemd' },
      fields: {
        up: kv.ActiveState === 'active',
        state: kv.ActiveState,
        sub_state: kv.SubState,
        load_state: kv.LoadState,
      },
      time: ctx.now,
    };
  });
  return { points, problems: [] };
}

export function servicesCollector(opts: ServicesOptions): Collector {
  return {
    name: 'services',
    async collect(ctx: CollectContext): Promise<CollectResult> {
      const systemd = opts.mode === 'systemd' || (opts.mode === 'auto' && existsSync('/run/systemd/system'));
      // Without systemd, units are looked up as process names (sshd.service → sshd).
      const names = [...opts.processes, ...(systemd ? [] : opts.units.map((u) => u.replace(/\.service$/, '')))];
      const result = systemd ? await systemdPoints(opts.units, ctx) : { points: [], problems: [] };
      if (names.length === 0) return result;
      try {
        const counts = await countProcesses(names, opts.procDir);
        for (const [name, n] of counts)
          result.points.push({
            measurement: 'nomad_service',
            tags: { ...ctx.tags, service: name, check: 'process' },
            fields: { up: n > 0, processes: { int: n } },
            time: ctx.now,
          });
      } catch (err) {
        return { ...result, error: `cannot list processes: ${(err as Error).message}` };
      }
      return result;
    },
  };
}
