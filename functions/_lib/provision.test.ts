import { describe, expect, it } from 'vitest';
import { readProvisionFile } from '../../wrangler-free-local/provision-file.ts';
import { freshDatabase } from '../../test/helpers/influx.ts';
import { applyProvision, durationSeconds, parseProvision } from './provision.ts';

describe('InfluxDB provisioning', () => {
  it('applies the shipped layout, and a second run changes nothing', async () => {
    const store = await freshDatabase('prov');
    const layout = readProvisionFile();
    const first = await applyProvision(store, store.database, layout);
    expect(first.some((q) => q.startsWith('CREATE RETENTION POLICY "rollup_1h"'))).toBe(true);
    expect(first.some((q) => q.startsWith('ALTER RETENTION POLICY "autogen"'))).toBe(true);
    expect(first.filter((q) => q.startsWith('CREATE CONTINUOUS QUERY'))).toHaveLength(layout.continuous_queries.length);
    const second = await applyProvision(store, store.database, layout);
    expect(second).toEqual([`CREATE DATABASE "${store.database}"`]);
    const [rps = []] = await store.query(`SHOW RETENTION POLICIES ON "${store.database}"`);
    const autogen = rps[0]?.values.find((v) => v[0] === 'autogen');
    expect(durationSeconds(String(autogen?.[1]))).toBe(30 * 86400);
    expect(autogen?.[4]).toBe(true);
  });

  it('replaces a continuous query whose text changed', async () => {
    const store = await freshDatabase('prov_cq');
    const layout = readProvisionFile();
    await applyProvision(store, store.database, layout);
    const changed = structuredClone(layout);
    changed.continuous_queries[0]!.resample_for = '3h';
    const ran = await applyProvision(store, store.database, changed);
    expect(ran.filter((q) => /CONTINUOUS QUERY/.test(q))).toEqual([
      expect.stringMatching(/^DROP CONTINUOUS QUERY "disk_1h"/),
      expect.stringMatching(/^CREATE CONTINUOUS QUERY "disk_1h" .* RESAMPLE EVERY 10m FOR 3h BEGIN/),
    ]);
  });

  it('rejects a bad layout naming the key', () => {
    expect(() => parseProvision({ retention_policies: [{ name: 'x y', duration: '1d' }] })).toThrow(
      /retention_policies\.0\.name/,
    );
  });
});
