export { type ExtractOptions, extract } from './pipeline.ts';
export { isNotice, validateNotice } from './schema.ts';
export type * from './types.ts';
