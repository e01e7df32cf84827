import { describe, expect, it } from 'vitest';
import { analyseTrend, earliestRoot } from './trend.ts';

const H = 3_600_000;
const series = (f: (h: number) => number, hours: number[]) =>
  hours.map((h) => ({ t: 1_700_000_000_000 + h * H, v: f(h) }));

describe('trend analysis', () => {
  it('finds the rate of a straight line and when it reaches the limit', () => {
    const r = analyseTrend(
      series((h) => 100 + 10 * h, [0, 1, 2, 3, 4]),
      200,
    )!;
    expect(r.linearRatePerHour).toBeCloseTo(10, 9);
    expect(r.ratePerHour).toBeCloseTo(10, 9);
    expect(r.accelPerHour2).toBeCloseTo(0, 9);
    expect(r.current).toBeCloseTo(140, 9);
    expect(r.hoursToLimitLinear).toBeCloseTo(6, 9);
    expect(r.hoursToLimitQuadratic).toBeCloseTo(6, 9);
  });

  it('sees acceleration: the quadratic projection is sooner than the straight line', () => {
    const r = analyseTrend(
      series((h) => 100 + 2 * h * h, [0, 1, 2, 3, 4, 5, 6]),
      300,
    )!;
    expect(r.accelPerHour2).toBeCloseTo(4, 6);
    expect(r.ratePerHour).toBeCloseTo(24, 6); // d/dh of 2h² at h = 6
    // 100 + 2h² = 300 at h = 10, 4 h after the last sample
    expect(r.hoursToLimitQuadratic).toBeCloseTo(4, 6);
    expect(r.hoursToLimitLinear!).toBeGreaterThan(4);
  });

  it('takes the first crossing when growth slows and the curve peaks above the limit', () => {
    // v = 100 + 40h - 2h²: peaks at h = 10 (v = 300); crosses 250 at h ≈ 5 and h ≈ 15.
    const r = analyseTrend(
      series((h) => 100 + 40 * h - 2 * h * h, [0, 1, 2, 3, 4]),
      250,
    )!;
    const expected = 10 - Math.sqrt(25) - 4; // root 5, measured from h = 4
    expect(r.hoursToLimitQuadratic).toBeCloseTo(expected, 6);
  });

  it('says never when slowing growth peaks below the limit', () => {
    const r = analyseTrend(
      series((h) => 100 + 40 * h - 2 * h * h, [0, 1, 2, 3, 4]),
      400,
    )!;
    expect(r.hoursToLimitQuadratic).toBeNull();
    expect(r.hoursToLimitLinear).not.toBeNull();
  });

  it('says never for a flat or shrinking series, and 0 when already at the limit', () => {
    expect(
      analyseTrend(
        series(() => 50, [0, 1, 2]),
        100,
      )!.hoursToLimitLinear,
    ).toBeNull();
    expect(
      analyseTrend(
        series((h) => 50 - h, [0, 1, 2]),
        100,
      )!.hoursToLimitQuadratic,
    ).toBeNull();
    expect(
      analyseTrend(
        series(() => 100, [0, 1, 2]),
        100,
      )!.hoursToLimitLinear,
    ).toBe(0);
  });

  it('ignores NaN and infinite samples and needs two distinct times', () => {
    const s = series((h) => 10 * h, [0, 1, 2]);
    s.push({ t: s[2]!.t + H, v: NaN }, { t: s[2]!.t + 2 * H, v: Infinity });
    expect(analyseTrend(s, 100)!.samples).toBe(3);
    expect(analyseTrend([{ t: 1, v: 1 }], 10)).toBeUndefined();
    expect(
      analyseTrend(
        [
          { t: 1, v: 1 },
          { t: 1, v: 2 },
        ],
        10,
      ),
    ).toBeUndefined();
  });

  it('earliestRoot picks the smallest non-negative root', () => {
    expect(earliestRoot(1, -5, 6 - 12)).toBeCloseTo(6, 9); // t² - 5t - 6 = 0 → t = 6 (and -1)
    expect(earliestRoot(0, 0, -1)).toBeNull();
    expect(earliestRoot(-1, 0, -1)).toBeNull();
  });
});
