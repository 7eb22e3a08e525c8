import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const SCRIPT = join(import.meta.dirname, "support", "thread-count-report.ts");
/** 1 and 64 filter sequentially (fewer columns than threads); 2, 3 and 20 split a filter's output by thread. */
const THREAD_COUNTS = [1, 2, 3, 20, 64];

/** The golden result set's text and JSON reports, from a child process whose polars uses `threads` threads. */
async function reportWith(threads: number): Promise<string> {
  const { stdout } = await run(process.execPath, ["--import", "tsx", SCRIPT], {
    env: { ...process.env, POLARS_MAX_THREADS: String(threads) },
    maxBuffer: 256 * 1024 * 1024,
  });
  return stdout;
}

describe("report statistics and polars' thread count", () => {
  it("prints byte-identical text and JSON reports whatever POLARS_MAX_THREADS is", async () => {
    const reports = await Promise.all(THREAD_COUNTS.map(reportWith));
    const first = reports[0] as string;
    expect(first.length).toBeGreaterThan(1000);
    // The reports hold the float statistics that used to depend on chunking.
    expect(first).toContain("avg_run_duration_std");
    const firstLines = first.split("\n");
    reports.forEach((report, i) => {
      const lines = report.split("\n");
      const differing = lines
        .map((line, n) => ({ line: n + 1, expected: firstLines[n], actual: line }))
        .filter(({ expected, actual }) => expected !== actual);
      expect(differing, `POLARS_MAX_THREADS=${THREAD_COUNTS[i]} vs 1`).toEqual([]);
      expect(report === first, `POLARS_MAX_THREADS=${THREAD_COUNTS[i]}: byte-identical`).toBe(true);
    });
  }, 240_000);
});
