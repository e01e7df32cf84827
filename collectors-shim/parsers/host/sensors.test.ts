import { describe, expect, it } from 'vitest';
import { sensorsParser } from './sensors.ts';
import { ctx, fixture } from './testing.ts';

const SERVER = 'sensors-A-u.telegraf-dual-socket-server.txt';
const CAPTURED = 'captured-host/sensors-A-u.lm-sensors-3.6.0-fake-hwmon.txt';

describe('sensors parser (sensors -A -u)', () => {
  it('reads a dual-socket server: one point per chip feature, Telegraf names', () => {
    const r = sensorsParser.parse(fixture(SERVER), ctx);
    expect(r.problems).toEqual([]);
    expect(r.points).toHaveLength(10);
    const pkg1 = r.points.find((p) => p.tags?.chip === 'coretemp-isa-0001' && p.tags.feature === 'physical_id_1');
    expect(pkg1?.fields).toEqual({ temp_input: 70, temp_max: 82, temp_crit: 92, temp_crit_alarm: 0 });
    expect(pkg1?.measurement).toBe('sensors');
    const power = r.points.find((p) => p.tags?.chip === 'power_meter-acpi-0');
    expect(power?.fields).toEqual({ power_average: 0, power_average_interval: 300 });
    // A feature label with a leading space and a sign ("+3.3 Voltage") stays one tag.
    const v33 = r.points.find((p) => p.tags?.feature === '+3.3_voltage');
    expect(v33?.fields).toEqual({ in_input: 3.36, in_min: 2.97, in_max: 3.63 });
  });

  it('keeps the readable values when lm-sensors prints an ERROR line for one subfeature', () => {
    const r = sensorsParser.parse(fixture(CAPTURED), ctx);
    expect(r.problems).toEqual([
      {
        line: 11,
        text: "ERROR: Can't get value of subfeature temp2_input: Can't read",
        reason: 'lm-sensors could not read a value',
      },
    ]);
    expect(r.points).toHaveLength(5);
    expect(r.points.find((p) => p.tags?.feature === 'core_0')?.fields).toEqual({ temp_max: 80, temp_crit: 100 });
  });

  it('reports garbled and truncated output and keeps the rest', () => {
    const garbled = fixture(SERVER)
      .replace('  temp2_input: 75.000', '  temp2_input: 7#5.0')
      .replace('Core 1:\n', 'Core 1 no colon\n');
    const r = sensorsParser.parse(garbled, ctx);
    expect(r.problems.map((p) => p.reason)).toEqual([
      'not a number',
      'not a sensors -A -u line (chip, feature or "name: value")',
    ]);
    expect(r.points.length).toBeGreaterThanOrEqual(8);
    const cut = fixture(SERVER).slice(0, fixture(SERVER).indexOf('Core 1:'));
    expect(sensorsParser.parse(cut, ctx).points).toHaveLength(4);
  });

  it('reports empty output, "No sensors found!" and JSON input (another format) without throwing', () => {
    expect(sensorsParser.parse('', ctx).problems[0]?.reason).toContain('empty');
    const none = sensorsParser.parse(fixture('captured-host/sensors-j.debian12-vm-no-sensors.txt'), ctx);
    expect(none.points).toEqual([]);
    expect(none.problems.length).toBeGreaterThan(0);
    const json = sensorsParser.parse(fixture('captured-host/sensors-j.lm-sensors-3.6.0-fake-hwmon.json'), ctx);
    expect(json.points).toEqual([]);
    expect(json.problems.length).toBeGreaterThan(5);
  });
});
