// `nvidia-smi -q -x` into the same `nvidia_smi` fields the CSV parser makes, plus one `nvidia_smi_mig` point
// per MIG device. Both XML schemas seen in the wild (power_readings before driver 530, gpu_power_readings after).
import type { Point } from '../../../functions/_lib/line-protocol.ts';
import type { ParseContext, ParseResult, Parser, Problem } from '../types.ts';
import { emptyResult, num, point, problem } from './util.ts';
import { type XmlNode, child, parseXml, textOf } from './xml.ts';

/** `12 MiB`, `67.03 W`, `27 C`, `16x`, `0 %` → the number; `N/A` → undefined. */
const valueOf = (node: XmlNode | undefined, ...path: string[]): number | undefined =>
  num(textOf(node, ...path)?.replace(/\s*(MiB|W|C|MHz|%|x|KB\/s)$/, ''));
const intOf = (node: XmlNode | undefined, ...path: string[]) => {
  const n = valueOf(node, ...path);
  return n === undefined || !Number.isInteger(n) ? undefined : { int: n };
};
const strOf = (node: XmlNode | undefined, ...path: string[]) => {
  const s = textOf(node, ...path);
  return s && s !== 'N/A' ? s : undefined;
};

function gpuFields(gpu: XmlNode, log: XmlNode): Point['fields'] {
  const power = child(gpu, 'gpu_power_readings') ?? child(gpu, 'power_readings');
  return {
    driver_version: strOf(log, 'driver_version'),
    cuda_version: strOf(log, 'cuda_version'),
    vbios_version: strOf(gpu, 'vbios_version'),
    serial: strOf(gpu, 'serial'),
    pci_bus_id: gpu.attrs.id,
    persistence_mode: strOf(gpu, 'persistence_mode'),
    mig_mode_current: strOf(gpu, 'mig_mode', 'current_mig'),
    ecc_mode_current: strOf(gpu, 'ecc_mode', 'current_ecc'),
    fan_speed: valueOf(gpu, 'fan_speed'), // a percentage: float, as in the CSV parser
    memory_total: intOf(gpu, 'fb_memory_usage', 'total'),
    memory_reserved: intOf(gpu, 'fb_memory_usage', 'reserved'),
    memory_used: intOf(gpu, 'fb_memory_usage', 'used'),
    memory_free: intOf(gpu, 'fb_memory_usage', 'free'),
    utilization_gpu: valueOf(gpu, 'utilization', 'gpu_util'),
    utilization_memory: valueOf(gpu, 'utilization', 'memory_util'),
    utilization_encoder: valueOf(gpu, 'utilization', 'encoder_util'),
    utilization_decoder: valueOf(gpu, 'utilization', 'decoder_util'),
    temperature_gpu: intOf(gpu, 'temperature', 'gpu_temp'),
    temperature_memory: intOf(gpu, 'temperature', 'memory_temp'),
    power_draw: valueOf(power, 'power_draw'),
    power_limit: valueOf(power, 'current_power_limit') ?? valueOf(power, 'power_limit'),
    enforced_power_limit: valueOf(power, 'enforced_power_limit') ?? valueOf(power, 'current_power_limit'),
    clocks_current_graphics: intOf(gpu, 'clocks', 'graphics_clock'),
    clocks_current_sm: intOf(gpu, 'clocks', 'sm_clock'),
    clocks_current_memory: intOf(gpu, 'clocks', 'mem_clock'),
    clocks_current_video: intOf(gpu, 'clocks', 'video_clock'),
    clocks_max_graphics: intOf(gpu, 'max_clocks', 'graphics_clock'),
    clocks_max_sm: intOf(gpu, 'max_clocks', 'sm_clock'),
    clocks_max_memory: intOf(gpu, 'max_clocks', 'mem_clock'),
    pcie_link_gen_current: intOf(gpu, 'pci', 'pci_gpu_link_info', 'pcie_gen', 'current_link_gen'),
    pcie_link_width_current: intOf(gpu, 'pci', 'pci_gpu_link_info', 'link_widths', 'current_link_width'),
    encoder_stats_sessionCount: intOf(gpu, 'encoder_stats', 'session_count'),
    encoder_stats_averageFps: intOf(gpu, 'encoder_stats', 'average_fps'),
    encoder_stats_averageLatency: intOf(gpu, 'encoder_stats', 'average_latency'),
    processes: { int: child(gpu, 'processes')?.children.filter((c) => c.name === 'process_info').length ?? 0 },
  };
}

function migPoints(gpu: XmlNode, tags: Record<string, string | undefined>, ctx: ParseContext): Point[] {
  return (child(gpu, 'mig_devices')?.children ?? [])
    .filter((d) => d.name === 'mig_device')
    .map((d) =>
      point(
        'nvidia_smi_mig',
        ctx,
        {
          gpu_uuid: tags.uuid,
          gpu_index: tags.index,
          mig_index: strOf(d, 'index'),
          gpu_instance_id: strOf(d, 'gpu_instance_id'),
          compute_instance_id: strOf(d, 'compute_instance_id'),
        },
        {
          memory_total: intOf(d, 'fb_memory_usage', 'total'),
          memory_used: intOf(d, 'fb_memory_usage', 'used'),
          memory_free: intOf(d, 'fb_memory_usage', 'free'),
          multiprocessor_count: intOf(d, 'device_attributes', 'shared', 'multiprocessor_count'),
        },
      ),
    );
}

export function parseNvidiaSmiXml(text: string, ctx: ParseContext): ParseResult {
  if (!text.trim()) return emptyResult('GPU');
  const points: Point[] = [];
  const problems: Problem[] = [];
  const { root, error } = parseXml(text);
  if (error) problems.push(problem(error.line, '', `XML: ${error.reason}`));
  if (!root) return { points, problems };
  if (root.name !== 'nvidia_smi_log') {
    problems.push(problem(root.line, `<${root.name}>`, 'not nvidia-smi -q -x output (root is not <nvidia_smi_log>)'));
    return { points, problems };
  }
  root.children
    .filter((c) => c.name === 'gpu')
    .forEach((gpu, i) => {
      // A truncated document leaves its last GPU half read: skip it rather than report half its values.
      if (!gpu.closed)
        return void problems.push(problem(gpu.line, `<gpu id="${gpu.attrs.id ?? ''}">`, 'GPU element is truncated'));
      const tags = {
        index: String(i),
        uuid: strOf(gpu, 'uuid'),
        name: strOf(gpu, 'product_name'),
        pstate: strOf(gpu, 'performance_state'),
        compute_mode: strOf(gpu, 'compute_mode'),
      };
      points.push(point('nvidia_smi', ctx, tags, gpuFields(gpu, root)), ...migPoints(gpu, tags, ctx));
    });
  if (!root.children.some((c) => c.name === 'gpu')) problems.push(problem(root.line, '', 'no <gpu> element'));
  return { points, problems };
}

export const nvidiaSmiXmlParser: Parser = {
  name: 'nvidia-smi-xml',
  command: 'nvidia-smi -q -x',
  description: 'GPU usage, memory, power, clocks and processes, plus one point per MIG device',
  parse: parseNvidiaSmiXml,
};
