/** Why a file could not be turned into text. Each code has one HTTP status. */
export type IngestErrorCode =
  | 'unsupported-format'
  | 'corrupt-file'
  | 'too-large'
  | 'zip-bomb'
  | 'ocr-unavailable'
  | 'empty'
  | 'type-mismatch';

export const INGEST_ERROR_STATUS: Record<IngestErrorCode, number> = {
  'unsupported-format': 415,
  'type-mismatch': 415,
  'too-large': 413,
  'corrupt-file': 422,
  empty: 422,
  'zip-bomb': 422,
  'ocr-unavailable': 503,
};

/**
 * A refused upload. `message` is Vietnamese and says what is wrong and what the user
 * can do; it is safe to show as is (`{ error: { code, message, details } }`).
 */
export class IngestError extends Error {
  readonly code: IngestErrorCode;
  readonly status: number;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: IngestErrorCode, message: string, details?: Record<string, unknown>, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'IngestError';
    this.code = code;
    this.status = INGEST_ERROR_STATUS[code];
    this.details = details;
  }

  toJSON(): { error: { code: IngestErrorCode; message: string; details?: Record<string, unknown> } } {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.details === undefined ? {} : { details: this.details }),
      },
    };
  }
}

export function isIngestError(value: unknown): value is IngestError {
  return value instanceof IngestError;
}

/** Human-readable size in Vietnamese style ("12,5 MB"). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} byte`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const rounded = value >= 100 ? Math.round(value).toString() : value.toFixed(1).replace(/\.0$/, '');
  return `${rounded.replace('.', ',')} ${units[unit]}`;
}
