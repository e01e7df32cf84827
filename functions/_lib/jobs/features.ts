// Features that exist when a job is submitted: its request, the clock, and the history of its user, application and
// queue as it stood then (only jobs that had ended). The job's own outcome never enters its own row.
import { bySubmit, endTime, label, replay } from './history.ts';
import type { JobRecord } from './record.ts';

export const FEATURES = [
  'req_cpus_log',
  'req_time_log',
  'req_mem_log',
  'submit_hour',
  'submit_dow',
  'user_fail_rate',
  'user_jobs_log',
  'user_fail_recent',
  'user_last_failed',
  'user_runtime_share',
  'user_since_last_end_log',
  'user_in_flight_log',
  'app_fail_rate',
  'app_jobs_log',
  'app_fail_recent',
  'user_app_fail_rate',
  'queue_fail_rate',
] as const;
export const D = FEATURES.length;

interface Stats {
  n: number;
  fail: number;
  recent: number;
  last: number;
  share: number;
  shareN: number;
  lastEnd: number;
  inFlight: number;
}
const newStats = (prior: number): Stats => ({
  n: 0,
  fail: 0,
  recent: prior,
  last: prior,
  share: 0,
  shareN: 0,
  lastEnd: Number.NaN,
  inFlight: 0,
});
/** Recent failures weigh this much more than older ones (exponential moving average). */
const RECENT_ALPHA = 0.3;
/** Pseudo-count pulling a short history towards the cluster's failure rate so far. */
const PRIOR_WEIGHT = 2;

/**
 * Job names often carry a run number ("gp-job-52333-broadtest"): digit runs are folded so that a family of runs
 * shares one history. A bare executable number (SWF "x12") is an identity and stays as it is.
 */
export function appFamily(app: string | null): string {
  if (app === null) return '?';
  return /^[a-z]?\d+$/i.test(app) ? app : app.replace(/\d+/g, '#');
}

export interface FeatureTable {
  jobs: JobRecord[];
  /** Row-major, jobs.length × D. */
  x: Float64Array;
  /** 1 failed, 0 completed, -1 cancelled (left out of the metrics). */
  y: Int8Array;
  /** The user's raw past failure rate (the user-history baseline); the cluster's rate so far for a new user. */
  userRate: Float64Array;
}

export function buildFeatures(input: JobRecord[]): FeatureTable {
  const jobs = bySubmit(input);
  const n = jobs.length;
  const x = new Float64Array(n * D);
  const y = new Int8Array(n);
  const userRate = new Float64Array(n);
  const users = new Map<string, Stats>();
  const apps = new Map<string, Stats>();
  const userApps = new Map<string, Stats>();
  const queues = new Map<string, Stats>();
  let gN = 0;
  let gFail = 0;
  let gShare = 0;
  let gShareN = 0;
  const prior = () => (gFail + 1) / (gN + 2);
  const get = (m: Map<string, Stats>, k: string) => m.get(k) ?? m.set(k, newStats(prior())).get(k)!;
  const keys = (j: JobRecord) => [
    get(users, j.user),
    get(apps, appFamily(j.app)),
    get(userApps, `${j.user}\u0000${appFamily(j.app)}`),
    get(queues, j.queue ?? '?'),
  ];
  const rate = (s: Stats) => (s.fail + PRIOR_WEIGHT * prior()) / (s.n + PRIOR_WEIGHT);

  replay(
    jobs,
    (j) => {
      const job = jobs[j]!;
      const user = users.get(job.user)!;
      user.inFlight--;
      const l = label(job);
      if (l === null) return;
      const run = job.end !== null && job.start !== null ? job.end - job.start : null;
      const share = run !== null && job.req_time_s ? Math.min(run / job.req_time_s, 2) : null;
      gN++;
      gFail += l;
      if (share !== null) {
        gShare += share;
        gShareN++;
      }
      for (const s of keys(job)) {
        s.n++;
        s.fail += l;
        s.recent = (1 - RECENT_ALPHA) * s.recent + RECENT_ALPHA * l;
        s.last = l;
        s.lastEnd = Math.max(Number.isNaN(s.lastEnd) ? 0 : s.lastEnd, endTime(job));
        if (share !== null) {
          s.share += share;
          s.shareN++;
        }
      }
    },
    (i) => {
      const job = jobs[i]!;
      const [user, app, userApp, queue] = keys(job) as [Stats, Stats, Stats, Stats];
      const r = x.subarray(i * D, (i + 1) * D);
      const d = new Date(job.submit * 1000);
      r[0] = Math.log1p(job.req_cpus ?? job.alloc_cpus ?? 0);
      r[1] = Math.log1p(job.req_time_s ?? 0);
      r[2] = Math.log1p(job.req_mem_mb ?? 0);
      r[3] = d.getUTCHours();
      r[4] = d.getUTCDay();
      r[5] = rate(user);
      r[6] = Math.log1p(user.n);
      r[7] = user.recent;
      r[8] = user.last;
      r[9] = user.shareN ? user.share / user.shareN : gShareN ? gShare / gShareN : 0.5;
      r[10] = Math.log1p(Number.isNaN(user.lastEnd) ? 1e8 : Math.max(0, job.submit - user.lastEnd));
      r[11] = Math.log1p(user.inFlight);
      r[12] = rate(app);
      r[13] = Math.log1p(app.n);
      r[14] = app.recent;
      r[15] = rate(userApp);
      r[16] = rate(queue);
      userRate[i] = user.n ? user.fail / user.n : prior();
      y[i] = label(job) ?? -1;
      user.inFlight++;
    },
  );
  return { jobs, x, y, userRate };
}
