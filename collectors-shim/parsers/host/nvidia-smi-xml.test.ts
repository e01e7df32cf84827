import { describe, expect, it } from 'vitest';
import { nvidiaSmiCsvParser } from './nvidia-smi-csv.ts';
import { nvidiaSmiXmlParser } from './nvidia-smi-xml.ts';
import { ctx, fixture } from './testing.ts';

const A100 = 'nvidia-smi-q-x.telegraf-a100-sxm4-80gb.xml';
const T4 = 'nvidia-smi-q-x.telegraf-tesla-t4.xml';

describe('nvidia-smi-xml parser', () => {
  it('reads an A100 with MIG enabled: one GPU point and one point per MIG device', () => {
    const r = nvidiaSmiXmlParser.parse(fixture(A100), ctx);
    expect(r.problems).toEqual([]);
    const gpus = r.points.filter((p) => p.measurement === 'nvidia_smi');
    const migs = r.points.filter((p) => p.measurement === 'nvidia_smi_mig');
    expect(gpus).toHaveLength(1);
    expect(migs).toHaveLength(4);
    expect(gpus[0]!.tags).toMatchObject({
      index: '0',
      uuid: 'GPU-513536b6-7d19-9063-b049-1e69664bb298',
      name: 'NVIDIA A100-SXM4-80GB',
      pstate: 'P0',
    });
    expect(gpus[0]!.fields).toMatchObject({
      driver_version: '535.54.03',
      cuda_version: '12.2',
      mig_mode_current: 'Enabled',
      memory_total: { int: 81920 },
      memory_used: { int: 50 },
      temperature_gpu: { int: 27 },
      temperature_memory: { int: 44 },
      power_draw: 67.03,
      power_limit: 500,
      clocks_current_graphics: { int: 1275 },
      clocks_max_sm: { int: 1410 },
      pcie_link_width_current: { int: 16 },
      processes: { int: 0 },
    });
    expect(gpus[0]!.fields.utilization_gpu).toBeUndefined(); // N/A under MIG
    expect(migs.map((m) => m.tags?.gpu_instance_id)).toEqual(['3', '4', '5', '6']);
    expect(migs[0]!.fields).toMatchObject({
      memory_total: { int: 19968 },
      memory_used: { int: 12 },
      multiprocessor_count: { int: 14 },
    });
  });

  it('reads the older schema of a Tesla T4 (power_readings, two processes)', () => {
    const r = nvidiaSmiXmlParser.parse(fixture(T4), ctx);
    expect(r.problems).toEqual([]);
    expect(r.points).toHaveLength(1);
    expect(r.points[0]!.fields).toMatchObject({
      power_draw: 26.78,
      power_limit: 70,
      utilization_gpu: 0,
      temperature_gpu: { int: 40 },
      processes: { int: 2 },
    });
  });

  it('writes the same field types as the CSV parser for the fields both have', () => {
    const x = nvidiaSmiXmlParser.parse(fixture(T4), ctx).points[0]!.fields;
    const c = nvidiaSmiCsvParser.parse(
      fixture('nvidia-smi-query-gpu-csv.nvidia_gpu_exporter-h100-80gb-hbm3-load.csv'),
      ctx,
    ).points[0]!.fields;
    const kind = (v: unknown) => (typeof v === 'object' ? 'int' : typeof v);
    const shared = Object.keys(x).filter((k) => k in c && x[k] !== undefined);
    expect(shared.length).toBeGreaterThan(15);
    for (const k of shared) expect([k, kind(x[k])]).toEqual([k, kind(c[k])]);
  });

  it('reports truncated XML and keeps no half-read GPU', () => {
    const text = fixture(A100);
    const r = nvidiaSmiXmlParser.parse(text.slice(0, text.indexOf('<temperature>')), ctx);
    expect(r.points).toEqual([]);
    expect(r.problems.map((p) => p.reason)).toEqual([
      'XML: truncated: <gpu> is never closed',
      'GPU element is truncated',
    ]);
  });

  it('reports garbled XML, empty output and non-nvidia XML without throwing', () => {
    const garbled = fixture(T4).replace('</utilization>', '</utilisation>');
    expect(nvidiaSmiXmlParser.parse(garbled, ctx).problems[0]?.reason).toContain('unexpected </utilisation>');
    expect(nvidiaSmiXmlParser.parse('', ctx).problems[0]?.reason).toContain('empty');
    expect(nvidiaSmiXmlParser.parse(fixture('nvidia-smi-q.sonar-4x-rtx2080ti.txt'), ctx).points).toEqual([]);
    const other = fixture(T4).replaceAll('nvidia_smi_log', 'something_else');
    expect(nvidiaSmiXmlParser.parse(other, ctx).problems[0]?.reason).toContain('not nvidia-smi -q -x output');
  });
});
