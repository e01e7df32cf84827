import type { Point } from '../../functions/_lib/line-protocol.ts';
import type { Exec } from '../exec.ts';
import type { Problem } from '../parsers/types.ts';

export interface CollectContext {
  now: number;
  tags: Record<string, string>;
  exec: Exec;
  timeoutMs: number;
  /** A folder this collector may keep state in across restarts (cursors, caches): <data_dir>/shim/<collector>. */
  stateDir: string;
}

export interface CollectResult {
  points: Point[];
  problems: Problem[];
  /** Set when the source could not be read at all (command missing, timed out, failed). */
  error?: string;
}

export interface Collector {
  name: string;
  collect(ctx: CollectContext): Promise<CollectResult>;
}
