import { describe, expect, it } from 'vitest';
import { fitGbm, predictGbm } from './gbm.ts';
import { rocAuc } from './metrics.ts';
import { fitLogistic, predictLogistic } from './scores.ts';

describe('fitGbm', () => {
  it('learns an interaction (XOR of two features) that a logistic model cannot', () => {
    const n = 2000;
    const x = new Float32Array(n * 2);
    const y: number[] = [];
    for (let i = 0; i < n; i++) {
      const a = ((i * 0.618034) % 1) - 0.5;
      const b = ((i * 0.414214) % 1) - 0.5;
      x[2 * i] = a;
      x[2 * i + 1] = b;
      y.push(a * b > 0 ? 1 : 0);
    }
    const rows = Array.from({ length: n }, (_, i) => i);
    const gbm = fitGbm(x, 2, y, rows);
    const lr = fitLogistic(x, 2, y, rows);
    const gAuc = rocAuc(
      rows.map((i) => predictGbm(gbm, x, 2, i)),
      y,
    );
    const lAuc = rocAuc(
      rows.map((i) => predictLogistic(lr, x, 2, i)),
      y,
    );
    expect(gAuc).toBeGreaterThan(0.95);
    expect(lAuc).toBeLessThan(0.6);
  });
});
