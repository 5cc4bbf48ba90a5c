// Types for score-lib.mjs (the scorer stays plain JavaScript so that it runs without tsx).
export interface DocReport {
  file: string;
  tp: number;
  fp: number;
  fn: number;
  misses: string[];
  extras: string[];
  wrongLead: { task: string; gold: unknown; pred: unknown }[];
  wrongDue: { task: string; gold: unknown; pred: unknown }[];
  fields: Record<string, 'ok' | { gold: unknown; pred: unknown }>;
}
export interface Totals {
  documents: number;
  tasks: { tp: number; fp: number; fn: number; precision: number; recall: number; f1: number };
  leadAccuracy: number;
  dueAccuracy: number;
  supportF1: number;
  recipientsF1: number;
  fields: Record<string, number>;
  fieldsMean: number;
}
export interface Report {
  docs: DocReport[];
  totals: Totals;
}
export const FIELDS: Record<string, (gold: unknown, pred: unknown) => boolean>;
export function fold(s: unknown): string;
export function agencyKey(s: unknown): string;
export function agencyMatch(a: unknown, b: unknown): boolean;
export function dice(a: unknown, b: unknown): number;
export function scoreDocs(docs: { file: string; gold: unknown; pred: unknown }[]): Report;
export function formatSummary(report: Report): string;
export function formatVerbose(report: Report): string[];
export function readPrediction(file: string): unknown;
export function goldFiles(goldDir: string): string[];
export function scoreDirs(goldDir: string, predDir: string): Report;
