// `nomad`: start, stop and inspect the local stack, and write a config.
import { parseArgs } from 'node:util';
import { defaultConfigPath, loadConfig, withGeneratedSecrets } from '../config-file.ts';
import { storeFromConfig } from '../../functions/_lib/store.ts';
import { startStack } from '../stack.ts';
import { isAlive, readState } from '../state-file.ts';
import { writeInitConfig } from './init.ts';
import { HELP } from './help.ts';
import { CliError, runCli, table } from './output.ts';
import { explainCommand, listAlerts } from './alerts.ts';
import { findView, readView } from './views.ts';
import { evaluateCommand, importCommand } from './jobs.ts';

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      config: { type: 'string' },
      json: { type: 'boolean', default: false },
      'no-shim': { type: 'boolean', default: false },
      only: { type: 'string' },
      force: { type: 'boolean', default: false },
      cluster: { type: 'string' },
      window: { type: 'string', default: '15m' },
      all: { type: 'boolean', default: false },
      series: { type: 'string' },
      limit: { type: 'string' },
      smoothing: { type: 'string' },
      format: { type: 'string' },
      roc: { type: 'string' },
      plot: { type: 'string' },
      k: { type: 'string' },
      'cost-ratio': { type: 'string' },
      metric: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [cmd, ...rest] = positionals;
  if (values.help || !cmd) return void process.stdout.write(HELP);
  const configPath = values.config ?? defaultConfigPath();
  const print = (human: string, json: unknown, preformatted = false): void =>
    void process.stdout.write(values.json && !preformatted ? `${JSON.stringify(json, null, 2)}\n` : `${human}\n`);

  switch (cmd) {
    case 'start':
      return start(
        configPath,
        !values['no-shim'],
        values.only?.split(',').map((s) => s.trim()),
      );
    case 'init': {
      writeInitConfig(configPath, { force: values.force, cluster: values.cluster ?? 'default' });
      return print(`wrote ${configPath}`, { path: configPath });
    }
    case 'status': {
      const { state, health } = await running(configPath);
      const rows = (health.functions as Array<{ name: string; schedules: Array<Record<string, unknown>> }>).flatMap(
        (f) =>
          f.schedules.map((s) => {
            const last = s.last_run as { at: string; ok: boolean; durationMs: number } | null;
            return {
              function: f.name,
              task: s.task,
              cron: s.cron,
              last_run: last?.at,
              ok: last?.ok,
              ms: last?.durationMs,
              next_run: s.next_run,
            };
          }),
      );
      return print(`NOMAD running: pid ${state.pid}, ${state.url}, InfluxDB ${state.influxUrl}\n\n${table(rows)}`, {
        state,
        health,
      });
    }
    case 'stop': {
      const state = readState(loadConfig(configPath).general.data_dir);
      if (!state || !isAlive(state.pid)) throw new CliError('NOMAD is not running');
      process.kill(state.pid, 'SIGTERM');
      const deadline = Date.now() + 30_000;
      while (isAlive(state.pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      if (isAlive(state.pid)) throw new CliError(`pid ${state.pid} did not stop within 30 s`);
      return print(`stopped pid ${state.pid}`, { stopped: state.pid });
    }
    case 'fire': {
      const [fn, task] = (rest[0] ?? '').split('.');
      if (!fn || !task) throw new CliError('usage: nomad fire FUNCTION.TASK (see nomad status)');
      const { state } = await running(configPath);
      const res = await fetch(
        `${state.url}/__scheduled?fn=${encodeURIComponent(fn)}&task=${encodeURIComponent(task)}`,
        { method: 'POST' },
      );
      const body = (await res.json()) as Record<string, unknown>;
      if (!res.ok) throw new CliError(`${fn}.${task}: ${JSON.stringify(body)}`);
      return print(JSON.stringify(body.body ?? body, null, 2), body);
    }
    case 'import':
    case 'evaluate':
      return print(await (cmd === 'import' ? importCommand : evaluateCommand)({ ...values, file: rest[0] }), 0, true);
    case 'alerts': {
      if (rest[0] === 'explain') return print(explainCommand({ ...values }), undefined, true);
      if (rest[0] === 'ack') {
        const { state } = await running(configPath);
        const cfg = withGeneratedSecrets(loadConfig(configPath));
        const res = await fetch(`${state.url}/alerts/${encodeURIComponent(rest[1] ?? '')}/ack`, {
          method: 'POST',
          headers: { authorization: `Bearer ${cfg.api.tokens[0] ?? ''}`, 'content-type': 'application/json' },
          body: JSON.stringify({ by: `cli:${process.env.SUDO_USER ?? process.env.USER ?? 'unknown'}` }),
        });
        const body = (await res.json()) as Record<string, unknown>;
        if (!res.ok) throw new CliError(`ack ${rest[1] ?? ''}: ${String(body.message ?? res.status)}`);
        return print(
          `${String(body.id)} ${body.changed ? 'acknowledged' : 'was already acknowledged'} by ${String(body.by)}`,
          body,
        );
      }
      if (rest[0]) throw new CliError(`unknown alerts command "${rest[0]}"; see nomad --help`, 2);
      if (!/^\d+[smhdw]$/.test(values.window))
        throw new CliError(`--window: "${values.window}" is not a duration such as 7d`, 2);
      const r = await listAlerts(storeFor(configPath), values.window, values.cluster);
      return print(r.rows.length ? r.text : `no alerts in the last ${values.window}`, r.rows);
    }
    default: {
      const view = findView(cmd);
      if (!view) throw new CliError(`unknown command "${cmd}"; see nomad --help`, 2);
      if (!/^\d+[smhdw]$/.test(values.window))
        throw new CliError(`--window: "${values.window}" is not a duration such as 15m`, 2);
      const r = await readView(storeFor(configPath), view, {
        cluster: values.cluster,
        window: values.window,
        all: values.all,
      });
      return print(
        r.rows.length ? table(r.rows, r.columns) : `no ${view.measurement} data in the last ${values.window}`,
        r.rows,
      );
    }
  }
}

/** InfluxDB from config, or the one the running local stack owns. */
function storeFor(configPath: string) {
  const config = loadConfig(configPath);
  const url = config.influx.url || readState(config.general.data_dir)?.influxUrl;
  if (!url) throw new CliError('no InfluxDB: set influx.url (or NOMAD_INFLUX_URL), or start NOMAD with nomad start');
  return storeFromConfig(config, url);
}

async function running(configPath: string) {
  const state = readState(loadConfig(configPath).general.data_dir);
  if (!state || !isAlive(state.pid)) throw new CliError('NOMAD is not running (start it with: nomad start)');
  const health = (await (await fetch(`${state.url}/healthz`)).json()) as Record<string, unknown>;
  return { state, health };
}

async function start(configPath: string, withShim: boolean, only: string[] | undefined): Promise<void> {
  const stack = await startStack({ configPath, withShim, only });
  process.stderr.write(`NOMAD listening on ${stack.url} (InfluxDB ${stack.influxUrl}); Ctrl-C stops it\n`);
  const shutdown = (sig: string) => {
    stack.log.info({ signal: sig }, 'shutting down');
    stack.stop().then(
      () => process.exit(0),
      (err) => {
        process.stderr.write(`error during shutdown: ${(err as Error).message}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

await runCli(() => main(process.argv.slice(2)));
