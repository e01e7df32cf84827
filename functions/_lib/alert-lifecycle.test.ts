import { describe, expect, it } from 'vitest';
import { type Observation, decide } from './alert-lifecycle.ts';
import type { AlertState } from './alert-state.ts';

const base = { id: 'a1', rule: 'r', tags: { path: '/' }, series: 'disk' };
const firing = (severity: 'info' | 'warning' | 'critical'): Observation => ({
  state: 'firing',
  severity,
  value: 1,
  limit: 0,
  message: 'm',
});
const ok: Observation = { state: 'ok', message: 'fine' };
const H = 3_600_000;

function run(steps: Array<[number, Observation]>, cooldown = H): Array<string | undefined> {
  let prev: AlertState | undefined;
  return steps.map(([t, obs]) => {
    const d = decide(prev, obs, base, t, cooldown);
    if (d.next) prev = d.next;
    return d.notice;
  });
}

describe('alert lifecycle', () => {
  it('notifies once when firing starts, stays quiet while it holds, and notifies the resolution', () => {
    expect(
      run([
        [0, firing('warning')],
        [60_000, firing('warning')],
        [120_000, ok],
        [180_000, ok],
      ]),
    ).toEqual(['firing', undefined, 'resolved', undefined]);
  });

  it('escalates when the severity worsens, records a drop quietly, and escalates again on a rise', () => {
    expect(
      run([
        [0, firing('warning')],
        [1, firing('critical')],
        [2, firing('warning')],
        [3, firing('critical')],
      ]),
    ).toEqual(['firing', 'escalated', undefined, 'escalated']);
  });

  it('reminds after the cooldown while unacknowledged, never while acknowledged', () => {
    expect(
      run([
        [0, firing('warning')],
        [H - 1, firing('warning')],
        [H, firing('warning')],
        [H + 1, firing('warning')],
      ]),
    ).toEqual(['firing', undefined, 'reminder', undefined]);
    let prev = decide(undefined, firing('warning'), base, 0, H).next!;
    prev = { ...prev, state: 'acknowledged', ackBy: 'cli' };
    expect(decide(prev, firing('warning'), base, 5 * H, H).notice).toBeUndefined();
    expect(decide(prev, firing('critical'), base, 5 * H, H)).toMatchObject({
      notice: 'escalated',
      next: { state: 'firing' },
    });
    expect(decide(prev, ok, base, 5 * H, H).notice).toBe('resolved');
  });

  it('does not storm on a flapping series: a re-fire within the cooldown waits for the reminder', () => {
    const steps: Array<[number, Observation]> = [];
    for (let i = 0; i < 20; i++) steps.push([i * 60_000, i % 2 ? ok : firing('warning')]);
    const notices = run(steps).filter(Boolean);
    expect(notices).toEqual(['firing', 'resolved']);
    // Still flapping past the cooldown: the held-back firing is announced once, as a firing.
    expect(run([...steps, [2 * H + 1, firing('warning')], [2 * H + 2, firing('warning')]]).filter(Boolean)).toEqual([
      'firing',
      'resolved',
      'firing',
    ]);
  });

  it('ignores unknown verdicts (gaps): no transition either way', () => {
    expect(
      run([
        [0, firing('warning')],
        [1, { state: 'unknown' }],
        [2, firing('warning')],
      ]),
    ).toEqual(['firing', undefined, undefined]);
  });
});
