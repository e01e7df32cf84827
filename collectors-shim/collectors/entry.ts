import type { Config } from '../../functions/_lib/config.ts';
import type { Collector } from './types.ts';

/** A collector and where its settings live; built per run so a reloaded config applies at once. */
export interface CollectorEntry {
  name: string;
  settings: (c: Config) => { enabled: boolean; interval: number; timeout: number };
  build: (c: Config) => Collector;
}
