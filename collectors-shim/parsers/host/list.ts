// Node, license and storage parsers, in the order `nomad-shim parsers` lists them.
import type { Parser } from '../types.ts';
import { nvidiaSmiCsvParser } from './nvidia-smi-csv.ts';
import { nvidiaSmiXmlParser } from './nvidia-smi-xml.ts';
import { sensorsJsonParser } from './sensors-json.ts';
import { sensorsParser } from './sensors.ts';

export const hostParsers: Parser[] = [nvidiaSmiCsvParser, nvidiaSmiXmlParser, sensorsParser, sensorsJsonParser];
