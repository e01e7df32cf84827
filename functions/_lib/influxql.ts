// Quoting for InfluxQL: every name and string a user or a config can set goes through these.

/** A double-quoted identifier (measurement, field, tag key). */
export const ident = (s: string): string => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

/** A single-quoted string literal (a tag value in WHERE). */
export const literal = (s: string): string => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
