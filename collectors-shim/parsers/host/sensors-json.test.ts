import { describe, expect, it } from 'vitest';
import { sensorsParser } from './sensors.ts';
import { sensorsJsonParser } from './sensors-json.ts';
import { ctx, fixture } from './testing.ts';

const CLEAN = 'captured-host/sensors-j.lm-sensors-3.6.0-fake-hwmon.json';
const MIXED = 'captured-host/sensors-j-2and1.lm-sensors-3.6.0-fake-hwmon.txt';

describe('sensors-json parser (sensors -j)', () => {
  it('reads real lm-sensors 3.6.0 JSON into the same points as the text form', () => {
    const r = sensorsJsonParser.parse(fixture(CLEAN), ctx);
    expect(r.problems).toEqual([]);
    expect(r.points).toHaveLength(5);
    expect(r.points.find((p) => p.tags?.feature === 'package_id_0')?.fields).toEqual({
      temp_input: 45,
      temp_max: 80,
      temp_crit: 100,
      temp_crit_alarm: 0,
    });
    expect(r.points.find((p) => p.tags?.chip === 'acpitz-virtual-0')?.fields).toEqual({
      temp_input: 27.8,
      temp_crit: 105,
    });
    const text = sensorsParser.parse(fixture('captured-host/sensors-A-u.lm-sensors-3.6.0-fake-hwmon.txt'), ctx).points;
    expect(r.points).toEqual(text);
  });

  it("tolerates lm-sensors' ERROR line inside its JSON (stdout and stderr captured together)", () => {
    const r = sensorsJsonParser.parse(fixture(MIXED), ctx);
    expect(r.problems).toEqual([
      {
        line: 15,
        text: "ERROR: Can't get value of subfeature temp2_input: Can't read",
        reason: 'lm-sensors message inside its JSON',
      },
    ]);
    expect(r.points).toEqual(sensorsJsonParser.parse(fixture(CLEAN), ctx).points);
  });

  it('keeps the complete features of truncated JSON and says it was cut', () => {
    const text = fixture(CLEAN);
    const r = sensorsJsonParser.parse(text.slice(0, text.indexOf('"Core 1"')), ctx);
    expect(r.points.map((p) => p.tags?.feature)).toEqual(['fan1', 'package_id_0', 'core_0']);
    expect(r.problems.map((p) => p.reason)).toEqual([
      expect.stringContaining('invalid JSON'),
      expect.stringContaining('truncated'),
    ]);
  });

  it('reports a garbled line and keeps the others', () => {
    const r = sensorsJsonParser.parse(fixture(CLEAN).replace('"temp3_max": 80.000', '"temp3_max": 8?0'), ctx);
    expect(r.problems.map((p) => p.reason)).toEqual([expect.stringContaining('invalid JSON'), 'not a sensors -j line']);
    expect(r.points).toHaveLength(5);
  });

  it('reports "No sensors found!" (this VM), empty output and text output (another format)', () => {
    const none = sensorsJsonParser.parse(fixture('captured-host/sensors-j.debian12-vm-no-sensors.txt'), ctx);
    expect(none.points).toEqual([]);
    expect(none.problems[0]).toEqual({
      line: 1,
      text: 'No sensors found!',
      reason: 'lm-sensors message inside its JSON',
    });
    expect(sensorsJsonParser.parse('', ctx).problems[0]?.reason).toContain('empty');
    const text = sensorsJsonParser.parse(fixture('sensors-A-u.telegraf-dual-socket-server.txt'), ctx);
    expect(text.points).toEqual([]);
    expect(text.problems.length).toBeGreaterThan(1);
  });
});
