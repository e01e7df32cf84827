// `nomad-shim`: run the collectors, or show what a parser makes of a captured command output.
import { readFileSync, statSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { encodePoints } from '../functions/_lib/line-protocol.ts';
import {
  defaultConfigPath,
  loadConfig,
  watchConfig,
  withGeneratedSecrets,
} from '../wrangler-free-local/config-file.ts';
import { CliError, runCli, table } from '../wrangler-free-local/cli/output.ts';
import { createLogger } from '../wrangler-free-local/logger.ts';
import { storeFromConfig } from '../functions/_lib/store.ts';
import { readState } from '../wrangler-free-local/state-file.ts';
import { execCommand } from './exec.ts';
import { openSpool } from './spool.ts';
import { findParser, parsers } from './parsers/registry.ts';
import { createShim } from './shim.ts';
import { createBatchWriter, memoryQueue } from './writer.ts';

const HELP = `nomad-shim - NOMAD's collector shim

Usage: nomad-shim <command> [options]

Commands:
  parsers                    list the parser names and the command each reads
  parse PARSER FILE          print the line protocol FILE would produce ("-" reads stdin);
                             problems go to stderr; exit 1 when nothing could be parsed
  once COLLECTOR             run one collector now and print its line protocol (nothing is pushed)
  run                        run every enabled collector on its schedule, pushing to InfluxDB

Options:
  --config FILE   config file (default: $NOMAD_CONFIG, ./nomad.toml, ~/.config/nomad/nomad.toml)
  --json          machine-readable output
  -h, --help      this help
`;

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      config: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [cmd, ...rest] = positionals;
  if (values.help || !cmd) return void process.stdout.write(HELP);
  const tags = { host: hostname() };
  switch (cmd) {
    case 'parsers': {
      const rows = parsers.map((p) => ({ parser: p.name, command: p.command, reads: p.description }));
      return void process.stdout.write(values.json ? `${JSON.stringify(rows, null, 2)}\n` : `${table(rows)}\n`);
    }
    case 'parse': {
      const [name, file] = rest;
      const parser = findParser(name ?? '');
      if (!parser)
        throw new CliError(`unknown parser "${name ?? ''}"; known: ${parsers.map((p) => p.name).join(', ')}`, 2);
      if (!file) throw new CliError('usage: nomad-shim parse PARSER FILE', 2);
      // The cgroup parser reads a job's cgroup folder: it takes the folder's path as its text.
      const text = file !== '-' && statSync(file).isDirectory() ? file : readFileSync(file === '-' ? 0 : file, 'utf8');
      const r = parser.parse(text, { now: Date.now(), tags });
      for (const p of r.problems) process.stderr.write(`${file}:${p.line}: ${p.reason}: ${p.text}\n`);
      const out = values.json ? JSON.stringify(r, null, 2) : encodePoints(r.points);
      if (out) process.stdout.write(`${out}\n`);
      if (r.points.length === 0) throw new CliError(`${parser.name}: nothing could be parsed from ${file}`);
      return;
    }
    case 'once': {
      const config = loadConfig(values.config ?? defaultConfigPath());
      const log = createLogger({ level: 'silent', file: '', maxSize: '1M', maxFiles: 1 });
      const queue = memoryQueue();
      const writer = createBatchWriter({ store: storeFromConfig(config, 'http://127.0.0.1:1'), log, queue });
      const shim = createShim({ config: () => config, writer, exec: execCommand, log, now: Date.now });
      const r = await shim.runOnce(rest[0] ?? '');
      for (const p of r.problems) process.stderr.write(`line ${p.line}: ${p.reason}: ${p.text}\n`);
      if (r.error) process.stderr.write(`error: ${r.error}\n`);
      process.stdout.write(`${values.json ? JSON.stringify(r.points, null, 2) : queue.peek(queue.size).join('\n')}\n`);
      return;
    }
    case 'run':
      return run(values.config ?? defaultConfigPath());
    default:
      throw new CliError(`unknown command "${cmd}"; see nomad-shim --help`, 2);
  }
}

async function run(configPath: string): Promise<void> {
  let config = withGeneratedSecrets(loadConfig(configPath));
  const url = config.influx.url || readState(config.general.data_dir)?.influxUrl;
  if (!url)
    throw new CliError('no InfluxDB: set influx.url (or NOMAD_INFLUX_URL), or start the local stack with nomad start');
  const g = config.general;
  const log = createLogger(
    { level: g.log_level, file: g.log_file, maxSize: g.log_max_size, maxFiles: g.log_max_files },
    { app: 'nomad-shim' },
  );
  const spool = openSpool({ dir: join(g.data_dir, 'spool'), maxBytes: config.collectors.spool_max_mb * 1024 * 1024 });
  const writer = createBatchWriter({ store: storeFromConfig(config, url), log, queue: spool });
  writer.start(config.collectors.push_interval);
  const shim = createShim({ config: () => config, writer, exec: execCommand, log, now: Date.now });
  shim.start();
  log.info({ url, collectors: shim.names() }, 'nomad-shim running');
  const unwatch = watchConfig(
    configPath,
    process.env,
    (next) => {
      config = withGeneratedSecrets({
        ...next,
        influx: config.influx,
        general: { ...next.general, data_dir: config.general.data_dir },
      });
      shim.reschedule();
      log.info({ category: 'config' }, 'config reloaded');
    },
    (err) =>
      log.error(
        { category: 'config', field: err.field, err: err.message },
        'config change rejected; running config kept',
      ),
  );
  const stop = async () => {
    unwatch();
    await shim.stop();
    await writer.stop();
    spool.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
}

await runCli(() => main(process.argv.slice(2)));
