import { describe, expect, it } from 'vitest';
import { encodePoints } from '../../../functions/_lib/line-protocol.ts';
import { nvidiaSmiCsvParser } from './nvidia-smi-csv.ts';
import { ctx, fixture } from './testing.ts';

const H100_LOAD = 'nvidia-smi-query-gpu-csv.nvidia_gpu_exporter-h100-80gb-hbm3-load.csv';
const L40S = 'nvidia-smi-query-gpu-csv.nvidia_gpu_exporter-l40s-idle.csv';

describe('nvidia-smi-csv parser', () => {
  it('reads an H100 under load by header, units stripped', () => {
    const r = nvidiaSmiCsvParser.parse(fixture(H100_LOAD), ctx);
    expect(r.problems).toEqual([]);
    expect(r.points).toHaveLength(1);
    const p = r.points[0]!;
    expect(p.measurement).toBe('nvidia_smi');
    expect(p.tags).toMatchObject({
      host: 'h1',
      index: '0',
      name: 'NVIDIA H100 80GB HBM3',
      pstate: 'P0',
      compute_mode: 'Default',
    });
    expect(p.fields).toMatchObject({
      memory_total: { int: 81559 },
      memory_used: { int: 19818 },
      memory_free: { int: 61263 },
      utilization_gpu: 100,
      utilization_memory: 11,
      temperature_gpu: { int: 59 },
      power_draw: 631.95,
      power_limit: 700,
      clocks_current_sm: { int: 1980 },
      driver_version: '590.48.01',
      mig_mode_current: 'Disabled',
    });
    expect(p.time).toBe(ctx.now);
  });

  it('skips [N/A], N/A, hex and deprecation cells instead of writing them', () => {
    const p = nvidiaSmiCsvParser.parse(fixture(H100_LOAD), ctx).points[0]!;
    expect(p.fields).not.toHaveProperty('vgpu_driver_capability_heterogenous_multivGPU'); // [N/A]
    expect(p.fields).not.toHaveProperty('fabric_health_summary'); // N/A
    expect(p.fields).not.toHaveProperty('pci_domain'); // 0x0000 is not a decimal
    expect(p.fields).not.toHaveProperty('display_mode'); // [Requested functionality has been deprecated]
    expect(p.fields).not.toHaveProperty('inforom_oem'); // a version, not a measurement
    expect(encodePoints([p])).not.toMatch(/N\/A|\[/);
  });

  it('reads another driver with another field list (L40S, 595.80) the same way', () => {
    const r = nvidiaSmiCsvParser.parse(fixture(L40S), ctx);
    expect(r.problems).toEqual([]);
    const p = r.points[0]!;
    expect(p.tags?.name).toBe('NVIDIA L40S');
    expect(p.fields).toMatchObject({ memory_total: { int: 46068 }, power_draw: 144.97, temperature_gpu: { int: 63 } });
    expect(p.fields).toHaveProperty('remapped_rows_correctable_inactive'); // only this driver has it
    expect(p.fields).not.toHaveProperty('temperature_memory'); // N/A on this card
    expect(p.fields).not.toHaveProperty('mig_mode_current'); // not in this field list
  });

  it('keeps every numeric field the same type for both drivers (no InfluxDB field-type conflicts)', () => {
    const a = nvidiaSmiCsvParser.parse(fixture(H100_LOAD), ctx).points[0]!.fields;
    const b = nvidiaSmiCsvParser.parse(fixture(L40S), ctx).points[0]!.fields;
    const kind = (v: unknown) => (typeof v === 'object' ? 'int' : typeof v);
    for (const k of Object.keys(a)) if (k in b) expect([k, kind(b[k])]).toEqual([k, kind(a[k])]);
  });

  it('reads `--format=csv,nounits` (no units in header or cells) into the same point', () => {
    // Derived from the real output: nounits drops the `[unit]` of each header and the unit after each value.
    const [header, row] = fixture(H100_LOAD).split('\n');
    const units = header!.split(', ').map((h) => /\[(.*)\]$/.exec(h)?.[1]);
    const bare = [
      header!.replace(/ \[[^\]]*\]/g, ''),
      row!
        .split(', ')
        .map((v, i) => (units[i] && v.endsWith(` ${units[i]}`) ? v.slice(0, -units[i]!.length - 1) : v))
        .join(', '),
    ].join('\n');
    const r = nvidiaSmiCsvParser.parse(bare, ctx);
    expect(r.problems).toEqual([]);
    expect(r.points).toEqual(nvidiaSmiCsvParser.parse(fixture(H100_LOAD), ctx).points);
  });

  it('reports a truncated row and keeps the other GPUs', () => {
    const [header, row] = fixture(H100_LOAD).split('\n');
    const text = [header, row, row!.slice(0, 200), row!.replace('GPU-00000000', 'GPU-11111111')].join('\n');
    const r = nvidiaSmiCsvParser.parse(text, ctx);
    expect(r.points).toHaveLength(2);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ line: 3, reason: expect.stringMatching(/^expected 212 cells, found \d+$/) });
  });

  it('reports a garbled unit value with its column', () => {
    const text = fixture(H100_LOAD).replace('631.95 W, 631.95 W', 'lots W, 631.95 W');
    const r = nvidiaSmiCsvParser.parse(text, ctx);
    expect(r.points).toHaveLength(1);
    expect(r.points[0]!.fields).not.toHaveProperty('power_draw');
    expect(r.problems).toEqual([{ line: 2, text: 'lots W', reason: 'column "power.draw": not a number in W' }]);
  });

  it('reports empty output, a missing header and other output (nvidia-smi -q text) without throwing', () => {
    expect(nvidiaSmiCsvParser.parse('', ctx)).toEqual({
      points: [],
      problems: [expect.objectContaining({ reason: expect.stringContaining('empty') })],
    });
    const noHeader = fixture(H100_LOAD).split('\n').slice(1).join('\n');
    expect(nvidiaSmiCsvParser.parse(noHeader, ctx).problems[0]?.reason).toContain('no nvidia-smi CSV header');
    const text = nvidiaSmiCsvParser.parse(fixture('nvidia-smi-q.sonar-4x-rtx2080ti.txt'), ctx);
    expect(text.points).toEqual([]);
    expect(text.problems.length).toBeGreaterThan(0);
  });
});
