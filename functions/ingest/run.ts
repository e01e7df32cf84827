// Turns one hook event into a `nomad_job_event` point. Job ids, names and users are fields, never tags.
import type { Deps } from '../_lib/deps.ts';
import { int } from '../_lib/line-protocol.ts';
import { jobSlot, jobTime, numericJobId } from '../_lib/job-time.ts';
import type { JobEvent } from './schemas.ts';

export const JOB_EVENT_MEASUREMENT = 'nomad_job_event';

export async function runIngest(deps: Deps, events: JobEvent[]) {
  const cluster = deps.config().general.cluster;
  const points = events.map((e) => {
    const id = numericJobId(e.job_id);
    return {
      measurement: JOB_EVENT_MEASUREMENT,
      tags: { cluster: e.cluster || cluster, event: e.event, partition: e.partition, slot: jobSlot(id) },
      fields: {
        job_id: e.job_id,
        array_job_id: e.array_job_id || undefined,
        array_task_id: e.array_task_id || undefined,
        user: e.user,
        uid: e.uid === undefined ? undefined : int(e.uid),
        account: e.account,
        job_name: e.job_name,
        num_nodes: e.num_nodes === undefined ? undefined : int(e.num_nodes),
        nodes: e.nodes,
        host: e.host,
        exit_code: e.exit_code === undefined ? undefined : int(e.exit_code),
      },
      time: jobTime(e.at, id),
    };
  });
  const r = await deps.store.write(points);
  return { written: points.length - r.rejected.length };
}
