import type { FunctionDescriptor } from '../_lib/descriptor.ts';
import { createHandler } from '../_lib/platform.ts';
import { createApp } from './app.ts';

export const ingest = {
  name: 'ingest',
  description: 'Receives signed job events from the SLURM prolog and epilog hooks and writes them.',
  createApp,
  schedules: [],
} satisfies FunctionDescriptor;

export default createHandler(ingest);
