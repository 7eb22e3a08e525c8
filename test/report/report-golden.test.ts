import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type pl from "nodejs-polars";
import { describe, expect, it } from "vitest";
import { combineResultFrames } from "../../src/report/combine-results.js";
import { generateJsonStatsReport } from "../../src/report/json-report.js";
import { writeResultsDirectory } from "../../src/report/results-directory.js";
import { generateValidationReport } from "../../src/report/text-report.js";
import { MultiScenarioRunnerConfig } from "../../src/runner/config.js";
import { goldenJobs } from "./golden-results.js";

/**
 * Golden outputs of the report path (frames, text and JSON reports, result files) over a large deterministic
 * synthetic result set. The golden file was written by the code before the report path was optimised, so this
 * test proves the faster code prints the same bytes. Rewrite it only for an intended output change:
 * `PARE_WRITE_REPORT_GOLDEN=1 npx vitest run test/report/report-golden.test.ts`.
 */
const GOLDEN_PATH = join(import.meta.dirname, "..", "fixtures", "report-golden.json");
const GENERATED_AT = "2025-01-01T00:00:00Z";

const sha256 = (data: string | Buffer): string => createHash("sha256").update(data).digest("hex");

/** Every column's name, dtype and values; -0 and NaN are spelled out (JSON would print 0 and null). */
function frameDigest(frame: pl.DataFrame): string {
  const parts = frame.getColumns().map((series) => {
    const values = (series.toArray() as unknown[]).map((v) => {
      if (typeof v === "number" && (Object.is(v, -0) || Number.isNaN(v)))
        return `<${String(Object.is(v, -0) ? "-0" : v)}>`;
      if (typeof v === "bigint") return `<bigint ${v}>`;
      return v;
    });
    return JSON.stringify([series.name, series.dtype.toString(), series.nullCount(), values]);
  });
  return sha256(`${frame.height}\n${parts.join("\n")}`);
}

function fileDigests(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of ["results.csv", "results.parquet", "run_manifest.json"]) {
    const path = join(dir, name);
    out[name] = existsSync(path) ? sha256(readFileSync(path)) : "absent";
  }
  return out;
}

function computeGolden(): Record<string, unknown> {
  const jobs = goldenJobs();
  const out: Record<string, unknown> = {};
  const config = MultiScenarioRunnerConfig.parse({});
  for (const { name, multi } of jobs) {
    const frame = multi.toPolars();
    const withExtra = multi.toPolars({ experiment: "golden", note: "ünï" });
    const dir = mkdtempSync(join(tmpdir(), "pare-golden-"));
    try {
      const paths = writeResultsDirectory(dir, {
        multi,
        split: "full",
        generatedAt: GENERATED_AT,
        config,
        manifest: { job: name },
        weights: { messaging: 0.5 },
        extraColumns: { experiment: "golden" },
      });
      out[name] = {
        rows: frame.height,
        frame: frameDigest(frame),
        frameWithExtra: frameDigest(withExtra),
        columns: withExtra.columns,
        text: multi.description("full", GENERATED_AT),
        textErrorsAsFailures: multi.description(
          "test",
          GENERATED_AT,
          { email: 1 / 3 },
          {
            countErrorsAsFailures: true,
          },
        ),
        textUnbiased3: multi.description("full", GENERATED_AT, undefined, { unbiasedK: 3 }),
        json: generateJsonStatsReport(frame, "full", undefined, GENERATED_AT),
        files: {
          resultJson: paths.resultJson ? sha256(readFileSync(paths.resultJson)) : null,
          reportTxt: paths.reportTxt ? readFileSync(paths.reportTxt, "utf8") : null,
          ...fileDigests(dir),
        },
      };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  // Several configs in one (multi-chunk) frame, as `pare report` combines result files.
  const combined = combineResultFrames(jobs.map(({ multi }) => multi.toPolars()));
  const reversed = combineResultFrames(jobs.map(({ multi }) => multi.toPolars()).reverse());
  out.combined = {
    rows: combined.height,
    frame: frameDigest(combined),
    text: generateValidationReport(combined, "full", GENERATED_AT),
    textErrorsAsFailures: generateValidationReport(combined, "full", GENERATED_AT, undefined, {
      countErrorsAsFailures: true,
    }),
    json: generateJsonStatsReport(combined, "full", { app: 2 }, GENERATED_AT, { unbiasedK: 2 }),
    reversedText: generateValidationReport(reversed, "full", GENERATED_AT),
  };
  return out;
}

describe("report golden outputs", () => {
  it("prints the same frames, reports and files as before the report path was optimised", () => {
    const actual = JSON.parse(JSON.stringify(computeGolden()));
    if (process.env.PARE_WRITE_REPORT_GOLDEN === "1") {
      writeFileSync(GOLDEN_PATH, `${JSON.stringify(actual, null, 1)}\n`);
      return;
    }
    const golden = JSON.parse(readFileSync(GOLDEN_PATH, "utf8"));
    for (const key of Object.keys(golden)) expect(actual[key], key).toEqual(golden[key]);
    expect(Object.keys(actual)).toEqual(Object.keys(golden));
  });
});
