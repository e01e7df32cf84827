// Small allocation-free helpers for the hot loops of the text parsers (a large sacct or squeue output is read in
// one go, and every string or array kept per row is one more for the garbage collector to copy).
import type { Problem } from '../types.ts';

/** How many `|` a string holds. */
export function countPipes(s: string): number {
  let n = 0;
  for (let at = s.indexOf('|'); at >= 0; at = s.indexOf('|', at + 1)) n++;
  return n;
}

/** Column `k` of a `|` row without splitting it; only for columns before any free-text one (which may hold `|`). */
export function cellAt(row: string, k: number): string {
  let start = 0;
  for (let n = 0; n < k; n++) start = row.indexOf('|', start) + 1;
  const end = row.indexOf('|', start);
  return row.slice(start, end < 0 ? undefined : end);
}

/** A cache of `f` by its input for one read (undefined passes through uncached). */
export function memo<T>(f: (s: string) => T): (s: string | undefined) => T | undefined {
  const seen = new Map<string, T>();
  return (s) => {
    if (s === undefined) return undefined;
    let v = seen.get(s);
    if (v === undefined) seen.set(s, (v = f(s)));
    return v;
  };
}

/**
 * Splits `|` rows whose last column is free text (a job name or reason may hold `|` and newlines), handing each
 * record to `onRow` once it is complete. A line that does not start a record (`isStart`) continues the previous
 * record's last column. Rows are not kept: a 20,000-job queue never lives in memory as 280,000 cells at once.
 */
export function eachPipeRow(
  text: string,
  columns: number,
  isStart: (line: string) => boolean,
  onRow: (line: number, cells: string[]) => void,
  skip = 0,
): Problem[] {
  const problems: Problem[] = [];
  let prev: { line: number; cells: string[]; lines: number } | undefined;
  let i = 0;
  for (let at = 0; at < text.length; i++) {
    const nl = text.indexOf('\n', at);
    const end = nl < 0 ? text.length : nl;
    const line = text.charCodeAt(end - 1) === 13 && end > at ? text.slice(at, end - 1) : text.slice(at, end);
    at = end + 1;
    if (i < skip) continue;
    const cells = line.split('|');
    if (cells.length >= columns && isStart(line)) {
      if (prev) onRow(prev.line, prev.cells);
      // Only a `|` inside the last (free-text) column makes more cells than columns: join them back.
      if (cells.length > columns) cells.push(cells.splice(columns - 1).join('|'));
      prev = { line: i + 1, cells, lines: 1 };
      continue;
    }
    // Continuation lines carry no `|` (a garbled row does, and is reported), and follow their record directly.
    if (prev && prev.line - 1 + prev.lines === i && !line.includes('|')) {
      prev.cells[columns - 1] += `\n${line}`;
      prev.lines++;
      continue;
    }
    if (line.trim())
      problems.push({
        line: i + 1,
        text: line,
        reason: `expected ${columns} '|'-separated columns, got ${cells.length}`,
      });
  }
  if (prev) onRow(prev.line, prev.cells);
  return problems;
}

/** eachPipeRow, collected: for small outputs (sinfo). */
export function pipeRows(
  text: string,
  columns: number,
  isStart: (line: string) => boolean,
  skip = 0,
): { rows: Array<{ line: number; cells: string[] }>; problems: Problem[] } {
  const rows: Array<{ line: number; cells: string[] }> = [];
  const problems = eachPipeRow(text, columns, isStart, (line, cells) => rows.push({ line, cells }), skip);
  return { rows, problems };
}
