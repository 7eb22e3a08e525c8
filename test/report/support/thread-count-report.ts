/**
 * Prints the text and JSON reports of the golden result set (each job, and all jobs combined) as one JSON document.
 * Run in a child process by thread-count-determinism.test.ts: POLARS_MAX_THREADS must be set before polars loads.
 */
import { combineResultFrames } from "../../../src/report/combine-results.js";
import { groupByFingerprint } from "../../../src/report/fingerprint-groups.js";
import { generateJsonStatsReport } from "../../../src/report/json-report.js";
import { generateValidationReport } from "../../../src/report/text-report.js";
import { goldenJobs } from "../golden-results.js";

const GENERATED_AT = "2025-01-01T00:00:00Z";
const jobs = goldenJobs();
const frames = jobs.map(({ multi }) => multi.toPolars());
const reports: Record<string, unknown> = {};
jobs.forEach(({ name }, i) => {
  const frame = frames[i]!;
  reports[name] = {
    text: generateValidationReport(frame, "full", GENERATED_AT),
    textErrorsAsFailures: generateValidationReport(frame, "full", GENERATED_AT, undefined, {
      countErrorsAsFailures: true,
    }),
    json: generateJsonStatsReport(frame, "full", undefined, GENERATED_AT),
  };
});
const combined = combineResultFrames(frames);
reports.combined = {
  text: generateValidationReport(combined, "full", GENERATED_AT),
  textErrorsAsFailures: generateValidationReport(combined, "full", GENERATED_AT, undefined, {
    countErrorsAsFailures: true,
  }),
  json: generateJsonStatsReport(combined, "full", { app: 2 }, GENERATED_AT, { unbiasedK: 2 }),
};
// As `pare report` reads them: split by fingerprint (a filter of the wide frame), then reported.
reports.byFingerprint = groupByFingerprint(combined).map(({ fingerprint, frame }) => ({
  fingerprint,
  text: generateValidationReport(frame, "full", GENERATED_AT),
  json: generateJsonStatsReport(frame, "full", undefined, GENERATED_AT),
}));
// One field per line, so that a difference is reported as the lines that differ.
process.stdout.write(`${JSON.stringify(reports, null, 1)}\n`);
