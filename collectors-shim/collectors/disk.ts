// Filesystem bytes and inodes: two df runs merged into one `disk` point per mount point.
import type { Point } from '../../functions/_lib/line-protocol.ts';
import { type DfRow, dfRowsToPoints, parseDfRows } from '../parsers/df.ts';
import type { CollectContext, CollectResult, Collector } from './types.ts';

export interface DiskOptions {
  includePaths: string[];
  excludeFstypes: string[];
}

export function diskCollector(opts: DiskOptions): Collector {
  return {
    name: 'disk',
    async collect(ctx: CollectContext): Promise<CollectResult> {
      const paths = opts.includePaths;
      const [bytes, inodes] = await Promise.all([
        ctx.exec('df', ['-P', '-B1', '-T', ...paths], { timeoutMs: ctx.timeoutMs }),
        ctx.exec('df', ['-P', '-i', '-T', ...paths], { timeoutMs: ctx.timeoutMs }),
      ]);
      // df exits 1 when one of several paths is missing but still prints the rest: keep what it printed.
      if (!bytes.ok && !bytes.stdout) return { points: [], problems: [], error: bytes.message ?? 'df failed' };
      const b = parseDfRows(bytes.stdout);
      const i = parseDfRows(inodes.stdout);
      const byPath = new Map<string, DfRow>();
      for (const r of b.rows) byPath.set(r.path, { ...r, fields: { ...r.fields } });
      for (const r of i.rows) {
        const row = byPath.get(r.path);
        if (row) Object.assign(row.fields, r.fields);
      }
      // Paths named explicitly are always kept; otherwise pseudo filesystems are left out by type.
      const rows = [...byPath.values()].filter(
        (r) => paths.length > 0 || !r.fstype || !opts.excludeFstypes.includes(r.fstype),
      );
      const points: Point[] = dfRowsToPoints(rows, ctx);
      const problems = [...b.problems, ...i.problems];
      if (!bytes.ok) problems.push({ line: 0, text: '', reason: bytes.message ?? 'df failed' });
      return { points, problems };
    },
  };
}
