import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBin } from '../helpers/cli.ts';

const csv = (rows: Array<[string | number, number | string]>, header = true) => {
  const file = join(mkdtempSync(join(tmpdir(), 'nomad-explain-')), 's.csv');
  writeFileSync(file, `${header ? 'time,value\n' : ''}${rows.map((r) => r.join(',')).join('\n')}\n`);
  return file;
};

describe('nomad alerts explain', () => {
  it('gives the derivatives, trend class and both projections as JSON, times as ISO 8601', () => {
    // v = 100 + 9h + h²: rate 17/h and acceleration 2/h² at h = 4; reaches 300 at h ≈ 10.34.
    const file = csv(
      [0, 1, 2, 3, 4].map((h) => [new Date(Date.UTC(2026, 0, 1, h)).toISOString(), 100 + 9 * h + h * h]),
    );
    const r = runBin('nomad', ['alerts', 'explain', '--series', file, '--limit', '300', '--json']);
    expect(r.code).toBe(0);
    const e = JSON.parse(r.stdout) as Record<string, number | string | null>;
    expect(Object.keys(e)).toEqual(
      expect.arrayContaining([
        'smoothed',
        'rate_per_hour',
        'accel_per_hour2',
        'trend',
        'hours_to_limit_linear',
        'hours_to_limit_quadratic',
      ]),
    );
    expect(e.smoothed).toBe(152);
    expect(e.rate_per_hour).toBeCloseTo(17, 6);
    expect(e.accel_per_hour2).toBeCloseTo(2, 6);
    expect(e.trend).toBe('growing_accelerating');
    expect(e.hours_to_limit_quadratic).toBeCloseTo((-9 + Math.sqrt(881)) / 2 - 4, 6);
    expect(e.hours_to_limit_linear as number).toBeGreaterThan(e.hours_to_limit_quadratic as number);
  });

  it('reads epoch seconds without a header, and says null when a slowing curve never reaches the limit', () => {
    const file = csv(
      [0, 1, 2, 3, 4].map((h) => [1_700_000_000 + h * 3600, 100 + 40 * h - 2 * h * h]),
      false,
    );
    const e = JSON.parse(
      runBin('nomad', ['alerts', 'explain', '--series', file, '--limit', '400', '--json']).stdout,
    ) as Record<string, unknown>;
    expect(e.trend).toBe('growing_decelerating');
    expect(e.hours_to_limit_quadratic).toBeNull();
    expect(e.hours_to_limit_linear).not.toBeNull();
  });

  it('reports bad rows with their line and keeps the rest; fails clearly on bad options', () => {
    const file = csv([
      ['2026-01-01T00:00:00Z', 1],
      ['yesterday', 2],
      ['2026-01-01T01:00:00Z', 'NaN'],
      ['2026-01-01T02:00:00Z', 3],
    ]);
    const r = runBin('nomad', ['alerts', 'explain', '--series', file, '--limit', '10']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`${file}:3: "yesterday" is not ISO 8601 or epoch seconds`);
    expect(r.stderr).toContain(`${file}:4: "NaN" is not a finite number`);
    expect(r.stdout).toMatch(/samples\s+2 over 2\.00 h/);
    expect(runBin('nomad', ['alerts', 'explain', '--series', file]).stderr).toMatch(/--limit: "" is not a number/);
    expect(
      runBin('nomad', ['alerts', 'explain', '--series', file, '--limit', '1', '--smoothing', 'median']).stderr,
    ).toMatch(/--smoothing/);
    const one = csv([['2026-01-01T00:00:00Z', 1]]);
    expect(runBin('nomad', ['alerts', 'explain', '--series', one, '--limit', '1']).stderr).toMatch(
      /need at least two samples/,
    );
  });
});
