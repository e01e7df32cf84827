import type { Point } from '../../functions/_lib/line-protocol.ts';

/** A line the parser could not read: reported and skipped, never fatal. */
export interface Problem {
  line: number;
  text: string;
  reason: string;
}

export interface ParseResult {
  points: Point[];
  problems: Problem[];
}

export interface ParseContext {
  /** Timestamp for the points, epoch ms. */
  now: number;
  /** Tags added to every point (host, cluster). */
  tags: Record<string, string>;
}

export interface Parser {
  name: string;
  /** The exact command line whose output this parser reads. */
  command: string;
  description: string;
  parse(text: string, ctx: ParseContext): ParseResult;
}
