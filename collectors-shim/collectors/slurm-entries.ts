// The SLURM collectors the shim schedules.
import type { CollectorEntry } from './entry.ts';

export const slurmEntries: CollectorEntry[] = [];
