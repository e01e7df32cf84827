import { describe, expect, it } from 'vitest';
import { sshareParser } from './sshare.ts';
import { captured, ctx, intOf } from './test-fixtures.ts';

describe('sshare parser', () => {
  it('reads account and user associations with their depth', () => {
    const r = sshareParser.parse(captured('sshare'), ctx);
    expect(r.problems).toEqual([]);
    expect(r.points.map((p) => [p.tags?.account, p.tags?.user, intOf(p.fields.level)])).toEqual([
      ['root', undefined, 0],
      ['root', 'root', 1],
      ['science', undefined, 1],
      ['science', 'nomaduser', 2],
      ['science', 'root', 2],
    ]);
    const nomad = r.points[3]!.fields;
    expect(nomad.norm_shares).toBe(0.5);
    expect(intOf(nomad.raw_usage)).toBeGreaterThan(0); // the capture waited for a decay pass
    expect(nomad.fairshare).toBeGreaterThan(0);
  });

  it('reports a garbled row, a missing header, and reads empty output as nothing', () => {
    const lines = captured('sshare').split('\n');
    lines.splice(2, 0, ' broken|row');
    const r = sshareParser.parse(lines.join('\n'), ctx);
    expect(r.problems).toEqual([expect.objectContaining({ line: 3 })]);
    expect(r.points).toHaveLength(5);
    expect(sshareParser.parse(lines.slice(1).join('\n'), ctx).problems[0]!.reason).toMatch(/header/);
    expect(sshareParser.parse('', ctx)).toEqual({ points: [], problems: [] });
  });
});
