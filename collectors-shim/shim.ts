// The shim: each collector on its own interval and timeout, failing alone, its health written as a point.
import { hostname } from 'node:os';
import { join } from 'node:path';
import { Cron } from 'croner';
import type { Config } from '../functions/_lib/config.ts';
import type { Logger } from '../functions/_lib/deps.ts';
import { cronForInterval } from '../functions/_lib/cron-interval.ts';
import { int } from '../functions/_lib/line-protocol.ts';
import { diskCollector } from './collectors/disk.ts';
import { hookForwarder } from './hook-forwarder.ts';
import type { CollectorEntry } from './collectors/entry.ts';
import { hostEntries } from './collectors/host-entries.ts';
import { slurmEntries } from './collectors/slurm-entries.ts';
import type { CollectResult } from './collectors/types.ts';
import type { Exec } from './exec.ts';
import type { BatchWriter } from './writer.ts';

export const COLLECTOR_MEASUREMENT = 'nomad_collector';
export const SPOOL_MEASUREMENT = 'nomad_spool';

export interface ShimDeps {
  config: () => Config;
  writer: BatchWriter;
  exec: Exec;
  log: Logger;
  now: () => number;
  host?: string;
}

/** Every collector the shim knows, in the order they are listed. */
export const collectorEntries: CollectorEntry[] = [
  {
    name: 'disk',
    settings: (c) => c.collectors.disk,
    build: (c) =>
      diskCollector({
        includePaths: c.collectors.disk.include_paths,
        excludeFstypes: c.collectors.disk.exclude_fstypes,
      }),
  },
  {
    name: 'hook_spool',
    settings: (c) => ({ enabled: true, interval: c.ingest.forward_interval, timeout: 10_000 }),
    build: (c) =>
      hookForwarder({
        spoolDir: c.ingest.hook_spool_dir,
        ingestUrl: c.ingest.ingest_url || `http://${c.server.host}:${c.server.port}/ingest/job-events`,
        secret: c.ingest.secret,
      }),
  },
  ...slurmEntries,
  ...hostEntries,
];

export interface Shim {
  /** Runs one collector now; resolves with what it produced (already queued for writing). */
  runOnce(name: string): Promise<CollectResult & { durationMs: number }>;
  start(): void;
  /** Re-reads intervals and switches after a config reload. */
  reschedule(): void;
  stop(): Promise<void>;
  names(): string[];
  reportSelf(): void;
}

export function createShim(deps: ShimDeps): Shim {
  const host = deps.host ?? hostname();
  const entries = collectorEntries;
  let jobs: Cron[] = [];

  async function runOnce(name: string) {
    const entry = entries.find((e) => e.name === name);
    if (!entry) throw new Error(`unknown collector ${name}; known: ${entries.map((e) => e.name).join(', ')}`);
    const cfg = deps.config();
    const started = deps.now();
    const tags = { host, cluster: cfg.general.cluster };
    let result: CollectResult;
    try {
      const stateDir = join(cfg.general.data_dir, 'shim', name);
      result = await entry
        .build(cfg)
        .collect({ now: started, tags, exec: deps.exec, timeoutMs: entry.settings(cfg).timeout, stateDir });
    } catch (err) {
      result = { points: [], problems: [], error: `collector threw: ${(err as Error).message}` };
    }
    const durationMs = deps.now() - started;
    for (const p of result.problems.slice(0, 20))
      deps.log.warn(
        { category: 'collector', collector: name, line: p.line, text: p.text, reason: p.reason },
        'skipped a line',
      );
    if (result.error) deps.log.error({ category: 'collector', collector: name, err: result.error }, 'collector failed');
    deps.writer.enqueue([
      ...result.points,
      {
        measurement: COLLECTOR_MEASUREMENT,
        tags: { ...tags, collector: name },
        fields: {
          ok: !result.error,
          duration_ms: int(durationMs),
          points: int(result.points.length),
          problems: int(result.problems.length),
          error: result.error,
        },
        time: started,
      },
    ]);
    return { ...result, durationMs };
  }

  /** The writer's own health: what waits in the spool, what was dropped, written and refused. */
  function reportSelf() {
    const st = deps.writer.stats();
    const cfg = deps.config();
    deps.writer.enqueue([
      {
        measurement: SPOOL_MEASUREMENT,
        tags: { host, cluster: cfg.general.cluster },
        fields: {
          queued_lines: int(st.queued),
          spool_bytes: st.spoolBytes === undefined ? undefined : int(st.spoolBytes),
          dropped_total: st.dropped === undefined ? undefined : int(st.dropped),
          written_total: int(st.written),
          rejected_total: int(st.rejected),
          write_failures_total: int(st.failures),
        },
        time: deps.now(),
      },
    ]);
  }

  function schedule() {
    for (const j of jobs) j.stop();
    const cfg = deps.config();
    jobs = entries
      .filter((e) => e.settings(cfg).enabled)
      .map(
        (e) =>
          // A plain pattern when the interval divides a minute, hour or day; else every second, spaced by croner's `interval`.
          new Cron(
            cronForInterval(e.settings(cfg).interval) ?? '* * * * * *',
            {
              protect: true,
              interval: Math.max(1, Math.round(e.settings(cfg).interval / 1000)),
              name: `collector:${e.name}`,
            },
            () =>
              runOnce(e.name).then(
                () => undefined,
                (err) => deps.log.error({ category: 'collector', collector: e.name, err: String(err) }, 'run failed'),
              ),
          ),
      );
    jobs.push(new Cron('*/30 * * * * *', { protect: true, name: 'shim:self' }, reportSelf));
  }

  return {
    runOnce,
    start() {
      schedule();
      // A first reading at once, so a new install shows data now rather than at the next interval.
      for (const e of entries) if (e.settings(deps.config()).enabled) void runOnce(e.name).catch(() => undefined);
    },
    reschedule: schedule,
    async stop() {
      for (const j of jobs) j.stop();
      jobs = [];
    },
    names: () => entries.map((e) => e.name),
    reportSelf,
  };
}
