// Reads a job trace from disk (gzip by magic bytes, through node:zlib streams) and hands the text to the pure importers.
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import { importSacct } from '../functions/_lib/jobs/import-sacct.ts';
import { importSwf } from '../functions/_lib/jobs/import-swf.ts';
import { importTorque } from '../functions/_lib/jobs/import-torque.ts';
import type { ImportResult } from '../functions/_lib/jobs/record.ts';

export const TRACE_FORMATS = ['swf', 'torque', 'sacct-csv'] as const;
export type TraceFormat = (typeof TRACE_FORMATS)[number];

const IMPORTERS: Record<TraceFormat, (text: string) => ImportResult> = {
  swf: importSwf,
  torque: importTorque,
  'sacct-csv': importSacct,
};

export async function readTraceText(path: string): Promise<string> {
  const fh = await open(path, 'r');
  const magic = Buffer.alloc(2);
  await fh.read(magic, 0, 2, 0);
  await fh.close();
  const gz = magic[0] === 0x1f && magic[1] === 0x8b;
  const chunks: Buffer[] = [];
  const stream = gz ? createReadStream(path).pipe(createGunzip()) : createReadStream(path);
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function importTraceFile(format: TraceFormat, path: string): Promise<ImportResult> {
  return IMPORTERS[format](await readTraceText(path));
}
