import type { FunctionDescriptor } from '../_lib/descriptor.ts';
import { createHandler } from '../_lib/platform.ts';
import { createApp } from './app.ts';

export const alerts = {
  name: 'alerts',
  description: 'Evaluates threshold and derivative rules over recent series and sends notifications.',
  createApp,
  schedules: [
    {
      task: 'evaluate',
      cron: '0 * * * * *',
      path: '/evaluate',
      then: { fn: 'notify', task: 'deliver', when: 'notices' },
    },
  ],
} satisfies FunctionDescriptor;

/** The `{ fetch, scheduled }` object a cron-triggered HTTP platform calls. */
export default createHandler(alerts);
