// `repquota -augvp` (every filesystem with quotas, users and groups, grace as epoch seconds) into `quota`:
// one point per user or group and device. Names are accounts (bounded); ids without a name print as #1234.
import type { Point } from '../../../functions/_lib/line-protocol.ts';
import type { ParseContext, ParseResult, Parser, Problem } from '../types.ts';
import { quotaFields } from './quota-util.ts';
import { emptyResult, point, problem } from './util.ts';

const IGNORE =
  /^(Block grace time|\s+(Block|Space) limits|(User|Group|Project)\s+used|-{10,}|Statistics:|Total blocks:|Data blocks:|Entries:|Used average:)/;

export function parseRepquota(text: string, ctx: ParseContext): ParseResult {
  if (!text.trim()) return emptyResult('quota report');
  const points: Point[] = [];
  const problems: Problem[] = [];
  let report: { type: string; device: string } | undefined;
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/\r$/, '');
    if (!line.trim() || IGNORE.test(line)) return;
    const head = /^\*\*\* Report for (user|group|project) quotas on device (.+)$/.exec(line);
    if (head) return void (report = { type: head[1] ?? '', device: (head[2] ?? '').trim() });
    const row = /^(\S+)\s+([-+])([-+])\s+(.*)$/.exec(line);
    if (!report || !row)
      return void problems.push(
        problem(i + 1, line, report ? 'not a repquota row' : 'row before any "*** Report for" line'),
      );
    const fields = quotaFields((row[4] ?? '').trim().split(/\s+/), [row[2] === '+', row[3] === '+']);
    if (!fields)
      return void problems.push(problem(i + 1, line, 'expected used, soft, hard (and grace) for space and files'));
    points.push(point('quota', ctx, { type: report.type, name: row[1], device: report.device }, fields));
  });
  if (points.length === 0 && problems.length === 0) problems.push(problem(1, '', 'no quota rows'));
  return { points, problems };
}

export const repquotaParser: Parser = {
  name: 'repquota',
  command: 'repquota -augvp',
  description: 'space and file usage, soft and hard limits and grace per user and group on every quota filesystem',
  parse: parseRepquota,
};
