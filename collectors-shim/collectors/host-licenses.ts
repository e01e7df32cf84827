// License servers: FlexLM (`lmstat -a`, plus `lmstat -i` for expiry dates), RLM (`rlmstat -a`), or any configured
// command read by a named parser. Each server is tagged `license=<name>`; one server failing never hides the others.
import { lmstatParser } from '../parsers/host/lmstat.ts';
import { rlmstatParser } from '../parsers/host/rlmstat.ts';
import { findParser } from '../parsers/registry.ts';
import { mergeResults, parseOutput } from './host-util.ts';
import type { CollectContext, CollectResult, Collector } from './types.ts';

export interface LicenseServer {
  name: string;
  type: 'flexlm' | 'rlm' | 'command';
  address: string;
  command: string[];
  parser: string;
  expiry: boolean;
}

export interface LicensesOptions {
  servers: LicenseServer[];
  lmutil: string;
  rlmutil: string;
}

async function collectServer(s: LicenseServer, opts: LicensesOptions, ctx: CollectContext): Promise<CollectResult> {
  const tags = { license: s.name };
  const run = (cmd: string, args: string[]) => ctx.exec(cmd, args, { timeoutMs: ctx.timeoutMs });
  if (s.type === 'flexlm') {
    const usage = parseOutput(lmstatParser, await run(opts.lmutil, ['lmstat', '-a', '-c', s.address]), ctx, tags);
    if (!s.expiry || usage.error) return usage;
    const expiry = parseOutput(lmstatParser, await run(opts.lmutil, ['lmstat', '-i', '-c', s.address]), ctx, tags);
    return mergeResults([
      usage,
      {
        ...expiry,
        error: undefined,
        problems: [
          ...expiry.problems,
          ...(expiry.error ? [{ line: 0, text: '', reason: `lmstat -i: ${expiry.error}` }] : []),
        ],
      },
    ]);
  }
  if (s.type === 'rlm')
    return parseOutput(rlmstatParser, await run(opts.rlmutil, ['rlmstat', '-a', '-c', s.address]), ctx, tags);
  const parser = findParser(s.parser);
  if (!parser) return { points: [], problems: [], error: `license ${s.name}: unknown parser "${s.parser}"` };
  const [cmd = '', ...args] = s.command;
  return parseOutput(parser, await run(cmd, args), ctx, tags);
}

export function licensesCollector(opts: LicensesOptions): Collector {
  return {
    name: 'licenses',
    async collect(ctx: CollectContext): Promise<CollectResult> {
      const parts = await Promise.all(opts.servers.map((s) => collectServer(s, opts, ctx)));
      const r = mergeResults(parts);
      // A server that could not be queried at all still gets its down point, so a dashboard shows it red.
      opts.servers.forEach((s, i) => {
        const err = parts[i]?.error;
        if (err)
          r.points.push({
            measurement: 'license_server',
            tags: { ...ctx.tags, license: s.name, type: s.type, server: s.address || undefined },
            fields: { up: false, error: err },
            time: ctx.now,
          });
      });
      return r;
    },
  };
}
