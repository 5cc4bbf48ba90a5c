import type { Notice } from './types.ts';

export interface ExtractOptions {
  /** Reference date for relative deadlines when the notice has no date (ISO). */
  today?: string;
}

/** Reads one notice's text and returns its record. Never throws. */
export function extract(input: string, _options: ExtractOptions = {}): Notice {
  const text = typeof input === 'string' ? input.normalize('NFC') : '';
  return {
    schema: 'notice@1',
    number: null,
    notation: null,
    docType: null,
    issuer: null,
    place: null,
    date: null,
    subject: null,
    meeting: { date: null, presider: null },
    tasks: [],
    recipients: [],
    signer: null,
    received: null,
    warnings: [],
    text,
    spans: {},
  };
}
