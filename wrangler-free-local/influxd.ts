// Starts and owns a Debian `influxd` (1.x) with all state under one directory, bound to loopback.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, openSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, waitFor } from './ports.ts';

export interface EmbeddedInfluxd {
  url: string;
  pid: number;
  dataDir: string;
  stop(): Promise<void>;
}

export function influxdConfig(dir: string, httpPort: number, rpcPort: number): string {
  return `reporting-disabled = true
bind-address = "127.0.0.1:${rpcPort}"
[meta]
  dir = "${join(dir, 'meta')}"
  logging-enabled = false
[data]
  dir = "${join(dir, 'data')}"
  wal-dir = "${join(dir, 'wal')}"
  query-log-enabled = false
  index-version = "tsi1"
  wal-fsync-delay = "50ms"
[coordinator]
  log-queries-after = "0s"
[monitor]
  store-enabled = false
[http]
  enabled = true
  bind-address = "127.0.0.1:${httpPort}"
  log-enabled = false
  max-body-size = 0
[continuous_queries]
  log-enabled = false
  run-interval = "1s"
`;
}

/** Starts influxd and resolves once `/ping` answers. Throws with the log's tail if it does not. */
export async function startInfluxd(opts: {
  dataDir: string;
  binary?: string;
  port?: number;
}): Promise<EmbeddedInfluxd> {
  // A free port can be taken by someone else between asking and binding: try again with new ports.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(opts);
    } catch (err) {
      if (attempt >= 3 || !/exited with/.test((err as Error).message)) throw err;
    }
  }
}

async function startOnce(opts: { dataDir: string; binary?: string; port?: number }): Promise<EmbeddedInfluxd> {
  const dir = opts.dataDir;
  mkdirSync(dir, { recursive: true });
  const httpPort = opts.port ?? (await freePort());
  const rpcPort = await freePort();
  const conf = join(dir, 'influxdb.conf');
  writeFileSync(conf, influxdConfig(dir, httpPort, rpcPort));
  const logFd = openSync(join(dir, 'influxd.log'), 'a');
  let child: ChildProcess;
  try {
    child = spawn(opts.binary ?? 'influxd', ['run', '-config', conf], {
      stdio: ['ignore', logFd, logFd],
      detached: false,
    });
  } catch (err) {
    throw new Error(`cannot start influxd: ${(err as Error).message}`);
  }
  let exited: string | undefined;
  child.on('error', (err) => (exited = err.message));
  child.on('exit', (code, sig) => (exited = `exited with ${code ?? sig}`));
  const url = `http://127.0.0.1:${httpPort}`;
  await waitFor(async () => exited !== undefined || (await fetch(`${url}/ping`)).status === 204, 20_000, 'influxd');
  if (exited) throw new Error(`influxd ${exited} (is Debian's influxdb installed? see ${dir}/influxd.log)`);
  return {
    url,
    pid: child.pid ?? 0,
    dataDir: dir,
    stop: () =>
      new Promise<void>((resolve) => {
        if (exited) return resolve();
        const kill = setTimeout(() => child.kill('SIGKILL'), 5000);
        child.once('exit', () => {
          clearTimeout(kill);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}
