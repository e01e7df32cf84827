// `nomad disk|queue|nodes|licenses|zfs` read what the real parsers wrote from real captured output.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { InfluxClient } from '../../functions/_lib/influx.ts';
import { findParser } from '../../collectors-shim/parsers/registry.ts';
import { repoRoot, runBinAsync } from '../helpers/cli.ts';
import { freshDatabase, influxUrl } from '../helpers/influx.ts';

const inputs: Array<[string, string]> = [
  ['df', 'captured/df-P-B1-T.debian12-vm.txt'],
  ['squeue', 'captured/slurm/squeue.slurm-22.05.8.txt'],
  ['sinfo-json', 'captured/slurm/sinfo-json.slurm-22.05.8.json'],
  ['lmstat', 'lmstat-a.flexlm_exporter-app1-3server-triad.txt'],
  ['zpool-list', 'zpool-list-Hp.telegraf-freenas.txt'],
];

describe('nomad views', () => {
  let store: InfluxClient;
  const env = () => ({
    NOMAD_INFLUX_URL: influxUrl(),
    NOMAD_INFLUX_DATABASE: store.database,
    NOMAD_CONFIG: '/nonexistent',
  });
  const view = async (args: string[]) => {
    const saved = { ...process.env };
    Object.assign(process.env, env());
    try {
      return await runBinAsync('nomad', args);
    } finally {
      process.env = saved;
    }
  };

  beforeAll(async () => {
    store = await freshDatabase('views');
    for (const [name, file] of inputs) {
      const parser = findParser(name);
      if (!parser) throw new Error(`parser ${name} missing`);
      const r = parser.parse(readFileSync(join(repoRoot, 'test/fixtures', file), 'utf8'), {
        now: Date.now(),
        tags: { host: 'head', cluster: 'c1' },
      });
      expect(r.points.length).toBeGreaterThan(0);
      await store.write(r.points);
    }
  });

  it('disk shows every filesystem with its use', async () => {
    const r = await view(['disk', '--json']);
    expect(r.stderr).toBe('');
    const rows = JSON.parse(r.stdout) as Array<Record<string, unknown>>;
    const root = rows.find((x) => x.path === '/');
    expect(root).toMatchObject({ host: 'head' });
    expect(root!.used_percent as number).toBeGreaterThan(0);
    const table = await view(['disk']);
    expect(table.stdout).toMatch(/^HOST\s+PATH\s+USED_PERCENT/);
  });

  it('queue, nodes, licenses and zfs show rows from their measurements', async () => {
    for (const name of ['queue', 'nodes', 'licenses', 'zfs']) {
      const r = await view([name, '--json']);
      expect(r.code, `${name}: ${r.stderr}`).toBe(0);
      expect((JSON.parse(r.stdout) as unknown[]).length, name).toBeGreaterThan(0);
    }
  });

  it('filters by cluster and says so when there is no data', async () => {
    const r = await view(['disk', '--cluster', 'other']);
    expect(r.stdout).toMatch(/no disk data in the last 15m/);
    expect((await view(['disk', '--window', 'soon'])).stderr).toMatch(/--window: "soon" is not a duration/);
  });
});
