// Every function the local runner hosts. A new function is one more line here.
import { alerts } from '../functions/alerts/index.ts';
import { ingest } from '../functions/ingest/index.ts';
import { notify } from '../functions/notify/index.ts';
import type { FunctionDescriptor } from '../functions/_lib/descriptor.ts';

export const functions: FunctionDescriptor[] = [alerts, notify, ingest];
