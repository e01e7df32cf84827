import { Cron } from 'croner';
import { describe, expect, it } from 'vitest';
import { cronForInterval } from './cron-interval.ts';

describe('cronForInterval', () => {
  it('maps intervals that divide a minute, hour or day to patterns whose runs are that far apart', () => {
    for (const s of [1, 5, 15, 30, 60, 120, 300, 900, 3600, 7200, 21600, 86400]) {
      const pattern = cronForInterval(s * 1000)!;
      const runs = new Cron(pattern).nextRuns(3, new Date(Date.UTC(2026, 0, 1, 0, 0, 0, 500)));
      expect(runs[1]!.getTime() - runs[0]!.getTime()).toBe(s * 1000);
      expect(runs[2]!.getTime() - runs[1]!.getTime()).toBe(s * 1000);
    }
  });

  it('leaves intervals that do not divide evenly to the caller', () => {
    expect(cronForInterval(7000)).toBeUndefined();
    expect(cronForInterval(90_000)).toBeUndefined();
  });
});
