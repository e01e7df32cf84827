import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { sshArgs, sshCollector } from './host-ssh.ts';
import { realContext } from './host-testing.ts';

/** A loopback port nothing listens on: bind one, note it, close it. */
async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as { port: number }).port;
  await new Promise((r) => srv.close(r));
  return port;
}

const base = { hosts: ['127.0.0.1'], user: '', connectTimeoutMs: 2000, concurrency: 4, command: 'ssh' };

describe('ssh collector (the real ssh client)', () => {
  it('never prompts: BatchMode, no password prompts, strict host keys, a connect timeout', () => {
    const args = sshArgs('node1', { ...base, port: 22 }).join(' ');
    expect(args).toContain('BatchMode=yes');
    expect(args).toContain('NumberOfPasswordPrompts=0');
    expect(args).toContain('ConnectTimeout=2');
    expect(args).toContain('StrictHostKeyChecking=yes');
  });

  it('reports an unreachable loopback port as not reachable, quickly', async () => {
    const port = await closedPort();
    const started = Date.now();
    const r = await sshCollector({ ...base, port }).collect(realContext());
    expect(Date.now() - started).toBeLessThan(5000);
    expect(r.error).toBeUndefined();
    expect(r.points).toHaveLength(1);
    expect(r.points[0]).toMatchObject({
      measurement: 'nomad_ssh',
      tags: { target: '127.0.0.1' },
      fields: { reachable: false, login_ok: false },
    });
    expect(String(r.points[0]!.fields.error)).toContain('Connection refused');
  });

  it('gives up on a server that accepts but never speaks, within the deadline', async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const port = (silent.address() as { port: number }).port;
    try {
      const started = Date.now();
      const r = await sshCollector({
        ...base,
        port,
        hosts: ['127.0.0.1', '127.0.0.1'],
        connectTimeoutMs: 1000,
      }).collect(realContext());
      expect(Date.now() - started).toBeLessThan(9000);
      expect(r.points.map((p) => p.fields.reachable)).toEqual([false, false]);
    } finally {
      silent.close();
    }
  });

  it('degrades to one error when the ssh client is missing', async () => {
    const r = await sshCollector({ ...base, port: 22, command: 'nomad-no-such-ssh' }).collect(realContext());
    expect(r.points).toEqual([]);
    expect(r.error).toContain('ENOENT');
  });
});
