// A durable line queue: segment files on disk, a cursor written atomically, a size cap that drops the oldest.
// A line is on disk (fdatasync) before push returns, so kill -9 loses nothing already spooled. A replay after a
// crash can resend a batch that was written but not yet acknowledged: the lines keep their original timestamps,
// so InfluxDB stores the same point again rather than a second one.
import {
  closeSync,
  existsSync,
  fdatasyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  truncateSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import type { LineQueue } from './writer.ts';

export interface SpoolOptions {
  dir: string;
  /** Total bytes kept on disk; past it the oldest segments are dropped (and counted). Default 256 MiB. */
  maxBytes?: number;
  /** A segment is closed and a new one started past this size. Default 4 MiB. */
  segmentBytes?: number;
}

export interface Spool extends LineQueue {
  readonly bytes: number;
  /** Lines dropped by the size cap since the spool was created (persisted). */
  readonly dropped: number;
  close(): void;
}

interface Cursor {
  segment: number;
  offset: number;
  dropped: number;
}

const SEG = /^(\d{12})\.lp$/;
const segName = (n: number) => `${String(n).padStart(12, '0')}.lp`;

export function openSpool(opts: SpoolOptions): Spool {
  const { dir } = opts;
  const maxBytes = opts.maxBytes ?? 256 * 1024 * 1024;
  const segmentBytes = opts.segmentBytes ?? 4 * 1024 * 1024;
  mkdirSync(dir, { recursive: true });
  takeLock(join(dir, 'lock'));
  const cursorPath = join(dir, 'cursor.json');
  let cursor: Cursor = existsSync(cursorPath)
    ? (JSON.parse(readFileSync(cursorPath, 'utf8')) as Cursor)
    : { segment: 0, offset: 0, dropped: 0 };
  let segments = readdirSync(dir)
    .flatMap((f) => (SEG.exec(f) ? [Number(SEG.exec(f)![1])] : []))
    .sort((a, b) => a - b);
  segments = segments.filter((s) => (s < cursor.segment ? (rmSync(join(dir, segName(s))), false) : true));
  repairTornTail(dir, segments.at(-1));
  const sizes = new Map(segments.map((s) => [s, statSync(join(dir, segName(s))).size]));
  let count = segments.reduce((n, s) => n + countLines(readFrom(s, s === cursor.segment ? cursor.offset : 0)), 0);
  let writeSeg = segments.at(-1) ?? cursor.segment;
  let fd = openSync(join(dir, segName(writeSeg)), 'a');
  if (!sizes.has(writeSeg)) {
    segments.push(writeSeg);
    sizes.set(writeSeg, 0);
  }

  function readFrom(seg: number, offset: number): string {
    const buf = readFileSync(join(dir, segName(seg)));
    return buf.subarray(offset).toString('utf8');
  }

  function saveCursor() {
    const tmp = `${cursorPath}.tmp`;
    const f = openSync(tmp, 'w');
    writeSync(f, JSON.stringify(cursor));
    fdatasyncSync(f);
    closeSync(f);
    renameSync(tmp, cursorPath);
  }

  const totalBytes = () =>
    [...sizes.entries()].reduce((n, [s, b]) => n + (s === cursor.segment ? b - cursor.offset : b), 0);

  /** Drops whole oldest segments until under the cap; never the one being written. */
  function enforceCap() {
    while (totalBytes() > maxBytes && segments.length > 1) {
      const oldest = segments.shift()!;
      const lost = countLines(readFrom(oldest, oldest === cursor.segment ? cursor.offset : 0));
      rmSync(join(dir, segName(oldest)), { force: true });
      sizes.delete(oldest);
      count -= lost;
      cursor = { segment: segments[0]!, offset: 0, dropped: cursor.dropped + lost };
      saveCursor();
    }
  }

  return {
    push(lines) {
      if (lines.length === 0) return;
      const data = Buffer.from(`${lines.join('\n')}\n`, 'utf8');
      if ((sizes.get(writeSeg) ?? 0) > 0 && (sizes.get(writeSeg) ?? 0) + data.length > segmentBytes) {
        closeSync(fd);
        writeSeg += 1;
        fd = openSync(join(dir, segName(writeSeg)), 'a');
        segments.push(writeSeg);
        sizes.set(writeSeg, 0);
      }
      writeSync(fd, data);
      fdatasyncSync(fd);
      sizes.set(writeSeg, (sizes.get(writeSeg) ?? 0) + data.length);
      count += lines.length;
      enforceCap();
    },
    peek(max) {
      const out: string[] = [];
      for (const s of segments) {
        if (out.length >= max) break;
        const text = readFrom(s, s === cursor.segment ? cursor.offset : 0);
        for (const line of text.split('\n')) {
          if (out.length >= max) break;
          if (line) out.push(line);
        }
      }
      return out;
    },
    drop(n) {
      let left = n;
      while (left > 0 && segments.length) {
        const s = cursor.segment;
        const text = readFrom(s, cursor.offset);
        let pos = 0;
        while (left > 0) {
          const nl = text.indexOf('\n', pos);
          if (nl < 0) break;
          pos = nl + 1;
          left--;
          count--;
        }
        cursor = { ...cursor, offset: cursor.offset + Buffer.byteLength(text.slice(0, pos)) };
        if (left > 0 || (cursor.offset >= (sizes.get(s) ?? 0) && s !== writeSeg)) {
          if (s === writeSeg) break;
          rmSync(join(dir, segName(s)), { force: true });
          sizes.delete(s);
          segments.shift();
          cursor = { segment: segments[0] ?? writeSeg, offset: 0, dropped: cursor.dropped };
        }
      }
      saveCursor();
    },
    get size() {
      return count;
    },
    get bytes() {
      return totalBytes();
    },
    get dropped() {
      return cursor.dropped;
    },
    close() {
      closeSync(fd);
      rmSync(join(dir, 'lock'), { force: true });
    },
  };
}

/** One process per spool: a second shim on the same data_dir would interleave and double-send. */
function takeLock(path: string): void {
  if (existsSync(path)) {
    const pid = Number(readFileSync(path, 'utf8'));
    if (pid && pid !== process.pid && isAlive(pid)) throw new Error(`spool ${path} is in use by pid ${pid}`);
  }
  const f = openSync(path, 'w');
  writeSync(f, String(process.pid));
  closeSync(f);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A crash in the middle of a write can leave a last line without its newline: cut it off. */
function repairTornTail(dir: string, seg: number | undefined): void {
  if (seg === undefined) return;
  const path = join(dir, segName(seg));
  const buf = readFileSync(path);
  if (buf.length === 0 || buf[buf.length - 1] === 0x0a) return;
  truncateSync(path, buf.lastIndexOf(0x0a) + 1);
}

function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
