import { spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSpool } from './spool.ts';

const tmp = () => mkdtempSync(join(tmpdir(), 'nomad-spool-'));
const lines = (from: number, n: number) => Array.from({ length: n }, (_, i) => `m v=${from + i}i ${from + i}`);

describe('disk spool', () => {
  it('keeps order across segments, and drop advances past delivered lines', () => {
    const s = openSpool({ dir: tmp(), segmentBytes: 200 });
    for (let i = 0; i < 10; i++) s.push(lines(i * 10, 10));
    expect(s.size).toBe(100);
    expect(s.peek(3)).toEqual(lines(0, 3));
    s.drop(25);
    expect(s.size).toBe(75);
    expect(s.peek(100)).toEqual(lines(25, 75));
    s.drop(75);
    expect(s.size).toBe(0);
    expect(s.peek(10)).toEqual([]);
    s.push(lines(100, 2));
    expect(s.peek(10)).toEqual(lines(100, 2));
  });

  it('survives a restart: what was not delivered is still there, in order', () => {
    const dir = tmp();
    const a = openSpool({ dir, segmentBytes: 300 });
    a.push(lines(0, 50));
    a.drop(20);
    a.close();
    const b = openSpool({ dir, segmentBytes: 300 });
    expect(b.size).toBe(30);
    expect(b.peek(100)).toEqual(lines(20, 30));
    // consumed segments are gone from disk
    expect(readdirSync(dir).filter((f) => f.endsWith('.lp')).length).toBeLessThan(8);
  });

  it('drops the oldest segments past the size cap and counts what it dropped, across restarts', () => {
    const dir = tmp();
    const s = openSpool({ dir, segmentBytes: 500, maxBytes: 2000 });
    for (let i = 0; i < 20; i++) s.push(lines(i * 10, 10));
    expect(s.bytes).toBeLessThanOrEqual(2000 + 500);
    expect(s.dropped + s.size).toBe(200);
    expect(s.dropped).toBeGreaterThan(0);
    const kept = s.peek(1000);
    expect(kept.at(-1)).toBe(lines(199, 1)[0]); // the newest are kept
    s.close();
    expect(openSpool({ dir, segmentBytes: 500, maxBytes: 2000 }).dropped).toBe(s.dropped);
  });

  it('cuts a torn last line left by a crash mid-write', () => {
    const dir = tmp();
    const s = openSpool({ dir });
    s.push(lines(0, 3));
    s.close();
    const seg = readdirSync(dir).find((f) => f.endsWith('.lp'))!;
    appendFileSync(join(dir, seg), 'm v=99i 9');
    const r = openSpool({ dir });
    expect(r.peek(10)).toEqual(lines(0, 3));
  });

  it('loses nothing already spooled when the process is killed with SIGKILL mid-stream', async () => {
    const dir = tmp();
    // The built spool (npm test builds first), pushing batches of 5 and reporting each one that returned.
    const spoolJs = new URL('../dist/collectors-shim/spool.js', import.meta.url).href;
    const code = `import { openSpool } from ${JSON.stringify(spoolJs)};
      const s = openSpool({ dir: process.argv[1], segmentBytes: 4096 });
      for (let b = 0; ; b++) {
        s.push(Array.from({ length: 5 }, (_, i) => 'm v=' + (b * 5 + i) + 'i ' + (b * 5 + i)));
        process.stdout.write(b + '\\n');
      }`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', code, dir], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let acked = -1;
    await new Promise<void>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`child exited early with ${code}`)));
      child.stdout.setEncoding('utf8').on('data', (d: string) => {
        const last = d.trim().split('\n').at(-1);
        if (last) acked = Number(last);
        if (acked >= 300) {
          child.kill('SIGKILL');
          resolve();
        }
      });
    });
    if (child.exitCode === null && child.signalCode === null) await new Promise((r) => child.once('exit', r));
    const s = openSpool({ dir });
    const got = s.peek(1_000_000);
    expect(got.length).toBeGreaterThanOrEqual((acked + 1) * 5);
    expect(got).toEqual(lines(0, got.length)); // contiguous, in order, no torn line
  });
});
