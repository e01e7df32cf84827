// `quota -vwp -u <user>` or `-g <group>` into `quota` (the same fields as repquota), for one account. A `*` marks
// a limit exceeded. Without -w quota wraps a long filesystem name onto its own line: both forms are read.
import type { Point } from '../../../functions/_lib/line-protocol.ts';
import type { ParseContext, ParseResult, Parser, Problem } from '../types.ts';
import { quotaFields } from './quota-util.ts';
import { emptyResult, point, problem } from './util.ts';

export function parseQuota(text: string, ctx: ParseContext): ParseResult {
  if (!text.trim()) return emptyResult('quota');
  const points: Point[] = [];
  const problems: Problem[] = [];
  let who: { type: string; name: string } | undefined;
  let wrapped: string | undefined;
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/\r$/, '');
    if (!line.trim() || /^\s+Filesystem\s+(blocks|space)\s+quota/.test(line)) return;
    const head = /^Disk quotas for (user|group|project) (\S+) \((?:uid|gid|pid) \d+\):\s*(none)?\s*$/.exec(line);
    if (head) return void ([who, wrapped] = [{ type: head[1] ?? '', name: head[2] ?? '' }, undefined]);
    if (!who) return void problems.push(problem(i + 1, line, 'row before any "Disk quotas for" line'));
    const tokens = line.trim().split(/\s+/);
    if (tokens.length === 1 && !wrapped) return void (wrapped = tokens[0]);
    const device = wrapped ?? tokens.shift() ?? '';
    wrapped = undefined;
    // The files column is 5th when a block grace is printed (always with -p, else only when blocks are over).
    const blocksOver = tokens[0]?.endsWith('*') ?? false;
    const filesAt = tokens.length === 8 || (tokens.length === 7 && blocksOver) ? 4 : 3;
    const over: [boolean, boolean] = [blocksOver, tokens[filesAt]?.endsWith('*') ?? false];
    const bare = tokens.map((t) => t.replace(/\*$/, ''));
    const fields = quotaFields(bare, over);
    if (!fields)
      return void problems.push(problem(i + 1, line, 'expected used, quota, limit (and grace) for space and files'));
    points.push(point('quota', ctx, { type: who.type, name: who.name, device }, fields));
  });
  if (wrapped) problems.push(problem(0, wrapped, 'truncated: a filesystem name with no figures after it'));
  if (points.length === 0 && problems.length === 0)
    problems.push(problem(1, '', 'no quota rows (none set, or quotas are off)'));
  return { points, problems };
}

export const quotaParser: Parser = {
  name: 'quota',
  command: 'quota -vwp -u <user>   (or -g <group>)',
  description: 'space and file usage, soft and hard limits and grace of one user or group, per filesystem',
  parse: parseQuota,
};
