// `nomad --help`.
export const HELP = `nomad - NOde Monitoring And Diagnostics for SLURM clusters

Usage: nomad <command> [options]

Commands:
  start            run the local stack (functions, schedules, shim, embedded InfluxDB) in the foreground
  stop             stop a stack started from another shell
  status           show the running stack's functions, schedules and last runs
  fire FN.TASK     run one schedule now (e.g. alerts.evaluate)
  init             write a commented nomad.toml for this machine
  alerts           alert states (firing, resolved) in the last --window (default 15m; try 7d)
  alerts ack ID    acknowledge a firing alert (stops reminders until it resolves or worsens)
  alerts explain   --series FILE.csv --limit L [--smoothing ema:0.3|sma:5|none]: the smoothed value,
                   rate, acceleration, trend class and time to limit a derivative rule would see
  disk             filesystems: use, inodes, fill rate, time to full
  queue            SLURM jobs by partition, state and reason
  nodes            SLURM node state, CPUs, load, memory
  licenses         license seats and expiry
  zfs              ZFS pool health and capacity
  import --format swf|torque|sacct-csv FILE   read a job trace: jobs, states, date range, field coverage
  evaluate --format swf|torque|sacct-csv FILE [--k N] [--metric euclidean|cosine] [--cost-ratio R]
                   [--roc F.csv] [--plot F.svg]
                   time-ordered failure-risk evaluation against two baselines (docs/prediction.md)

Options:
  --config FILE    config file (default: $NOMAD_CONFIG, ./nomad.toml, ~/.config/nomad/nomad.toml)
  --json           machine-readable output
  --no-shim        (start) do not run the collectors in this process
  --only NAMES     (start) host only these functions, comma-separated (e.g. --only alerts --no-shim)
  --force          (init) overwrite an existing file
  --cluster NAME   (init) the cluster name to write; (views) only this cluster
  --window DUR     (views) how far back to look for the last values, InfluxQL duration (default 15m)
  --all            (views) every field, not just the main columns
  -h, --help       this help
`;
