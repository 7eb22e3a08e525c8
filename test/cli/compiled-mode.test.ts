// The launcher's two modes: compiled JavaScript from dist/ and the TypeScript sources through tsx. Both must
// print the same help, name the job the same and give byte-identical results; worker threads work in both.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildIsCurrent } from "../../bin/build-stamp.mjs";

const ROOT = resolve(import.meta.dirname, "../..");
const BIN = join(ROOT, "bin", "pare.mjs");

function pare(args: string[], runtime: "dist" | "tsx" | "auto", env: Record<string, string> = {}) {
  const run = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, PARE_RUNTIME: runtime === "auto" ? "" : runtime, ...env },
    timeout: 240_000,
  });
  return { code: run.status, out: run.stdout, err: run.stderr };
}

beforeAll(() => {
  // `npm ci` builds dist/ (prepare); a checkout with edited sources gets a fresh build here.
  if (!buildIsCurrent(join(ROOT, "src"), join(ROOT, "dist", "build-stamp.json"))) {
    const build = spawnSync(process.execPath, [join(ROOT, "scripts", "build.mjs")], { encoding: "utf8" });
    if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}\n${build.stderr}`);
  }
}, 300_000);

describe("the pare launcher", () => {
  it("prints the same help from dist/ and from the sources", () => {
    for (const args of [["--help"], ["benchmark", "run", "--help"], ["scenarios", "--help"]]) {
      const dist = pare(args, "dist");
      const tsx = pare(args, "tsx");
      expect(dist.code).toBe(0);
      expect(dist.out).toBe(tsx.out);
    }
  }, 120_000);

  it("runs the same job with the same run id and identical results in both modes, workers on and off", () => {
    const ids = "add_teammate_to_group,airport_pickup_ride,airport_van_for_five";
    const runs = (["dist", "tsx"] as const).flatMap((runtime) =>
      ["2", "0"].map((workers) => {
        const dir = mkdtempSync(join(tmpdir(), `pare-${runtime}-${workers}-`));
        const out = pare(
          [
            "benchmark",
            "run",
            "-s",
            ids,
            "--agent",
            "reference",
            "--tool-failure-probability",
            "0.2",
            "--json",
            "--workers",
            workers,
            "--output-dir",
            join(dir, "results"),
            "--store",
            `sqlite://${join(dir, "pare.db")}`,
            "--generated-at",
            "fixed",
          ],
          runtime,
        );
        expect(out.code, out.err).toBe(0);
        const summary = JSON.parse(out.out) as { runId: string; resultsDir: string };
        const csv = readFileSync(join(summary.resultsDir, "results.csv"), "utf8").replaceAll(dir, "<dir>");
        const trace = readFileSync(
          join(summary.resultsDir, "traces", "add_teammate_to_group_single_trace.json"),
          "utf8",
        ).replaceAll(dir, "<dir>");
        return { runId: summary.runId, csv, trace };
      }),
    );
    for (const r of runs.slice(1)) {
      expect(r.runId).toBe(runs[0]?.runId);
      expect(r.csv).toBe(runs[0]?.csv);
      expect(r.trace).toBe(runs[0]?.trace);
    }
  }, 600_000);

  it("stops a looping scenario at --timeout from the CLI; the job reports the others (external TypeScript dir)", () => {
    const dir = mkdtempSync(join(tmpdir(), "pare-loop-"));
    const out = pare(
      [
        "benchmark",
        "run",
        "--scenarios-dir",
        join(ROOT, "test", "fixtures", "scenarios-loop"),
        "-s",
        "fixture_loop_validate,fixture_loop_quick",
        "--oracle",
        "--timeout",
        "2",
        "--json",
        "--output-dir",
        join(dir, "results"),
        "--store",
        `sqlite://${join(dir, "pare.db")}`,
      ],
      "auto",
    );
    // Exit 1: a run ended in an error (the timeout); the job finished and reports every run.
    expect(out.code, out.err).toBe(1);
    expect(out.err).toMatch(/1 run\(s\) ended in an error/);
    const summary = JSON.parse(out.out) as { total: number; success: number; exceptions: number };
    expect(summary).toMatchObject({ total: 2, success: 1, exceptions: 1 });
  }, 240_000);
});
