// Types for perturb.mjs.
export const PERTURB: Record<string, (text: string, random: () => number) => string>;
export function perturbText(text: string, names: string[], key: string): string;
