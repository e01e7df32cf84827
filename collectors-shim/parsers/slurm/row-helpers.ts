// Small allocation-free helpers for the hot loops of the text parsers (a large sacct or squeue output is read in
// one go, and every string or array kept per row is one more for the garbage collector to copy).

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
