import type { FunctionDescriptor } from '../_lib/descriptor.ts';
import { createHandler } from '../_lib/platform.ts';
import { createApp } from './app.ts';

export const notify = {
  name: 'notify',
  description: 'Delivers alert notices from the outbox to email, Slack and webhooks, each once.',
  createApp,
  // A sweep for retries and for Grafana's alerts; NOMAD's own notices are delivered as soon as they are made.
  schedules: [{ task: 'deliver', cron: '*/30 * * * * *', path: '/deliver' }],
} satisfies FunctionDescriptor;

export default createHandler(notify);
