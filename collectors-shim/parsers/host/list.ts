// Node, license and storage parsers, in the order `nomad-shim parsers` lists them.
import type { Parser } from '../types.ts';
import { arcstatsParser } from './arcstats.ts';
import { cgroupParser } from './cgroup.ts';
import { iostatParser } from './iostat.ts';
import { lmstatParser } from './lmstat.ts';
import { quotaParser } from './quota.ts';
import { repquotaParser } from './repquota.ts';
import { nvidiaSmiCsvParser } from './nvidia-smi-csv.ts';
import { nvidiaSmiXmlParser } from './nvidia-smi-xml.ts';
import { rlmstatParser } from './rlmstat.ts';
import { sensorsJsonParser } from './sensors-json.ts';
import { sensorsParser } from './sensors.ts';
import { zpoolIostatParser } from './zpool-iostat.ts';
import { zpoolListParser } from './zpool-list.ts';
import { zpoolStatusParser } from './zpool-status.ts';

export const hostParsers: Parser[] = [
  quotaParser,
  repquotaParser,
  nvidiaSmiCsvParser,
  nvidiaSmiXmlParser,
  sensorsParser,
  sensorsJsonParser,
  lmstatParser,
  rlmstatParser,
  zpoolStatusParser,
  zpoolListParser,
  zpoolIostatParser,
  arcstatsParser,
  iostatParser,
  cgroupParser,
];
