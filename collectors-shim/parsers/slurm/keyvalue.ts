// `scontrol -o show …` lines: `Key=value` pairs where values may hold spaces. Keys start upper case, so a value such
// as `a=b` inside free text does not start a pair; `tail` keys (Reason=) take the rest of the line, and `span` keys
// (JobName=) run to the given next key, since both are free text.

export function readKeyValues(
  line: string,
  opts: { tail?: string[]; span?: Record<string, string> } = {},
): Map<string, string> {
  const out = new Map<string, string>();
  let rest = line.trim();
  for (const key of opts.tail ?? []) {
    const at = rest.search(new RegExp(`(?:^|\\s)${key}=`));
    if (at < 0) continue;
    const start = rest.indexOf(`${key}=`, at);
    out.set(key, rest.slice(start + key.length + 1));
    rest = rest.slice(0, at);
  }
  for (const [key, next] of Object.entries(opts.span ?? {})) {
    const m = new RegExp(`(?:^|\\s)${key}=([\\s\\S]*?)\\s${next}=`).exec(rest);
    if (!m) continue;
    out.set(key, m[1] ?? '');
    rest = rest.slice(0, m.index) + rest.slice(m.index + m[0].length - next.length - 2); // keep ` Next=`
  }
  const parts = rest.split(/\s+(?=[A-Z][A-Za-z0-9_/:]*=)/);
  for (const p of parts) {
    const eq = p.indexOf('=');
    if (eq > 0) out.set(p.slice(0, eq), p.slice(eq + 1).trim());
  }
  return out;
}
