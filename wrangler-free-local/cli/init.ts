// `nomad init`: a commented nomad.toml for this machine, with the collectors whose commands exist.
import { accessSync, constants, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { stringify } from 'smol-toml';
import { defaultRules } from '../../functions/_lib/default-rules.ts';

export const DETECTED_COMMANDS = [
  'df',
  'quota',
  'squeue',
  'sinfo',
  'sacct',
  'scontrol',
  'nvidia-smi',
  'sensors',
  'lmutil',
  'rlmutil',
  'zpool',
];

export function which(cmd: string, path = process.env.PATH ?? ''): string | undefined {
  for (const dir of path.split(delimiter)) {
    const full = join(dir, cmd);
    try {
      accessSync(full, constants.X_OK);
      return full;
    } catch {
      /* not here */
    }
  }
  return undefined;
}

export function detectCommands(path?: string): Record<string, string | undefined> {
  return Object.fromEntries(DETECTED_COMMANDS.map((c) => [c, which(c, path)]));
}

export function renderInitConfig(found: Record<string, string | undefined>, cluster: string): string {
  const has = (c: string) => (found[c] ? `found at ${found[c]}` : 'not found on this machine');
  return `# NOMAD configuration, written by \`nomad init\`. Every key can be overridden by an environment variable:
# NOMAD_<SECTION>_<KEY>, e.g. NOMAD_INFLUX_URL or NOMAD_GENERAL_LOG_LEVEL. Edits are picked up without a restart
# (except [influx], [server] and general.data_dir); a bad edit is logged with the key and the old config stays.

[general]
cluster = "${cluster}"          # the "cluster" tag on every point
# data_dir = "~/.local/share/nomad"   # embedded InfluxDB, spool, state file
log_level = "info"             # trace, debug, info, warn, error
# log_file = "/var/log/nomad/nomad.log"   # empty: JSON on stdout
log_max_size = "10M"           # rotate the log file at this size
log_max_files = 5

[influx]
# Empty url: NOMAD starts and owns a local influxd (Debian package influxdb) under data_dir.
# InfluxDB 1.8+: url + username/password. InfluxDB 2.x/Cloud: url + token, database = a bucket mapped with DBRP.
url = ""
database = "nomad"
# username = ""
# password = ""
# token = ""

[server]
host = "127.0.0.1"
port = 8787

[schedules]
# Override any function schedule (croner syntax, seconds allowed):
# "alerts.evaluate" = "*/30 * * * * *"

[collectors]
push_interval = "10s"

[collectors.disk]              # df: ${has('df')}
enabled = ${found.df ? 'true' : 'false'}
interval = "60s"
timeout = "10s"
include_paths = []             # empty: every mounted filesystem not excluded below
exclude_fstypes = ["tmpfs", "devtmpfs", "overlay", "squashfs", "proc", "sysfs", "cgroup", "cgroup2", "nsfs"]

# Detected for later collectors:
${DETECTED_COMMANDS.filter((c) => c !== 'df')
  .map((c) => `#   ${c.padEnd(10)} ${has(c)}`)
  .join('\n')}

[alerts]
cooldown = "4h"                # least time between two notices of one alert (reminders, flapping)
# public_url = "http://head:8787"   # set it to put signed acknowledgement links in notifications

# The default rules, written out for editing (docs/alerts.md explains every key). Rules given here replace the
# built-in list as a whole; delete a block to drop a rule, or set enabled = false.
${rulesToml()}

# [[notify.webhooks]]
# name = "ops"
# url = "https://example.org/hooks/nomad"
# secret = ""                  # HMAC-SHA256 key: header x-nomad-signature: t=<unix>,v1=<hex of "t.body">
# next_secret = ""             # the key you rotate to
# min_severity = "warning"
`;
}

/** The default rules as TOML `[[alerts.rules]]` blocks (smol-toml writes inline tables for levels and where). */
function rulesToml(): string {
  return defaultRules.map((r) => stringify({ alerts: { rules: [r] } }).trim()).join('\n\n');
}

export function writeInitConfig(path: string, opts: { force: boolean; cluster: string }): string {
  if (existsSync(path) && !opts.force) throw new Error(`${path} exists; use --force to overwrite`);
  mkdirSync(dirname(path), { recursive: true });
  const text = renderInitConfig(detectCommands(), opts.cluster);
  writeFileSync(path, text);
  return text;
}
