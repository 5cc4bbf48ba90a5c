export { extract, type ExtractOptions } from './pipeline.ts';
export { isNotice, validateNotice } from './schema.ts';
export type * from './types.ts';
