import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { PARE_ONLY_COMMANDS, PARE_RUN_ALIASES, rewritePareArgs } from "../../src/cli/pare-compat.js";
import { RunStore } from "../../src/store/run-store.js";
import { cli, filesUnder } from "../support/cli.js";

const ID = "meeting_request_to_calendar";

async function jobConfig(runId: string) {
  const store = await RunStore.open(null);
  try {
    const job = await store.getJob(runId);
    if (!job) throw new Error(`no job ${runId}`);
    return { job, rows: await store.jobRuns(runId) };
  } finally {
    await store.close();
  }
}

/** Occurrences of a flag as a whole word (`-om` does not count inside `-omi`). */
function flagCount(text: string, flag: string): number {
  const escaped = flag.replace(/[-/\\^$*+?.()|[\]{}]/g, "\\$&");
  return (text.match(new RegExp(`(?<![\\w-])${escaped}(?![\\w-])`, "g")) ?? []).length;
}

describe("rewritePareArgs", () => {
  it("maps each of PARE's spellings to ours, with and without =, and maps PARE's values", () => {
    for (const alias of PARE_RUN_ALIASES)
      for (const flag of alias.pare) expect(rewritePareArgs([flag, "v"])).toEqual([alias.ours, "v"]);
    expect(rewritePareArgs(["--export-format", "hf"])).toEqual(["--trace-format", "full"]);
    expect(rewritePareArgs(["--export-format=hf"])).toEqual(["--trace-format=full"]);
    expect(rewritePareArgs(["--export-format", "both"])).toEqual(["--trace-format", "both"]);
    expect(rewritePareArgs(["--executor-type", "thread"])).toEqual(["--executor-type", "async"]);
    expect(rewritePareArgs(["--executor-type", "process"])).toEqual(["--executor-type", "async"]);
    expect(rewritePareArgs(["--scenarios=a,b", "-omi", "5"])).toEqual([
      "--scenario=a,b",
      "--observe-max-iterations",
      "5",
    ]);
  });

  it("leaves our own options, values and everything after -- alone", () => {
    const ours = ["--scenario", "-om", "--observe-model", "m", "--", "-om", "--scenarios"];
    // "-om" as the value of --scenario is rewritten only where it stands as an option; after "--" never.
    expect(rewritePareArgs(["--observe-model", "m", "--", "-om"])).toEqual([
      "--observe-model",
      "m",
      "--",
      "-om",
    ]);
    expect(rewritePareArgs(ours.slice(4))).toEqual(ours.slice(4));
    expect(rewritePareArgs([])).toEqual([]);
  });

  it("refuses --results-dir together with --output-dir in one line", () => {
    expect(() => rewritePareArgs(["--results-dir", "a", "--output-dir", "b"])).toThrow(/give one of them/);
    expect(() => rewritePareArgs(["--results-dir=a", "--output-dir=b"])).toThrow(/--output-dir DIR/);
  });
});

describe("PARE's command line", () => {
  it("lists our options in --help and names each of PARE's aliases once", async () => {
    let out = "";
    const write = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
      out += String(chunk);
      return true;
    });
    try {
      expect((await cli(["benchmark", "run", "--help"])).code).toBe(0);
    } finally {
      write.mockRestore();
    }
    for (const ours of ["--scenario", "--observe-base-url", "--concurrency", "--limit", "--log-level"])
      expect(out).toContain(ours);
    // Each alias once; a flag of the same name as ours (with other values) twice: our option and the alias line.
    for (const alias of PARE_RUN_ALIASES)
      for (const flag of alias.pare) expect(flagCount(out, flag), flag).toBe(flag === alias.ours ? 2 : 1);
    expect(out).toContain("--executor-type thread = async, process = async");
  });

  it("prints one line with the closest option for an unknown option, not the help", async () => {
    const { code, err } = await cli(["benchmark", "run", "--scenarioz", ID]);
    expect(code).not.toBe(0);
    expect(err.trim().split("\n")).toHaveLength(1);
    expect(err).toMatch(/unknown option '--scenarioz' \(did you mean --scenario\?\)/);
    expect(err).not.toContain("Usage:");
    const other = await cli(["runs", "list", "--jsn"]);
    expect(other.err.trim().split("\n")).toHaveLength(1);
    expect(other.err).toContain("--json");
  });

  it("runs with every short flag and name of the original's `benchmark run`, mapped onto our config", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pare-compat-"));
    const out = join(dir, "results");
    const logs = join(dir, "logs");
    const {
      code,
      out: stdout,
      err,
    } = await cli([
      "benchmark",
      "run",
      "-s",
      `${ID},double_booked_dinner`,
      "-l",
      "1",
      "-om",
      "obs-model",
      "-op",
      "local",
      "-oe",
      "http://127.0.0.1:9/v1",
      "-em",
      "exec-model",
      "-ep",
      "local",
      "-ee",
      "http://127.0.0.1:9/v1",
      "-um",
      "user-model",
      "-up",
      "local",
      "-ue",
      "http://127.0.0.1:9/v1",
      "-mt",
      "3",
      "-omi",
      "2",
      "-emi",
      "4",
      "-umi",
      "1",
      "-tfp",
      "0.25",
      "-epm",
      "3",
      "--env-events-seed",
      "7",
      "-r",
      "2",
      "-c",
      "1",
      "-t",
      "120",
      "--executor-type",
      "sequential",
      "--results-dir",
      out,
      "--export",
      "--export-format",
      "both",
      "-n",
      "compat",
      "--log-level",
      "ERROR",
      "--logs-dir",
      logs,
      "--no-cache",
      "--oracle",
      "--json",
    ]);
    expect(code, err).toBe(0);
    const summary = JSON.parse(stdout) as {
      runId: string;
      total: number;
      resultsDir: string;
      logsDir: string;
    };
    expect(summary.total).toBe(2);
    expect(summary.resultsDir.startsWith(out)).toBe(true);
    const { job, rows } = await jobConfig(summary.runId);
    const c = job.config;
    expect(c.observeEngine).toMatchObject({ model: "obs-model", provider: "local" });
    expect(c.executeEngine).toMatchObject({ model: "exec-model", provider: "local" });
    expect(c.userEngine).toMatchObject({ model: "user-model", provider: "local" });
    expect(c.maxTurns).toBe(3);
    expect(c.observeMaxIterations).toBe(2);
    expect(c.executeMaxIterations).toBe(4);
    expect(c.userMaxIterations).toBe(1);
    expect(c.toolAugmentation?.toolFailureProbability).toBe(0.25);
    expect(c.envEvents).toMatchObject({ numEnvEventsPerMinute: 3, envEventsSeed: 7 });
    expect(c.runsPerScenario).toBe(2);
    expect(c.maxConcurrentScenarios).toBe(1);
    expect(c.timeoutSeconds).toBe(120);
    expect(c.executorType).toBe("sequential");
    expect(c.traceFormat).toBe("both");
    expect(c.experimentName).toBe("compat");
    expect(c.logLevel).toBe("ERROR");
    expect(c.enableCaching).toBe(false);
    expect(c.oracle).toBe(true);
    expect(new Set(rows.map((r) => r.scenarioId))).toEqual(new Set([ID]));
    const files = filesUnder(summary.resultsDir).map((f) => f.slice(summary.resultsDir.length));
    expect(files).toContain(`/traces/${ID}_1_trace.json`);
    expect(files).toContain(`/traces/${ID}_1_trace.lite.json`);
    // PARE's per-scenario log files: pare/ and agent/, run_<n>.log, under the job's directory.
    expect(summary.logsDir).toMatch(
      /compat_user_default_user-model_proactive_oracle_mt_3_umi_1_ome_2_exe_4_tfp_0\.25_enmi_3[/\\]obs_obs-model_exec_exec-model_\d{8}_\d{6}$/,
    );
    for (const sub of ["pare", "agent"])
      for (const n of [1, 2]) expect(existsSync(join(summary.logsDir, ID, sub, `run_${n}.log`))).toBe(true);
    const log = readFileSync(join(summary.logsDir, ID, "pare", "run_1.log"), "utf8");
    expect(log).toMatch(
      /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} \(simulated\) - pare\.runner - INFO - \[Scenario = meeting_request_to_calendar, Run = 1\] Running scenario/,
    );
    expect(log).toContain("Validation: success");
  });

  it("accepts PARE's long names too", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pare-compat-"));
    const { code, out, err } = await cli([
      "benchmark",
      "run",
      "--scenarios",
      ID,
      "--observe-endpoint",
      "http://127.0.0.1:9/v1",
      "--execute-endpoint",
      "http://127.0.0.1:9/v1",
      "--user-endpoint",
      "http://127.0.0.1:9/v1",
      "--env-events-per-min",
      "0",
      "--max-concurrent",
      "2",
      "--experiment-name",
      "longnames",
      "--executor-type",
      "thread",
      "--export-format",
      "hf",
      "--no-export",
      "--limit",
      "1",
      "--timeout",
      "50",
      "--runs",
      "1",
      "--log-level",
      "info",
      "--output-dir",
      dir,
      "--oracle",
      "--json",
    ]);
    expect(code, err).toBe(0);
    const { job } = await jobConfig((JSON.parse(out) as { runId: string }).runId);
    expect(job.config.observeEngine.baseUrl).toBe("http://127.0.0.1:9/v1");
    expect(job.config.maxConcurrentScenarios).toBe(2);
    expect(job.config.experimentName).toBe("longnames");
    expect(job.config.executorType).toBe("async");
    expect(job.config.traceFormat).toBe("full");
    expect(job.config.envEvents).toBeNull();
    expect(job.config.logToFile).toBe(false);
  });

  it("fails in one line naming the replacement where pare-ts cannot do what a flag asks", async () => {
    const both = await cli([
      "benchmark",
      "run",
      "-s",
      ID,
      "--oracle",
      "--results-dir",
      "a",
      "--output-dir",
      "b",
    ]);
    expect(both.code).not.toBe(0);
    expect(both.err.trim().split("\n")).toHaveLength(1);
    expect(both.err).toContain("--output-dir DIR/<run id>/");
    const badLevel = await cli(["benchmark", "run", "-s", ID, "--oracle", "--log-level", "LOUD"]);
    expect(badLevel.code).not.toBe(0);
    expect(badLevel.err).toMatch(/DEBUG, INFO, WARNING, ERROR/);
    const badFormat = await cli(["benchmark", "run", "-s", ID, "--oracle", "--export-format", "parquet"]);
    expect(badFormat.code).not.toBe(0);
    expect(badFormat.err).toMatch(/full, lite, both/);
    const badLimit = await cli(["benchmark", "run", "-s", ID, "--oracle", "-l", "0"]);
    expect(badLimit.code).not.toBe(0);
    expect(badLimit.err).toMatch(/--limit must be an integer >= 1/);
  });

  it("fails in one line for each of PARE's commands pare-ts lacks", async () => {
    const calls: Record<string, string[]> = {
      annotation: ["annotation", "sample", "-t", "traces", "-n", "10"],
      "scenarios generate": ["scenarios", "generate", "--num-scenarios", "3"],
      "cache set": ["cache", "set", "/tmp/x", "--create"],
      "cache reset": ["cache", "reset"],
    };
    for (const { path, message } of PARE_ONLY_COMMANDS) {
      const args = calls[path.join(" ")];
      expect(args, path.join(" ")).toBeDefined();
      const { code, err } = await cli(args as string[]);
      expect(code).toBe(2);
      expect(err.trim()).toBe(`error: ${message}`);
    }
    expect((await cli(["annotation", "launch", "--samples", "s.parquet"])).err).toContain(
      "launch → pare view",
    );
  });

  it("reads PARE's README example config (snake_case keys, selection included)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pare-compat-yaml-"));
    const file = join(dir, "my_experiment.yaml");
    writeFileSync(
      file,
      [
        'observe_model: "gpt-5"',
        'execute_model: "gpt-5"',
        'user_model: "gpt-5-mini"',
        'split: "full"',
        "runs: 3",
        "limit: 1",
        "oracle: true",
        "max_turns: 4",
        "",
      ].join("\n"),
    );
    const { code, out, err } = await cli([
      "benchmark",
      "run",
      "--config",
      file,
      "--output-dir",
      dir,
      "--json",
    ]);
    expect(code, err).toBe(0);
    const summary = JSON.parse(out) as { runId: string; total: number };
    expect(summary.total).toBe(3);
    const { job } = await jobConfig(summary.runId);
    expect(job.split).toBe("full");
    expect(job.config.runsPerScenario).toBe(3);
    expect(job.config.maxTurns).toBe(4);
    expect(job.config.observeEngine.model).toBe("gpt-5");
    expect(job.config.userEngine.model).toBe("gpt-5-mini");
    // A flag overrides the file, the file's selection yields to the command line's.
    const flagged = await cli([
      "benchmark",
      "run",
      "--config",
      file,
      "-s",
      ID,
      "-r",
      "1",
      "--output-dir",
      dir,
      "--json",
    ]);
    expect(flagged.code, flagged.err).toBe(0);
    const again = await jobConfig((JSON.parse(flagged.out) as { runId: string }).runId);
    expect(again.job.split).toBeNull();
    expect(again.job.config.runsPerScenario).toBe(1);
    // A key that is neither ours nor PARE's is an error naming it.
    writeFileSync(join(dir, "typo.yaml"), "observe_modle: gpt-5\nsplit: full\n");
    const typo = await cli(["benchmark", "run", "--config", join(dir, "typo.yaml"), "--oracle"]);
    expect(typo.code).not.toBe(0);
    expect(typo.err).toContain("'observe_modle'");
    expect(typo.err).toContain("typo.yaml");
  });
});

describe("pare benchmark report -d", () => {
  it("combines the result files under a directory into PARE's combined files", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pare-breport-"));
    for (const model of ["a", "b"]) {
      const r = await cli([
        "benchmark",
        "run",
        "-s",
        ID,
        "--agent",
        "noop",
        "--observe-model",
        model,
        "--execute-model",
        model,
        "--output-dir",
        dir,
        "--json",
      ]);
      expect(r.code, r.err).toBe(0);
    }
    const { code, out } = await cli([
      "benchmark",
      "report",
      "-d",
      dir,
      "-s",
      "custom",
      "--generated-at",
      "T",
    ]);
    expect(code).toBe(0);
    expect(out.match(/^ {2}Loaded .*_result\.json: 1 rows$/gm)).toHaveLength(2);
    expect(out).toContain("Combined: 2 total rows from 2 files");
    const combined = JSON.parse(readFileSync(join(dir, "combined_result.json"), "utf8")) as {
      metadata: { split: string };
      per_config_results: { proactive_model: string }[];
    };
    expect(combined.metadata.split).toBe("custom");
    expect(combined.per_config_results.map((r) => r.proactive_model).sort()).toEqual([
      "noop_a_a",
      "noop_b_b",
    ]);
    expect(readFileSync(join(dir, "combined_report.txt"), "utf8")).toContain("Split: custom");
    // Run again: the combined files are not read back as inputs.
    expect((await cli(["benchmark", "report", "-d", dir])).out).toContain("from 2 files");
  });

  it("fails with PARE's messages on a missing or empty directory", async () => {
    const missing = await cli(["benchmark", "report", "-d", "/nonexistent/pare"]);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain("Results directory not found: /nonexistent/pare");
    const empty = mkdtempSync(join(tmpdir(), "pare-breport-empty-"));
    mkdirSync(join(empty, "sub"));
    const none = await cli(["benchmark", "report", "-d", empty]);
    expect(none.code).toBe(1);
    expect(none.err).toContain("No result files found in");
    writeFileSync(join(empty, "bad_result.json"), "[{}]");
    const bad = await cli(["benchmark", "report", "-d", empty]);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain("bad_result.json");
  });
});

describe("PARE's other documented commands", () => {
  it("scenarios list filters by apps, id and count; cache status and invalidate -y work", async () => {
    const list = await cli([
      "scenarios",
      "list",
      "--apps",
      "StatefulEmailApp",
      "--apps",
      "Calendar",
      "--id-contains",
      "meeting",
      "--limit",
      "2",
      "--json",
    ]);
    expect(list.code).toBe(0);
    const rows = JSON.parse(list.out) as { id: string; apps: string[] }[];
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThanOrEqual(2);
    for (const r of rows) {
      expect(r.id).toContain("meeting");
      expect(r.apps).toEqual(expect.arrayContaining(["StatefulEmailApp", "StatefulCalendarApp"]));
    }
    expect((await cli(["scenarios", "list", "--apps", "NoSuchApp", "--json"])).out.trim()).toBe("[]");
    expect((await cli(["cache", "status"])).out).toContain("PARE Cache Status");
    const cleared = await cli(["cache", "invalidate", "-y"]);
    expect(cleared.code).toBe(0);
    expect(cleared.out).toMatch(/Deleted \d+ cached results\./);
    const bare = await cli(["cache", "invalidate"]);
    expect(bare.code).not.toBe(0);
    expect(bare.err).toContain("--all");
  });
});
