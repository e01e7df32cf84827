import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse as parseToml } from 'smol-toml';
import { type Provision, parseProvision } from '../functions/_lib/provision.ts';

/** provisioning/influxdb/nomad.toml, found relative to this module in both the source tree and dist/. */
export function readProvisionFile(): Provision {
  for (const rel of ['../provisioning/influxdb/nomad.toml', '../../provisioning/influxdb/nomad.toml']) {
    try {
      return parseProvision(parseToml(readFileSync(fileURLToPath(new URL(rel, import.meta.url)), 'utf8')));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  }
  throw new Error('provisioning/influxdb/nomad.toml not found');
}
