// Forwards job events the SLURM hooks spooled while NOMAD was unreachable, in batches, signed, then deletes them.
// A batch the ingest function refuses (4xx) is moved to failed/ with the reason, so one bad file never blocks the rest.
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { signBody, SIGNATURE_HEADER } from '../functions/_lib/notify/signature.ts';
import type { CollectResult, Collector } from './collectors/types.ts';

export interface ForwarderOptions {
  spoolDir: string;
  ingestUrl: string;
  secret: string;
  batchSize?: number;
  fetch?: typeof fetch;
}

export function hookForwarder(opts: ForwarderOptions): Collector {
  const doFetch = opts.fetch ?? fetch;
  return {
    name: 'hook_spool',
    async collect(ctx): Promise<CollectResult> {
      let files: string[];
      try {
        files = readdirSync(opts.spoolDir)
          .filter((f) => f.endsWith('.json'))
          .sort();
      } catch {
        return { points: [], problems: [] }; // no spool folder: nothing was ever spooled
      }
      const problems: CollectResult['problems'] = [];
      let sent = 0;
      for (let i = 0; i < files.length; i += opts.batchSize ?? 500) {
        const batch = files.slice(i, i + (opts.batchSize ?? 500));
        const events = batch.flatMap((f) => {
          try {
            return [JSON.parse(readFileSync(join(opts.spoolDir, f), 'utf8')) as unknown];
          } catch (err) {
            problems.push({ line: 0, text: f, reason: `unreadable spooled event: ${(err as Error).message}` });
            moveToFailed(opts.spoolDir, f, 'unreadable JSON');
            return [];
          }
        });
        if (events.length === 0) continue;
        const body = JSON.stringify(events);
        let res: Response;
        try {
          res = await doFetch(opts.ingestUrl, {
            method: 'POST',
            body,
            headers: {
              'content-type': 'application/json',
              [SIGNATURE_HEADER]: await signBody(opts.secret, body, Date.now()),
            },
            signal: AbortSignal.timeout(ctx.timeoutMs),
          });
        } catch (err) {
          return {
            points: [],
            problems,
            error: `ingest unreachable, ${files.length - sent} events wait: ${(err as Error).message}`,
          };
        }
        const text = await res.text();
        if (res.ok) {
          for (const f of batch) rmSync(join(opts.spoolDir, f), { force: true });
          sent += batch.length;
        } else if (res.status >= 400 && res.status < 500 && res.status !== 401 && res.status !== 429) {
          for (const f of batch) moveToFailed(opts.spoolDir, f, text);
          problems.push({
            line: 0,
            text: batch.join(' '),
            reason: `ingest refused the batch (${res.status}): ${text}`,
          });
        } else {
          return {
            points: [],
            problems,
            error: `ingest answered ${res.status}, ${files.length - sent} events wait: ${text}`,
          };
        }
      }
      return { points: [], problems };
    },
  };
}

function moveToFailed(dir: string, file: string, reason: string): void {
  mkdirSync(join(dir, 'failed'), { recursive: true });
  renameSync(join(dir, file), join(dir, 'failed', file));
  writeFileSync(join(dir, 'failed', `${file}.reason`), reason);
}
