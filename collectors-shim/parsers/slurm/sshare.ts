// `sshare -a --parsable2 -o Account,User,RawShares,NormShares,RawUsage,NormUsage,EffectvUsage,FairShare`: one
// slurm_fairshare point per association. Leading spaces on Account give the depth in the tree (`level`).
import { type Point, int } from '../../../functions/_lib/line-protocol.ts';
import type { ParseContext, ParseResult, Parser, Problem } from '../types.ts';
import { COMMANDS, commandLine } from './commands.ts';

const FIELDS: Record<string, string> = {
  RawShares: 'raw_shares',
  NormShares: 'norm_shares',
  RawUsage: 'raw_usage',
  NormUsage: 'norm_usage',
  EffectvUsage: 'effective_usage',
  FairShare: 'fairshare',
  LevelFS: 'level_fs',
};
const INTEGER = new Set(['raw_shares', 'raw_usage']);

export function parseSshare(text: string, ctx: ParseContext): ParseResult {
  const problems: Problem[] = [];
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  const at = lines.findIndex((l) => l.trim());
  if (at < 0) return { points: [], problems };
  const header = lines[at]!.split('|');
  const acc = header.indexOf('Account');
  const usr = header.indexOf('User');
  if (acc < 0)
    return {
      points: [],
      problems: [
        {
          line: at + 1,
          text: lines[at]!,
          reason: 'no sshare header with Account (use --parsable2 without --noheader)',
        },
      ],
    };
  const points: Point[] = [];
  for (let i = at + 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line.trim()) continue;
    const cells = line.split('|');
    if (cells.length !== header.length) {
      problems.push({ line: i + 1, text: line, reason: `expected ${header.length} columns, got ${cells.length}` });
      continue;
    }
    const rawAccount = cells[acc] ?? '';
    const fields: Point['fields'] = { level: int(rawAccount.length - rawAccount.trimStart().length) };
    header.forEach((h, c) => {
      const name = FIELDS[h];
      const v = cells[c] ?? '';
      if (!name || v === '' || !Number.isFinite(Number(v))) return; // `parent` shares and blanks are not numbers
      fields[name] = INTEGER.has(name) ? int(Number(v)) : Number(v);
    });
    const user = usr >= 0 ? cells[usr] : undefined;
    points.push({
      measurement: 'slurm_fairshare',
      tags: { ...ctx.tags, account: rawAccount.trim(), user: user || undefined },
      fields,
      time: ctx.now,
    });
  }
  return { points, problems };
}

export const sshareParser: Parser = {
  name: 'sshare',
  command: commandLine(...COMMANDS.sshare),
  description: 'fairshare per account and user: shares, usage, effective usage, fairshare factor (parsable2 text)',
  parse: parseSshare,
};
