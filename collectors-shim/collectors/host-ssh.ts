// SSH reachability of configured hosts: `ssh -o BatchMode=yes` (never a password prompt) running `true`, with a
// connect timeout, a hard per-host deadline and bounded concurrency. "reachable" means the SSH server answered;
// "login_ok" means the command ran (key-based login works).
import type { Point } from '../../functions/_lib/line-protocol.ts';
import { mapLimit, probe as runProbe } from './host-util.ts';
import type { CollectContext, CollectResult, Collector } from './types.ts';

export interface SshOptions {
  hosts: string[];
  port: number;
  user: string;
  connectTimeoutMs: number;
  concurrency: number;
  command: string;
}

/** ssh's own words for "nothing answered"; anything else after connecting (auth, host key) means it is up. */
const UNREACHABLE =
  /Connection refused|Connection timed out|timed out during banner|No route to host|Could not resolve|Name or service not known|Network is unreachable|Connection closed by remote host|kex_exchange_identification/i;

export function sshArgs(host: string, opts: SshOptions): string[] {
  const seconds = Math.max(1, Math.ceil(opts.connectTimeoutMs / 1000));
  return [
    '-o',
    'BatchMode=yes',
    '-o',
    `ConnectTimeout=${seconds}`,
    '-o',
    'StrictHostKeyChecking=yes',
    '-o',
    'NumberOfPasswordPrompts=0',
    '-o',
    'ServerAliveInterval=2',
    '-o',
    'ServerAliveCountMax=1',
    '-n',
    '-T',
    '-p',
    String(opts.port),
    ...(opts.user ? ['-l', opts.user] : []),
    '--',
    host,
    'true',
  ];
}

export function sshCollector(opts: SshOptions): Collector {
  return {
    name: 'ssh',
    async collect(ctx: CollectContext): Promise<CollectResult> {
      const problems: CollectResult['problems'] = [];
      let missing: string | undefined;
      const perHost = opts.connectTimeoutMs + 5000;
      const points = await mapLimit(opts.hosts, opts.concurrency, async (host): Promise<Point> => {
        const started = Date.now();
        const res = await runProbe(ctx, opts.command, sshArgs(host, opts), perHost, `ssh ${host}`);
        if (res.failure === 'missing') missing = res.message;
        const err = res.stderr.trim().split('\n').pop() || res.message;
        const reachable =
          res.ok ||
          (res.failure === 'exit' && res.code === 255 && !UNREACHABLE.test(res.stderr)) ||
          (res.failure === 'exit' && res.code !== 255);
        if (!res.ok) problems.push({ line: 0, text: host, reason: err ?? 'ssh failed' });
        return {
          measurement: 'nomad_ssh',
          tags: { ...ctx.tags, target: host },
          fields: {
            reachable,
            login_ok: res.ok,
            duration_ms: { int: Date.now() - started },
            error: res.ok ? undefined : err,
          },
          time: ctx.now,
        };
      });
      // Without an ssh client nothing was checked: that is the collector's failure, not every host's.
      if (missing) return { points: [], problems: [], error: missing };
      return { points, problems };
    },
  };
}
