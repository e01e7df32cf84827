// Large-file detection under configured roots, on a budget: at most max_entries directory entries and the
// collector's timeout per run. lstat only (symlinks are never followed) and no descent into another filesystem.
// Paths are unbounded text, so they are fields; the tags are the configured root and the file's rank (1..top).
import { lstat, opendir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Point } from '../../functions/_lib/line-protocol.ts';
import type { CollectContext, CollectResult, Collector } from './types.ts';

export interface LargeFilesOptions {
  roots: string[];
  minSize: number;
  top: number;
  maxEntries: number;
  passwdFile?: string;
}

interface Found {
  path: string;
  size: number;
  uid: number;
  mtimeMs: number;
}

export interface ScanSummary {
  files: Found[];
  scanned: number;
  truncated: boolean;
  errors: number;
}

/** Walks one root breadth-first; keeps the `top` largest files of at least minSize. */
export async function scanRoot(root: string, opts: LargeFilesOptions, deadline: number): Promise<ScanSummary> {
  const rootStat = await lstat(root);
  const out: ScanSummary = { files: [], scanned: 0, truncated: false, errors: 0 };
  const queue = rootStat.isDirectory() ? [root] : [];
  const keep = (f: Found) => {
    out.files.push(f);
    out.files.sort((a, b) => b.size - a.size);
    if (out.files.length > opts.top) out.files.pop();
  };
  while (queue.length) {
    const dir = queue.shift() as string;
    let handle;
    try {
      handle = await opendir(dir);
    } catch {
      out.errors++; // unreadable folder: keep going
      continue;
    }
    for await (const entry of handle) {
      if (++out.scanned > opts.maxEntries || Date.now() > deadline) {
        out.truncated = true;
        return out; // leaving the for-await loop closes the directory handle
      }
      if (entry.isSymbolicLink()) continue;
      const path = join(dir, entry.name);
      if (!entry.isDirectory() && !entry.isFile()) continue;
      const st = await lstat(path).catch(() => undefined);
      if (!st) continue;
      if (st.dev !== rootStat.dev) continue; // a mount point: another filesystem
      if (st.isDirectory()) queue.push(path);
      else if (
        st.size >= opts.minSize &&
        (out.files.length < opts.top || st.size > (out.files[out.files.length - 1]?.size ?? 0))
      )
        keep({ path, size: st.size, uid: st.uid, mtimeMs: st.mtimeMs });
    }
  }
  return out;
}

async function userNames(file = '/etc/passwd'): Promise<Map<number, string>> {
  const names = new Map<number, string>();
  const text = await readFile(file, 'utf8').catch(() => '');
  for (const line of text.split('\n')) {
    const [name, , uid] = line.split(':');
    if (name && uid && /^\d+$/.test(uid)) names.set(Number(uid), name);
  }
  return names;
}

export function largeFilesCollector(opts: LargeFilesOptions): Collector {
  return {
    name: 'large_files',
    async collect(ctx: CollectContext): Promise<CollectResult> {
      // Leave a tenth of the timeout to write the result.
      const deadline = Date.now() + ctx.timeoutMs * 0.9;
      const names = await userNames(opts.passwdFile);
      const points: Point[] = [];
      const problems: CollectResult['problems'] = [];
      let failed = 0;
      for (const root of opts.roots) {
        let s: ScanSummary;
        try {
          s = await scanRoot(root, opts, deadline);
        } catch (err) {
          failed++;
          problems.push({ line: 0, text: root, reason: (err as Error).message });
          continue;
        }
        if (s.truncated)
          problems.push({
            line: 0,
            text: root,
            reason: `budget reached after ${s.scanned} entries: the list may miss files`,
          });
        s.files.forEach((f, i) =>
          points.push({
            measurement: 'nomad_large_file',
            tags: { ...ctx.tags, root, rank: String(i + 1) },
            fields: {
              path: f.path,
              size: { int: f.size },
              uid: { int: f.uid },
              owner: names.get(f.uid) ?? String(f.uid),
              age_days: (ctx.now - f.mtimeMs) / 86_400_000,
            },
            time: ctx.now,
          }),
        );
        points.push({
          measurement: 'nomad_large_files',
          tags: { ...ctx.tags, root },
          fields: {
            found: { int: s.files.length },
            scanned: { int: s.scanned },
            truncated: s.truncated,
            unreadable_dirs: { int: s.errors },
          },
          time: ctx.now,
        });
      }
      if (opts.roots.length > 0 && failed === opts.roots.length)
        return { points, problems, error: 'no root could be scanned' };
      return { points, problems };
    },
  };
}
