import type { FunctionDescriptor } from '../_lib/descriptor.ts';
import { createHandler } from '../_lib/platform.ts';
import { createApp } from './app.ts';

export const notify = {
  name: 'notify',
  description: 'Delivers alert notices from the outbox to email, Slack and webhooks, each once.',
  createApp,
  schedules: [{ task: 'deliver', cron: '*/2 * * * * *', path: '/deliver' }],
} satisfies FunctionDescriptor;

export default createHandler(notify);
