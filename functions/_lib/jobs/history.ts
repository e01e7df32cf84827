// Replays jobs in submit order, as a deployment sees them: a job enters the history only once it has ended, and
// only jobs that ended before (or at) the current submit time are visible. A job is never in its own history.
import { type JobRecord, isFailure } from './record.ts';

/** The outcome the model predicts: 1 failed, 0 completed, null cancelled by its owner (left out). */
export function label(job: JobRecord): 0 | 1 | null {
  if (job.state === 'CANCELLED') return null;
  return isFailure(job.state) ? 1 : 0;
}

/** When the outcome becomes known. A job cancelled while pending has no end: it never informs the history. */
export function endTime(job: JobRecord): number {
  return job.end ?? job.start ?? job.submit;
}

/** Sorted by submit time (then id, so equal submits keep a stable order). */
export function bySubmit(jobs: JobRecord[]): JobRecord[] {
  return [...jobs].sort((a, b) => a.submit - b.submit || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * Calls `onSubmit(i)` for each job in order, after `onEnd(j)` for every earlier job j that ended at or before
 * job i's submit. Jobs must be sorted by submit.
 */
export function replay(jobs: JobRecord[], onEnd: (j: number) => void, onSubmit: (i: number) => void): void {
  const heap: number[] = [];
  const key = (j: number) => endTime(jobs[j]!);
  const push = (j: number) => {
    heap.push(j);
    let c = heap.length - 1;
    while (c > 0) {
      const p = (c - 1) >> 1;
      if (key(heap[p]!) <= key(heap[c]!)) break;
      [heap[p], heap[c]] = [heap[c]!, heap[p]!];
      c = p;
    }
  };
  const pop = (): number => {
    const top = heap[0]!;
    const last = heap.pop()!;
    if (heap.length) {
      heap[0] = last;
      let p = 0;
      for (;;) {
        const l = 2 * p + 1;
        const r = l + 1;
        let m = p;
        if (l < heap.length && key(heap[l]!) < key(heap[m]!)) m = l;
        if (r < heap.length && key(heap[r]!) < key(heap[m]!)) m = r;
        if (m === p) break;
        [heap[p], heap[m]] = [heap[m]!, heap[p]!];
        p = m;
      }
    }
    return top;
  };
  for (let i = 0; i < jobs.length; i++) {
    const t = jobs[i]!.submit;
    while (heap.length && key(heap[0]!) <= t) onEnd(pop());
    onSubmit(i);
    push(i);
  }
}
