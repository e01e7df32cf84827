import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, watchConfig } from './config-file.ts';

describe('config file', () => {
  it('runs on defaults when there is no config file or folder, and watching it is a no-op', () => {
    const path = join(tmpdir(), `nomad-no-such-dir-${process.pid}`, 'nomad.toml');
    const cfg = loadConfig(path, { NOMAD_GENERAL_DATA_DIR: '/tmp/x' });
    expect(cfg.general.data_dir).toBe('/tmp/x');
    const stop = watchConfig(
      path,
      {},
      () => undefined,
      () => undefined,
    );
    expect(stop).toBeTypeOf('function');
    stop();
  });

  it('names the file and the TOML error when the file does not parse', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'nomad-cfg-')), 'nomad.toml');
    writeFileSync(path, '[general\ncluster = 1\n');
    expect(() => loadConfig(path, {})).toThrow(new RegExp(`${path}: .*`));
  });
});
