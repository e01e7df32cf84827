// The composition root of `nomad start`: config, embedded influxd, provisioning, shim, functions, HTTP server.
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { type Config } from '../functions/_lib/config.ts';
import type { Deps } from '../functions/_lib/deps.ts';
import type { InfluxClient } from '../functions/_lib/influx.ts';
import { storeFromConfig } from '../functions/_lib/store.ts';
import { applyProvision } from '../functions/_lib/provision.ts';
import { execCommand } from '../collectors-shim/exec.ts';
import { openSpool } from '../collectors-shim/spool.ts';
import { type Shim, createShim } from '../collectors-shim/shim.ts';
import { type BatchWriter, createBatchWriter } from '../collectors-shim/writer.ts';
import { loadConfig, restartNeeded, watchConfig, withGeneratedSecrets } from './config-file.ts';
import { type EmbeddedInfluxd, startInfluxd } from './influxd.ts';
import { type NomadLogger, createLogger } from './logger.ts';
import { createMailer } from './mailer.ts';
import { readProvisionFile } from './provision-file.ts';
import { functions } from './registry.ts';
import { type Runtime, createRuntime } from './runtime.ts';
import { clearState, writeState } from './state-file.ts';

export interface StackOptions {
  configPath: string;
  env?: NodeJS.ProcessEnv;
  /** Run the shim's collectors in this process too (the single-box default). */
  withShim?: boolean;
  /** Start croner schedules (tests fire routes by hand instead). */
  schedules?: boolean;
  /** Host only these functions (each function can run on its own). */
  only?: string[];
}

export interface Stack {
  url: string;
  influxUrl: string;
  config: () => Config;
  store: InfluxClient;
  runtime: Runtime;
  shim: Shim | undefined;
  writer: BatchWriter;
  log: NomadLogger;
  stop(): Promise<void>;
}

export async function startStack(opts: StackOptions): Promise<Stack> {
  const env = opts.env ?? process.env;
  const hosted = opts.only ? functions.filter((f) => opts.only!.includes(f.name)) : functions;
  const unknown = (opts.only ?? []).filter((n) => !functions.some((f) => f.name === n));
  if (unknown.length)
    throw new Error(`unknown function ${unknown.join(', ')}; known: ${functions.map((f) => f.name).join(', ')}`);
  let config = withGeneratedSecrets(loadConfig(opts.configPath, env));
  const g = config.general;
  const log = createLogger(
    { level: g.log_level, file: g.log_file, maxSize: g.log_max_size, maxFiles: g.log_max_files },
    { app: 'nomad' },
  );
  let influxd: EmbeddedInfluxd | undefined;
  if (!config.influx.url) {
    influxd = await startInfluxd({ dataDir: join(g.data_dir, 'influxdb'), binary: config.influx.influxd_path });
    log.info({ url: influxd.url, dataDir: influxd.dataDir }, 'started embedded influxd');
  }
  const influxUrl = config.influx.url || influxd!.url;
  const store = storeFromConfig(config, influxUrl);
  const ran = await applyProvision(store, config.influx.database, readProvisionFile());
  log.info({ statements: ran.length }, 'InfluxDB provisioning applied');

  const now = () => Date.now();
  const getConfig = () => config;
  const deps: Deps = {
    config: getConfig,
    store,
    now,
    log,
    fetch,
    mailer: createMailer(),
  };
  const spool = openSpool({ dir: join(g.data_dir, 'spool'), maxBytes: config.collectors.spool_max_mb * 1024 * 1024 });
  const writer = createBatchWriter({ store, log: log.child({ component: 'writer' }), queue: spool });
  writer.start(config.collectors.push_interval);
  const shim =
    opts.withShim === false
      ? undefined
      : createShim({ config: getConfig, writer, exec: execCommand, log: log.child({ component: 'shim' }), now });
  const runtime = createRuntime(deps, hosted);
  if (opts.schedules !== false) {
    runtime.startSchedules();
    shim?.start();
  }

  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: runtime.app.fetch, hostname: config.server.host, port: config.server.port }, () =>
      resolve(s),
    );
  });
  const addr = server.address();
  const url = `http://${config.server.host}:${typeof addr === 'object' && addr ? addr.port : config.server.port}`;
  writeState(g.data_dir, {
    pid: process.pid,
    url,
    influxUrl,
    database: config.influx.database,
    influxdPid: influxd?.pid ?? null,
    startedAt: new Date().toISOString(),
    configPath: opts.configPath,
  });
  log.info({ url, functions: hosted.map((f) => f.name) }, 'nomad local runner listening');

  const unwatch = watchConfig(
    opts.configPath,
    env,
    (next) => {
      if (restartNeeded(config, next))
        log.warn(
          { category: 'config' },
          'config change needs a restart (influx, server or data_dir); other keys applied',
        );
      const keep = {
        influx: config.influx,
        server: config.server,
        general: { ...next.general, data_dir: config.general.data_dir },
      };
      config = withGeneratedSecrets({ ...next, ...keep });
      log.level = config.general.log_level;
      runtime.reschedule();
      shim?.reschedule();
      log.info({ category: 'config' }, 'config reloaded');
    },
    (err) =>
      log.error(
        { category: 'config', field: err.field, err: err.message },
        'config change rejected; running config kept',
      ),
  );

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      unwatch();
      await shim?.stop();
      await runtime.stopSchedules();
      await new Promise<void>((r) => server.close(() => r()));
      await writer.stop();
      spool.close();
      clearState(g.data_dir, process.pid);
      await influxd?.stop();
      log.info({}, 'nomad stopped');
      log.flush();
    })());
  return { url, influxUrl, config: getConfig, store, runtime, shim, writer, log, stop };
}
