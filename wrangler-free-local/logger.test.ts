import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.ts';

describe('logger', () => {
  it('writes JSON lines with the category and rotates the file by size', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nomad-log-'));
    const file = join(dir, 'nomad.log');
    const log = createLogger({ level: 'info', file, maxSize: '1K', maxFiles: 3 });
    log.debug({}, 'hidden below the level');
    for (let i = 0; i < 60; i++) log.error({ category: 'store', i }, 'write failed');
    await new Promise((r) => setTimeout(r, 300));
    const files = readdirSync(dir);
    expect(files.sort()).toEqual(['nomad.log', 'nomad.log.1', 'nomad.log.2', 'nomad.log.3']);
    expect(existsSync(file)).toBe(true);
    const all = files.map((f) => readFileSync(join(dir, f), 'utf8')).join('');
    const lines = all
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.every((l) => l.category === 'store' && l.msg === 'write failed' && l.level === 50)).toBe(true);
    expect(all).not.toContain('hidden below the level');
  });
});
