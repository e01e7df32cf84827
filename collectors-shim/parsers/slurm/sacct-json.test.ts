import { describe, expect, it } from 'vitest';
import { sacctJsonParser } from './sacct-json.ts';
import { sacctParser } from './sacct.ts';
import { NASTY_NAME_SACCT, captured, ctx, fixture, intOf, truncate } from './test-fixtures.ts';

const parse = (text: string) => sacctJsonParser.parse(text, ctx);

describe('sacct-json parser', () => {
  it('reads 22.05 captured jobs like the text of the same moment', () => {
    const r = parse(captured('sacct-json'));
    expect(r.problems).toEqual([]);
    const text = sacctParser.parse(captured('sacct'), ctx).points;
    const key = (p: (typeof text)[number]) => [
      p.fields.job_id_raw,
      p.tags?.state,
      p.fields.name,
      p.fields.user,
      p.tags?.partition,
    ];
    expect(r.points.map(key)).toEqual(text.map(key));
    const oom = r.points.find((p) => p.fields.job_id === '6')!;
    expect(oom.fields).toMatchObject({ signal: { int: 125 }, req_mem_bytes: { int: 64 * 1024 * 1024 } });
    expect(r.points.find((p) => p.fields.job_id === '4')!.fields.name).toBe(NASTY_NAME_SACCT);
    expect(r.points.find((p) => p.fields.job_id === '7')!.fields.name).toBe('line one\nline two');
    // 22.05's JSON says SUCCESS/0 for the job that exited 3 (the text says 3:0): no exit code beats a wrong one.
    expect(r.points.find((p) => p.fields.job_id === '5')!.fields).toMatchObject({
      state_detail: 'FAILED',
      exit_code: undefined,
    });
    // 22.05 leaves the job's own CPU time at 0: it comes from the steps.
    expect(r.points.find((p) => p.fields.job_id === '6')!.fields.total_cpu_s).toBeGreaterThan(0);
  });

  it('reads a 22.05.9 array task with GPUs and limits (narval)', () => {
    const [p] = parse(fixture('sacct-json.sarc-slurm-22.05.9-narval.json')).points;
    expect(p!.fields).toMatchObject({
      job_id: '20247445_100',
      state_detail: 'FAILED',
      user: 'hudson',
      node_list: 'ng[30103,30203,30706-30707]',
    });
    expect([p!.fields.alloc_gpus, p!.fields.alloc_cpus, p!.fields.timelimit_s, p!.fields.elapsed_s].map(intOf)).toEqual(
      [16, 96, 172800, 124403],
    );
    expect(p!.time).toBe(1693865044000 + (20247445 % 1000));
  });

  it('reads 23.11 where the state is a list and numbers are {set, infinite, number} (mila)', () => {
    const r = parse(fixture('sacct-json.sarc-slurm-23.11.5-mila.json'));
    expect(r.problems).toEqual([]);
    const p = r.points[0]!;
    expect(p.tags?.state).toBe('running');
    expect([p.fields.exit_code, p.fields.timelimit_s, p.fields.alloc_gpus].map(intOf)).toEqual([0, 432000, 2]);
    expect(p.fields.end_time).toBeUndefined();
    expect(p.time).toBe(Math.floor(ctx.now / 1000) * 1000 + 4); // running: now, with the id's offset
  });

  it('reports truncated, empty and foreign JSON, and a broken job without losing the others', () => {
    const t = parse(truncate(captured('sacct-json')));
    expect(t.points).toEqual([]);
    expect(t.problems[0]!.line).toBeGreaterThan(1);
    expect(parse('').problems[0]!.reason).toBe('empty output');
    expect(parse(fixture('sdiag-json.rivosinc-slurm-24.05.5.json')).problems[0]!.reason).toMatch(/no "jobs"/);
    const doc = JSON.parse(captured('sacct-json'));
    delete doc.jobs[2].state;
    const r = parse(JSON.stringify(doc));
    expect(r.problems).toEqual([expect.objectContaining({ text: 'jobs[2]' })]);
    expect(r.points).toHaveLength(12);
  });
});
