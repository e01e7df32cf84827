import { describe, expect, it } from 'vitest';
import { emptyJob } from './record.ts';
import { applyIsotonic, fitIsotonic, fitLogistic, healthScore, predictLogistic } from './scores.ts';

describe('healthScore', () => {
  it('weighs CPU, memory and time use; a missing component drops out', () => {
    const job = emptyJob('1', 'u', 0, 'COMPLETED');
    Object.assign(job, { start: 0, end: 1000, alloc_cpus: 4, used_cpu_s: 2000, req_mem_mb: 100, used_mem_mb: 25 });
    Object.assign(job, { req_time_s: 4000 });
    const h = healthScore(job);
    expect(h).toMatchObject({ cpu: 0.5, memory: 0.25, time: 0.5 });
    expect(h.score).toBeCloseTo(0.4 * 0.5 + 0.3 * 0.25 + 0.3 * 0.5, 12);
    job.used_mem_mb = null;
    expect(healthScore(job).score).toBeCloseTo((0.4 * 0.5 + 0.3 * 0.5) / 0.7, 12);
    expect(healthScore(emptyJob('2', 'u', 0, 'CANCELLED')).score).toBeNull();
  });
});

describe('isotonic calibration', () => {
  it('pools violators into a monotone map of observed rates', () => {
    const iso = fitIsotonic([0.1, 0.2, 0.3, 0.4], [0, 1, 0, 1]);
    expect(iso.y).toEqual([0, 0.5, 1]);
    expect(applyIsotonic(iso, 0)).toBe(0);
    expect(applyIsotonic(iso, 1)).toBe(1);
    expect(applyIsotonic(iso, 0.25)).toBe(0.5);
  });
});

describe('fitLogistic', () => {
  it('learns a positive weight for a separating feature', () => {
    const x = Float32Array.from([-2, -1, -0.5, 0.5, 1, 2]);
    const y = [0, 0, 0, 1, 1, 1];
    const m = fitLogistic(x, 1, y, [0, 1, 2, 3, 4, 5]);
    expect(m.w[0]).toBeGreaterThan(1);
    expect(predictLogistic(m, x, 1, 5)).toBeGreaterThan(0.9);
    expect(predictLogistic(m, x, 1, 0)).toBeLessThan(0.1);
  });
});
