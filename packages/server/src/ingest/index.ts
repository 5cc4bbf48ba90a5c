export {
  convertToText,
  DEFAULT_MAX_BYTES,
  type IngestFormat,
  type IngestInput,
  type IngestOptions,
  type IngestResult,
} from './convert.ts';
export { INGEST_ERROR_STATUS, IngestError, type IngestErrorCode, isIngestError } from './errors.ts';
export { configureOcr } from './ocr.ts';
