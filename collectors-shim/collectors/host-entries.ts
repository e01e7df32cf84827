// The node, license and storage collectors the shim schedules.
import type { CollectorEntry } from './entry.ts';

export const hostEntries: CollectorEntry[] = [];
