import { describe, expect, it } from 'vitest';
import { onPath } from './host-util.ts';
import { sensorsCollector } from './host-sensors.ts';
import { realContext } from './host-testing.ts';

describe('sensors collector', () => {
  it('on this VM (lm-sensors installed, no sensors): no points, a problem, no error', async () => {
    expect(onPath('sensors'), 'lm-sensors is installed by scripts/setup.sh --test').toBe(true);
    const r = await sensorsCollector({ command: 'sensors', format: 'json' }).collect(realContext());
    expect(r.error).toBeUndefined();
    expect(r.points).toEqual([]);
    expect(r.problems).toEqual([
      { line: 0, text: 'No sensors found!', reason: 'this machine exposes no hardware sensors' },
    ]);
  });

  it('degrades to an error when the command is missing', async () => {
    const r = await sensorsCollector({ command: 'nomad-no-such-sensors', format: 'text' }).collect(realContext());
    expect(r.points).toEqual([]);
    expect(r.error).toContain('ENOENT');
  });
});
