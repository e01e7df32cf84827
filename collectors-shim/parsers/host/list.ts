// Node, license and storage parsers, in the order `nomad-shim parsers` lists them.
import type { Parser } from '../types.ts';
import { nvidiaSmiCsvParser } from './nvidia-smi-csv.ts';
import { nvidiaSmiXmlParser } from './nvidia-smi-xml.ts';

export const hostParsers: Parser[] = [nvidiaSmiCsvParser, nvidiaSmiXmlParser];
