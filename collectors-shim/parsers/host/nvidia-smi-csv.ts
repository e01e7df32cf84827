// `nvidia-smi --query-gpu=… --format=csv` into Telegraf's `nvidia_smi`. Read by header, so any field list of
// any driver works: numbers become fields named like Telegraf's (dots → underscores, unit dropped).
import type { Point } from '../../../functions/_lib/line-protocol.ts';
import type { ParseContext, ParseResult, Parser, Problem } from '../types.ts';
import { emptyResult, lines, num, point, problem } from './util.ts';

/** The fields the collector asks for; any other list parses the same way. */
export const GPU_QUERY_FIELDS = [
  'index',
  'uuid',
  'name',
  'pstate',
  'compute_mode',
  'driver_version',
  'vbios_version',
  'serial',
  'pci.bus_id',
  'fan.speed',
  'memory.total',
  'memory.reserved',
  'memory.used',
  'memory.free',
  'utilization.gpu',
  'utilization.memory',
  'utilization.encoder',
  'utilization.decoder',
  'temperature.gpu',
  'temperature.memory',
  'power.draw',
  'power.limit',
  'enforced.power.limit',
  'clocks.current.graphics',
  'clocks.current.sm',
  'clocks.current.memory',
  'clocks.current.video',
  'clocks.max.graphics',
  'clocks.max.sm',
  'clocks.max.memory',
  'pcie.link.gen.current',
  'pcie.link.width.current',
  'encoder.stats.sessionCount',
  'encoder.stats.averageFps',
  'encoder.stats.averageLatency',
  'ecc.errors.corrected.volatile.total',
  'ecc.errors.uncorrected.volatile.total',
  'ecc.errors.corrected.aggregate.total',
  'ecc.errors.uncorrected.aggregate.total',
  'remapped_rows.correctable',
  'remapped_rows.uncorrectable',
  'remapped_rows.pending',
  'remapped_rows.failure',
  'mig.mode.current',
  'mig.mode.pending',
  'persistence_mode',
  'ecc.mode.current',
  'clocks_event_reasons.active',
];

/** Telegraf's nvidia_smi tags; all are bounded (a handful of values per GPU). */
const TAGS: Record<string, string> = {
  index: 'index',
  uuid: 'uuid',
  name: 'name',
  pstate: 'pstate',
  compute_mode: 'compute_mode',
};

/** Text cells worth keeping as string fields; other text (hex masks, deprecation notes) is dropped. */
const STRINGS = new Set([
  'driver_version',
  'vbios_version',
  'serial',
  'pci.bus_id',
  'compute_cap',
  'persistence_mode',
  'mig.mode.current',
  'mig.mode.pending',
  'ecc.mode.current',
  'ecc.mode.pending',
  'display_active',
  'display_mode',
  'remapped_rows.pending',
  'remapped_rows.failure',
  'clocks_event_reasons.active',
  'gpu_recovery_action',
  'fabric.state',
  'fabric.status',
]);

/** Units whose values carry decimals; every other numeric column is a whole count (MiB, MHz, us, °C, errors). */
const FLOAT_UNITS = new Set(['W', '%']);
/** The same columns by name, for `--format=csv,nounits`, so a field is a float with or without units. */
const FLOAT_KEYS = /^(power\.|enforced\.power|module\.power|utilization\.|fan\.speed|edpp_multiplier)/;

interface Column {
  key: string;
  field: string;
  unit: string | undefined;
}

function readHeader(text: string): Column[] {
  return text.split(',').map((h) => {
    const m = /^\s*(.*?)\s*(?:\[([^\]]*)\])?\s*$/.exec(h);
    const key = m?.[1] ?? h.trim();
    return { key, field: key.replace(/\./g, '_'), unit: m?.[2] };
  });
}

/** `[N/A]`, `[Not Supported]`, `N/A`, empty: nothing to report for this cell. */
const isMissing = (v: string): boolean => v === '' || v === 'N/A' || /^\[.*\]$/.test(v);

function cellValue(col: Column, raw: string): { value?: number | string | { int: number }; bad?: boolean } {
  const v = raw.trim();
  if (isMissing(v)) return {};
  if (STRINGS.has(col.key)) return { value: v };
  const stripped = col.unit && v.endsWith(` ${col.unit}`) ? v.slice(0, -col.unit.length - 1) : v;
  const n = num(stripped);
  if (n === undefined) return col.unit ? { bad: true } : {};
  if ((col.unit && FLOAT_UNITS.has(col.unit)) || FLOAT_KEYS.test(col.key)) return { value: n };
  // A count column's type must never flip to float; unit-less decimals are versions (inforom.oem 2.1), not data.
  if (!Number.isInteger(n)) return col.unit ? { bad: true } : {};
  return { value: { int: n } };
}

export function parseNvidiaSmiCsv(text: string, ctx: ParseContext): ParseResult {
  const ls = lines(text);
  const first = ls[0];
  if (!first) return emptyResult('GPU');
  const points: Point[] = [];
  const problems: Problem[] = [];
  if (!/(^|,)\s*(index|uuid|name|pci\.bus_id)\s*(,|$)/.test(first.text))
    return {
      points,
      problems: [problem(first.no, first.text, 'no nvidia-smi CSV header (expected index, uuid or name)')],
    };
  const cols = readHeader(first.text);
  for (const l of ls.slice(1)) {
    const cells = l.text.split(',');
    if (cells.length !== cols.length) {
      problems.push(problem(l.no, l.text, `expected ${cols.length} cells, found ${cells.length}`));
      continue;
    }
    const tags: Record<string, string> = {};
    const fields: Point['fields'] = {};
    cols.forEach((col, i) => {
      const raw = (cells[i] ?? '').trim();
      const tag = TAGS[col.key];
      if (tag) return void (isMissing(raw) || (tags[tag] = raw));
      const { value, bad } = cellValue(col, raw);
      if (bad) problems.push(problem(l.no, raw, `column "${col.key}": not a number in ${col.unit}`));
      else if (value !== undefined) fields[col.field] = value;
    });
    if (Object.keys(fields).length === 0) problems.push(problem(l.no, l.text, 'no readable value on this row'));
    else points.push(point('nvidia_smi', ctx, tags, fields));
  }
  return { points, problems };
}

export const nvidiaSmiCsvParser: Parser = {
  name: 'nvidia-smi-csv',
  command: `nvidia-smi --query-gpu=${GPU_QUERY_FIELDS.join(',')} --format=csv`,
  description: 'GPU usage, memory, power, clocks, ECC and MIG mode, one point per GPU (any --query-gpu field list)',
  parse: parseNvidiaSmiCsv,
};
