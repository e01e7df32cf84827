// The one error model: a closed set of codes, each with an HTTP status and a log category.
export const errorCodes = {
  bad_request: 400,
  unauthorized: 401,
  not_found: 404,
  conflict: 409,
  store_unavailable: 503,
  store_rejected: 502,
  notify_failed: 502,
  config_invalid: 500,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof errorCodes;
export type ErrorCategory = 'config' | 'collector' | 'store' | 'rule' | 'notify' | 'internal';

export class NomadError extends Error {
  readonly code: ErrorCode;
  readonly category: ErrorCategory;
  readonly field: string | undefined;
  readonly retryable: boolean;

  constructor(
    code: ErrorCode,
    message: string,
    opts: { category?: ErrorCategory; field?: string; retryable?: boolean; cause?: unknown } = {},
  ) {
    super(message, { cause: opts.cause });
    this.name = 'NomadError';
    this.code = code;
    this.category = opts.category ?? defaultCategory(code);
    this.field = opts.field;
    this.retryable = opts.retryable ?? false;
  }

  get status(): number {
    return errorCodes[this.code];
  }

  toJSON(): { code: ErrorCode; message: string; field?: string } {
    return this.field === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, field: this.field };
  }
}

function defaultCategory(code: ErrorCode): ErrorCategory {
  if (code === 'store_unavailable' || code === 'store_rejected') return 'store';
  if (code === 'notify_failed') return 'notify';
  if (code === 'config_invalid') return 'config';
  return 'internal';
}

/** Wraps anything thrown into a NomadError so callers handle one shape. */
export function toNomadError(err: unknown): NomadError {
  if (err instanceof NomadError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new NomadError('internal', message, { cause: err });
}

/** Turns a zod issue list into one message naming each field, for 4xx bodies and config errors. */
export function describeIssues(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>): {
  field: string;
  message: string;
} {
  const parts = issues.map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`);
  const first = issues[0];
  return { field: first ? first.path.map(String).join('.') || '(root)' : '(root)', message: parts.join('; ') };
}
