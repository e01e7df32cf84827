import { describe, expect, it } from 'vitest';
import { encodePoints } from '../../../functions/_lib/line-protocol.ts';
import { readSacctText, sacctParser } from './sacct.ts';
import { NASTY_NAME_SACCT, captured, ctx, fixture, intOf } from './test-fixtures.ts';

const parse = (text = captured('sacct')) => sacctParser.parse(text, ctx);
const job = (id: string, text?: string) => parse(text).points.find((p) => p.fields.job_id === id)!;

describe('sacct parser (--parsable2 with a header)', () => {
  it('reads one point per job, every state, steps folded into their job', () => {
    const r = parse();
    expect(r.problems).toEqual([]);
    expect(r.points).toHaveLength(13);
    expect(new Set(r.points.map((p) => p.tags?.state))).toEqual(
      new Set(['timeout', 'node_fail', 'completed', 'failed', 'out_of_memory', 'running', 'cancelled', 'pending']),
    );
    expect(job('5').fields).toMatchObject({
      state_detail: 'FAILED',
      exit_code: { int: 3 },
      signal: { int: 0 },
      user: 'root',
    });
    expect(job('6').fields).toMatchObject({
      state_detail: 'OUT_OF_MEMORY',
      signal: { int: 125 },
      req_mem_bytes: { int: 64 * 1024 * 1024 },
    });
    expect(job('8').fields.state_detail).toBe('CANCELLED by 0');
    expect(job('8').tags?.state).toBe('cancelled');
    expect(intOf(job('1').fields.max_rss_bytes)).toBeGreaterThan(100 * 1024); // from the 1.batch step (job rows have none)
    expect(intOf(job('1').fields.timelimit_s)).toBe(60);
    expect(intOf(job('10').fields.alloc_gpus)).toBe(1);
    expect(job('16_[1-4%1]').fields.job_id_raw).toEqual({ int: 16 });
  });

  it('keeps job ids, names and users out of tags, and gives every job its own timestamp', () => {
    const points = parse().points;
    for (const p of points)
      expect(Object.keys(p.tags ?? {}).sort()).toEqual([
        'account',
        'cluster',
        'host',
        'partition',
        'qos',
        'slot',
        'state',
      ]);
    expect(new Set(points.map((p) => p.time)).size).toBe(points.length);
    // A finished job's time is its end plus the id's sub-second offset, so a re-read lands on the same point.
    expect(job('5').time).toBe(new Date('2026-11-25T01:17:07').getTime() + 5);
  });

  it('writes a name with spaces, commas, quotes, =, a backslash and non-ASCII as one correct field', () => {
    const nasty = job('4');
    expect(nasty.fields).toMatchObject({ name: NASTY_NAME_SACCT, user: 'nomaduser' });
    const line = encodePoints([nasty]);
    expect(line.split('\n')).toHaveLength(1);
    expect(line).toContain('name="nasty job, `quoted` a=b \\\\ back ünïcødé 日本"');
  });

  it('joins a name that holds a newline', () => {
    expect(job('7').fields.name).toBe('line one\nline two');
  });

  it('reads the fields in any order and a `|` inside the name', () => {
    const [header, ...rows] = captured('sacct').split('\n');
    const cols = header!.split('|');
    const order = cols.map((_, i) => i).reverse();
    const shuffle = (l: string) => (l.includes('|') ? order.map((i) => l.split('|')[i]).join('|') : l);
    // Reversed: JobName comes first (the two-line job is left out: its second line has no columns to move).
    const text = [shuffle(header!), ...rows.filter((l) => l.split('|').length === cols.length).map(shuffle)].join('\n');
    const r = parse(text);
    expect(r.problems).toEqual([]);
    expect(r.points.find((p) => p.fields.job_id === '4')!.fields.name).toBe(NASTY_NAME_SACCT);
    const piped = captured('sacct').replace('|fails\n', '|fails | really\n');
    expect(job('5', piped).fields.name).toBe('fails | really');
  });

  it('reports a truncated row with its line and keeps the complete jobs', () => {
    const text = captured('sacct');
    const cut = text.slice(0, text.indexOf('\n6|') + 30);
    const r = parse(cut);
    expect(r.problems).toEqual([expect.objectContaining({ line: 12, reason: expect.stringContaining('truncated') })]);
    expect(r.points.map((p) => p.fields.job_id)).toEqual(['1', '2', '3', '4', '5']);
  });

  it('reports headerless output (sonar runs sacct -P --noheader) and reads empty output as no jobs', () => {
    const r = parse(fixture('sacct-P.sonar-fox-educloud.txt'));
    expect(r.points).toEqual([]);
    expect(r.problems).toEqual([
      expect.objectContaining({ line: 1, reason: expect.stringContaining('no sacct header') }),
    ]);
    expect(parse('')).toEqual({ points: [], problems: [] });
  });

  it('skips a job already sent, and its steps, leaving every other job as the full read has it', () => {
    const full = readSacctText(captured('sacct')).jobs;
    const sent = full.filter((j) => j.endMs !== undefined && j.idRaw % 2 === 1);
    expect(sent.length).toBeGreaterThan(2);
    const ends = new Map(sent.map((j) => [j.idRaw, j.endMs]));
    const r = readSacctText(captured('sacct'), { skip: (id, end) => ends.get(id) === end });
    expect(r.problems).toEqual([]);
    expect(r.jobs).toEqual(full.filter((j) => !sent.includes(j)));
    // A job whose end moved (re-read after a requeue) is not skipped.
    const moved = readSacctText(captured('sacct'), { skip: (id, end) => ends.get(id) === end + 1000 });
    expect(moved.jobs).toEqual(full);
  });
});
