// ZFS pools and ARC. `storage_backend = "auto"` looks for /proc/spl/kstat/zfs or `zpool` on the PATH and quietly
// collects nothing without them; "zfs" insists (a missing zpool is then an error); "traditional" skips ZFS.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { arcstatsParser } from '../parsers/host/arcstats.ts';
import { zpoolIostatParser } from '../parsers/host/zpool-iostat.ts';
import { ZPOOL_LIST_COLUMNS, zpoolListParser } from '../parsers/host/zpool-list.ts';
import { zpoolStatusParser } from '../parsers/host/zpool-status.ts';
import { mergeResults, onPath, parseOutput } from './host-util.ts';
import type { CollectContext, CollectResult, Collector } from './types.ts';

export interface ZfsOptions {
  storageBackend: 'auto' | 'traditional' | 'zfs';
  zpool: string;
  arcstatsPath: string;
}

export const zfsPresent = (opts: ZfsOptions): boolean => existsSync(dirname(opts.arcstatsPath)) || onPath(opts.zpool);

async function readArcstats(path: string, ctx: CollectContext): Promise<CollectResult> {
  try {
    const text = await readFile(path, 'utf8');
    const r = arcstatsParser.parse(text, { now: ctx.now, tags: ctx.tags });
    return { points: r.points, problems: r.problems };
  } catch (err) {
    return { points: [], problems: [], error: `${path}: ${(err as Error).message}` };
  }
}

export function zfsCollector(opts: ZfsOptions): Collector {
  return {
    name: 'zfs',
    async collect(ctx: CollectContext): Promise<CollectResult> {
      if (opts.storageBackend === 'traditional') return { points: [], problems: [] };
      if (opts.storageBackend === 'auto' && !zfsPresent(opts)) return { points: [], problems: [] };
      const run = (args: string[]) => ctx.exec(opts.zpool, args, { timeoutMs: ctx.timeoutMs });
      const [status, list, iostat, arc] = await Promise.all([
        run(['status']),
        run(['list', '-Hp', '-o', ZPOOL_LIST_COLUMNS.join(',')]),
        run(['iostat', '-v']),
        readArcstats(opts.arcstatsPath, ctx),
      ]);
      return mergeResults([
        parseOutput(zpoolStatusParser, status, ctx),
        parseOutput(zpoolListParser, list, ctx),
        parseOutput(zpoolIostatParser, iostat, ctx),
        arc,
      ]);
    },
  };
}
