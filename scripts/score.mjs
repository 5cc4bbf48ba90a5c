#!/usr/bin/env node
// Scores a folder of predictions against a folder of gold files with the repository's
// scorer; same interface and output as ../shared/eval/score.mjs:
//
//   node scripts/score.mjs --gold DIR --pred DIR [--json] [--verbose]
import { formatSummary, formatVerbose, scoreDirs } from './score-lib.mjs';

const args = process.argv.slice(2);
const opt = (name) => {
  const i = args.indexOf(name);
  return i < 0 ? undefined : args[i + 1];
};
const goldDir = opt('--gold');
const predDir = opt('--pred');
if (!goldDir || !predDir) {
  console.error('usage: score.mjs --gold DIR --pred DIR [--json] [--verbose]');
  process.exit(2);
}
const report = scoreDirs(goldDir, predDir);
if (args.includes('--json')) console.log(JSON.stringify(report, null, 2));
else {
  if (args.includes('--verbose')) for (const line of formatVerbose(report)) console.log(line);
  console.log(formatSummary(report));
}
