// A minimal XML reader for nvidia-smi's own output: elements, attributes, text, the five entities. No namespaces,
// CDATA or DTD processing (nvidia-smi emits none), so no dependency and no external-entity risk.

export interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  text: string;
  /** 1-based line of the opening tag, for problems. */
  line: number;
  /** False while the closing tag has not been seen: a truncated document leaves its last elements open. */
  closed: boolean;
}

export interface XmlResult {
  root?: XmlNode;
  error?: { line: number; reason: string };
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const decode = (s: string): string =>
  s.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);/gi, (_, e: string) =>
    e[0] === '#'
      ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1)))
      : (ENTITIES[e] ?? ''),
  );

const TOKEN =
  /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!DOCTYPE[^>]*>|<\/\s*([\w.:-]+)\s*>|<([\w.:-]+)((?:\s+[\w.:-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|<|[^<]+/g;
const ATTR = /([\w.:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

export function parseXml(text: string): XmlResult {
  const stack: XmlNode[] = [];
  let root: XmlNode | undefined;
  let line = 1;
  for (const m of text.matchAll(TOKEN)) {
    const tok = m[0];
    const at = line;
    line += tok.split('\n').length - 1;
    const top = stack[stack.length - 1];
    if (tok === '<') return { root, error: { line: at, reason: 'malformed tag' } };
    if (m[1] !== undefined) {
      if (!top || top.name !== m[1]) return { root, error: { line: at, reason: `unexpected </${m[1]}>` } };
      top.closed = true;
      stack.pop();
    } else if (m[2] !== undefined) {
      const node: XmlNode = { name: m[2], attrs: {}, children: [], text: '', line: at, closed: m[4] === '/' };
      for (const a of (m[3] ?? '').matchAll(ATTR)) node.attrs[a[1] ?? ''] = decode(a[2] ?? a[3] ?? '');
      if (top) top.children.push(node);
      else if (root) return { root, error: { line: at, reason: 'a second root element' } };
      else root = node;
      if (m[4] !== '/') stack.push(node);
    } else if (!tok.startsWith('<') && top) {
      top.text += decode(tok);
    }
  }
  if (!root) return { error: { line: 1, reason: 'no XML element found' } };
  if (stack.length)
    return { root, error: { line, reason: `truncated: <${stack[stack.length - 1]?.name}> is never closed` } };
  return { root };
}

/** The first descendant reached by a path of child names, e.g. child(gpu, 'fb_memory_usage', 'used'). */
export function child(node: XmlNode | undefined, ...path: string[]): XmlNode | undefined {
  let n = node;
  for (const name of path) n = n?.children.find((c) => c.name === name);
  return n;
}

export const textOf = (node: XmlNode | undefined, ...path: string[]): string | undefined =>
  child(node, ...path)?.text.trim();
