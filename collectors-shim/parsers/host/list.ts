// Node, license and storage parsers, in the order `nomad-shim parsers` lists them.
import type { Parser } from '../types.ts';
import { lmstatParser } from './lmstat.ts';
import { nvidiaSmiCsvParser } from './nvidia-smi-csv.ts';
import { nvidiaSmiXmlParser } from './nvidia-smi-xml.ts';
import { rlmstatParser } from './rlmstat.ts';
import { sensorsJsonParser } from './sensors-json.ts';
import { sensorsParser } from './sensors.ts';

export const hostParsers: Parser[] = [
  nvidiaSmiCsvParser,
  nvidiaSmiXmlParser,
  sensorsParser,
  sensorsJsonParser,
  lmstatParser,
  rlmstatParser,
];
