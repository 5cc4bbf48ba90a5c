/**
 * @dondoc/core — pure extraction of Vietnamese conclusion notices (notice@1).
 * Standard library only, no I/O.
 */

export { DEPARTMENT_SUCCESSORS, expandAbbreviations } from './agencies/lexicon.ts';
export { matchAgencyListAt } from './agencies/phrase.ts';
export { currentProvinceOf, lookupProvince, PROVINCES, type Province } from './gazetteer/provinces.ts';
export { type ExtractOptions, extract } from './pipeline.ts';
export { isNotice, validateNotice } from './schema.ts';
export { asciiKey, squash, toneKey } from './text/fold.ts';
export type * from './types.ts';
