import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { main } from "../../src/cli/main.js";
import { loadTrajectory } from "../../src/evaluation/trajectory.js";
import { discoverScenarios } from "../../src/registry/discovery.js";
import { writeResultsDirectory } from "../../src/report/results-directory.js";
import { NOOP, ORACLE, recordedJob, tempDir } from "../evaluation/helpers.js";

const FIXTURES = join(import.meta.dirname, "..", "fixtures", "scenarios-a");
const GENERATED = "2025-01-01 00:00:00";

let out: string[] = [];
let err: string[] = [];

beforeEach(() => {
  out = [];
  err = [];
  vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => {
    out.push(args.join(" "));
  });
  vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
    err.push(String(chunk));
    return true;
  });
});

afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

const pare = (...args: string[]) => main(["node", "pare", ...args]);

describe("pare trace", () => {
  it("show prints a readable timeline", async () => {
    const job = await recordedJob(NOOP, tempDir(), { runId: "rid-7" });
    const file = job.recorder.traceFiles[0] as string;
    expect(await pare("trace", "show", file, "--thoughts")).toBe(0);
    const text = out.join("\n");
    expect(text).toMatch(/^eval_todo · run single · pare_trace_v1 \(full\)/);
    expect(text).toMatch(/run id rid-7/);
    expect(text).toMatch(/result: FAILED — Missing: a proposal mentioning Bob/);
    expect(text).toMatch(/\+5s\s+t0\s+world\s+Todo\.add_item\(title="Call Bob"\)/);
    expect(text).toMatch(/t9\s+assistant\/observe\s+PAREAgentUserInterface\.wait\(\)/);
    expect(text).toMatch(/“The no-op baseline never intervenes\.”/);
    expect(text).toMatch(/21 events · 20 agent steps/);
  });

  it("show --all lists condition checks and nested calls; errors are readable", async () => {
    const job = await recordedJob(ORACLE, tempDir());
    expect(await pare("trace", "show", job.recorder.traceFiles[0] as string, "--all", "--width", "20")).toBe(
      0,
    );
    expect(out.join("\n")).toMatch(/\[oracle\]/);
    const bad = join(tempDir(), "bad_trace.json");
    writeFileSync(bad, JSON.stringify({ version: "pare_trace_v1", events: "nope" }));
    expect(await pare("trace", "show", bad)).toBe(2);
    expect(err.join("")).toMatch(/invalid trace: /);
  });

  it("trajectory converts a trace", async () => {
    const job = await recordedJob(ORACLE, tempDir());
    const target = join(tempDir(), "trajectory.json");
    expect(await pare("trace", "trajectory", job.recorder.traceFiles[0] as string, "-o", target)).toBe(0);
    const t = loadTrajectory(target);
    expect(t.steps.map((s) => s.speaker)).toEqual([
      "environment",
      "assistant",
      "assistant",
      "user",
      "assistant",
    ]);
  });
});

describe("pare evaluate", () => {
  it("re-scores traces into the live run's report and files", async () => {
    await discoverScenarios(FIXTURES);
    const root = tempDir();
    const oracle = await recordedJob(ORACLE, root, { ids: ["fixture_todo_a", "eval_todo"] });
    const code = await pare(
      "evaluate",
      join(oracle.resultsDir, "traces"),
      "--scenarios-dir",
      FIXTURES,
      "--generated-at",
      GENERATED,
      "--output-dir",
      join(root, "rescored"),
    );
    expect(code).toBe(0);
    const text = out.join("\n");
    expect(text).toContain(oracle.outcome.results.description("custom", GENERATED));
    expect(text).toMatch(/intervention_latency\s+interaction\s+3\.000\s+\(mean of 2 runs\)/);
    expect(text).toMatch(/acceptance_rate\s+interaction\s+1\.000\s+\(mean of 2 runs; pooled 1\.000\)/);
    expect(text).toMatch(/Verdicts changed since the run: 0/);
    const live = join(root, "live");
    writeResultsDirectory(live, {
      multi: oracle.outcome.results,
      split: "custom",
      generatedAt: GENERATED,
      config: oracle.config,
    });
    const rescored = join(root, "rescored");
    const resultFile = readdirSync(live).find((f) => f.endsWith("_result.json")) as string;
    const reportFile = readdirSync(live).find((f) => f.endsWith("_report.txt")) as string;
    // The frame's rows come in trace-file order (sorted), the live job's in job order.
    const rows = (dir: string) =>
      (JSON.parse(readFileSync(join(dir, resultFile), "utf8")) as { base_scenario_id: string }[]).sort(
        (a, b) => a.base_scenario_id.localeCompare(b.base_scenario_id),
      );
    expect(rows(rescored)).toEqual(rows(live));
    expect(readFileSync(join(rescored, reportFile), "utf8")).toBe(
      readFileSync(join(live, reportFile), "utf8"),
    );
  });

  it("--json gives per-run verdicts, metrics and task criteria", async () => {
    // Oracle and noop jobs share a results directory name, so they go to different roots.
    const root = tempDir();
    const noop = await recordedJob(NOOP, join(root, "a"));
    const oracle = await recordedJob(ORACLE, join(root, "b"));
    const task = join(root, "task.yaml");
    writeFileSync(
      task,
      "successCriteria:\n  - type: task_completed\n  - type: round_budget\n    maxRounds: 5\n",
    );
    const code = await pare(
      "evaluate",
      join(root, "a"),
      join(root, "b"),
      "--json",
      "--task",
      task,
      "--scenarios-dir",
      join(root, "none"),
    );
    expect(code).toBe(0);
    const parsed = JSON.parse(out.join("\n")) as {
      groups: { configHash: string; agentType: string; runs: Record<string, unknown>[] }[];
    };
    const byAgent = Object.fromEntries(parsed.groups.map((g) => [g.agentType, g]));
    expect(byAgent.noop?.configHash).toBe(noop.manifest.configHash);
    expect(byAgent.oracle?.configHash).toBe(oracle.manifest.configHash);
    expect(byAgent.noop?.runs[0]).toMatchObject({
      scenarioId: "eval_todo",
      success: false,
      recordedSuccess: false,
      verdictChanged: false,
      metrics: { success: 0, proposal_rate: 0, tool_error_rate: 0 },
      task: { success: false, score: 0 },
    });
    expect(byAgent.oracle?.runs[0]).toMatchObject({ success: true, task: { success: true, score: 1 } });
    expect(err.join("")).toMatch(/scenario directory not found/);
  });

  it("names the field of bad task criteria and complains about missing traces", async () => {
    const root = tempDir();
    await recordedJob(ORACLE, root);
    const task = join(root, "task.json");
    writeFileSync(task, JSON.stringify([{ type: "round_budget", maxRounds: "many" }]));
    expect(await pare("evaluate", root, "--task", task, "--scenarios-dir", join(root, "none"))).toBe(2);
    expect(err.join("")).toMatch(/invalid task criteria .*: successCriteria\.0\.maxRounds/);
    expect(
      await pare("evaluate", join(root, "rescored-nothing"), "--scenarios-dir", join(root, "none")),
    ).toBe(2);
    expect(err.join("")).toMatch(/no such file or directory/);
  });
});
