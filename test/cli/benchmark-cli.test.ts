import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeApps } from "../../src/cli/commands/apps.js";
import { loadManifest } from "../../src/runner/run-manifest.js";
import { cli, filesUnder } from "../support/cli.js";
import { MockOpenAIServer, type MockServerHandle } from "../support/mock-openai-server.js";

const SECRET = "sk-test-do-not-leak-1234567890";

// The run store lives in this test file's own PARE_HOME (test/support/isolated-home.ts).
const storePath = () => join(process.env.PARE_HOME as string, "pare.db");

describe("pare apps list", () => {
  it("lists all twelve apps with screens, tools and JSON Schema parameters", async () => {
    const apps = describeApps() as {
      name: string;
      screens: unknown[];
      agentTools: { parameters: unknown }[];
    }[];
    expect(apps).toHaveLength(12);
    const { code, out } = await cli(["apps", "list", "--json"]);
    expect(code).toBe(0);
    const parsed = JSON.parse(out) as { name: string; kind: string; screens: { name: string }[] }[];
    expect(parsed.map((a) => a.name)).toEqual([
      "System",
      "PAREAgentUserInterface",
      "Apartment",
      "Cab",
      "Calendar",
      "Contacts",
      "Emails",
      "Files",
      "Messages",
      "Notes",
      "Reminders",
      "Shopping",
    ]);
    expect(parsed.filter((a) => a.kind === "domain").every((a) => a.screens.length >= 2)).toBe(true);
    const files = JSON.parse(out).find((a: { name: string }) => a.name === "Files") as {
      className: string;
      screens: { name: string; userTools: string[] }[];
      agentTools: { name: string; operation: string }[];
      envTools: string[];
    };
    expect(files.className).toBe("StatefulFilesApp");
    expect(files.agentTools.map((t) => `${t.name}:${t.operation}`)).toEqual([
      "Files__open:write",
      "Files__cat:read",
      "Files__mkdir:write",
      "Files__makedirs:write",
      "Files__mv:write",
      "Files__ls:read",
      "Files__rm:write",
      "Files__exists:read",
      "Files__display:read",
      "Files__info:read",
      "Files__tree:read",
      "Files__read_document:read",
    ]);
    expect(files.screens).toEqual([
      { name: "FolderView", userTools: ["list_folder", "new_folder", "open_file", "open_folder", "tree"] },
      { name: "FileView", userTools: ["delete", "details", "move_to", "read", "rename"] },
    ]);
    expect(files.envTools).toEqual(["receive_file"]);
    const text = await cli(["apps", "list"]);
    expect(text.out).toContain("Files (StatefulFilesApp, domain app)");
    expect(text.out).toContain("[R] Files__read_document(file_path, max_lines)");
  });
});

describe("pare scenarios list, report and cache", () => {
  it("lists the bundled scenarios and a split, readable and as JSON", async () => {
    const all = JSON.parse((await cli(["scenarios", "list", "--json"])).out) as {
      id: string;
      benchmarkReady: boolean;
    }[];
    expect(all.length).toBeGreaterThanOrEqual(40);
    expect(all.every((s) => s.benchmarkReady)).toBe(true);
    const ablation = JSON.parse((await cli(["scenarios", "list", "--split", "ablation", "--json"])).out) as {
      id: string;
      apps: string[];
      oracleEvents: number;
      environmentEvents: number;
    }[];
    expect(ablation.length).toBeLessThan(all.length);
    expect(ablation[0]).toMatchObject({ apps: expect.any(Array), oracleEvents: expect.any(Number) });
    const text = await cli(["scenarios", "list"]);
    expect(text.out).toMatch(/meeting_request_to_calendar\s+Email\+Calendar\s+oracle=6 env=1/);
    const missing = await cli(["scenarios", "list", "--split", "nope"]);
    expect(missing.code).not.toBe(0);
    expect(missing.err).toMatch(/Split file not found/);
  });

  it("combines result files into one report and manages the cache", async () => {
    const out = mkdtempSync(join(tmpdir(), "pare-report-"));
    const run = async (agent: string) =>
      JSON.parse(
        (
          await cli([
            "benchmark",
            "run",
            "-s",
            "meeting_request_to_calendar",
            "--agent",
            agent,
            "--output-dir",
            out,
            "--json",
            "--quiet",
          ])
        ).out,
      ) as { files: { resultJson: string } };
    const noop = await run("noop");
    const random = await run("random");
    const report = await cli([
      "report",
      noop.files.resultJson,
      random.files.resultJson,
      "--generated-at",
      "T",
    ]);
    expect(report.code).toBe(0);
    expect(report.out.match(/=== Config: /g)).toHaveLength(2);
    expect(report.out).toMatch(/2 different fingerprints/);
    expect((await cli(["report", out])).out).toContain("=== PARE Validation Report ===");
    const status = JSON.parse((await cli(["cache", "status", "--json"])).out) as {
      location: string;
      entries: number;
      bytes: number;
    };
    expect(status.location).toBe(storePath());
    expect(status.entries).toBeGreaterThan(0);
    expect(status.bytes).toBeGreaterThan(0);
    expect((await cli(["cache", "invalidate", "--scenario", "meeting_request_to_calendar"])).out).toMatch(
      /Deleted [1-9]\d* cached results/,
    );
    expect(
      (JSON.parse((await cli(["cache", "status", "--json"])).out) as { entries: number }).entries,
    ).toBeLessThan(status.entries);
  });
});

describe("pare benchmark run", () => {
  it("runs in oracle mode, then serves the identical rerun from the cache", async () => {
    const out = mkdtempSync(join(tmpdir(), "pare-out-"));
    const args = [
      "benchmark",
      "run",
      "-s",
      "meeting_request_to_calendar",
      "--oracle",
      "--output-dir",
      out,
      "--json",
      "--generated-at",
      "T",
    ];
    const first = await cli(args);
    expect(first.code).toBe(0);
    const summary = JSON.parse(first.out) as {
      success: number;
      executed: number;
      resultsDir: string;
      files: Record<string, string>;
    };
    expect(summary.success).toBe(1);
    expect(summary.executed).toBe(1);
    for (const f of ["resultJson", "reportTxt", "parquet", "csv"])
      expect(existsSync(summary.files[f] as string)).toBe(true);
    const manifest = loadManifest(join(summary.resultsDir, "run_manifest.json"));
    expect(manifest.mode).toBe("oracle");
    const second = JSON.parse((await cli(args)).out) as { cacheHits: number; executed: number };
    expect(second).toMatchObject({ cacheHits: 1, executed: 0 });
    expect(
      readFileSync(
        join(
          summary.resultsDir,
          readdirSync(summary.resultsDir).find((f) => f.endsWith("_result.json")) as string,
        ),
        "utf8",
      ),
    ).toContain("meeting_request_to_calendar");
  });

  it("runs the noop baseline, merges a YAML config with flags, and prints the report", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pare-cfg-"));
    const config = join(dir, "run.yaml");
    writeFileSync(config, "maxTurns: 3\nagentType: random\nexperimentName: yamlrun\n");
    const { code, out } = await cli([
      "benchmark",
      "run",
      "-s",
      "meeting_request_to_calendar",
      "--config",
      config,
      "--agent",
      "noop",
      "--output-dir",
      dir,
      "--no-cache",
      "--quiet",
    ]);
    expect(code).toBe(0);
    expect(out).toContain("=== PARE Validation Report ===");
    expect(out).toContain("Total turns: 3");
    expect(out).toMatch(/0 success \| 1 failed/);
    const runDir = readdirSync(dir).find((d) => /^[0-9a-f]{12}$/.test(d)) as string;
    const manifest = loadManifest(join(dir, runDir, "run_manifest.json"));
    expect(manifest).toMatchObject({ runId: runDir, agentType: "noop" });
  });

  it("records how runs stopped and the noise they met, in rows, report, traces and the manifest", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pare-time-"));
    const args = [
      "benchmark",
      "run",
      "-s",
      "meeting_request_to_calendar",
      "--agent",
      "noop",
      "--max-turns",
      "4",
      "--observe-max-iterations",
      "5",
      "--execute-max-iterations",
      "10",
      "--generation-seconds",
      "30",
      "--generation-tokens-per-second",
      "25",
      "--env-events-per-minute",
      "2",
      "--output-dir",
      dir,
      "--no-cache",
    ];
    const { code, out } = await cli(args);
    expect(code).toBe(0);
    expect(out).toContain("  - Stop reasons: max_turns 1");
    // 4 turns × (1 + 10) calls × 30 s planned at 2 per minute; the noop run covers 4 × 2 × 30 s.
    expect(out).toMatch(
      /Noise: \d+ of 44 planned events delivered, [\d.]+ per simulated minute \(configured 2\)/,
    );
    const resultsDir = filesUnder(dir)
      .find((f) => f.endsWith("run_manifest.json"))
      ?.replace(/run_manifest\.json$/, "");
    const manifest = loadManifest(join(resultsDir as string, "run_manifest.json"));
    expect(manifest.noise).toMatchObject({
      configuredPerMinute: 2,
      plannedEvents: 44,
      simulatedSeconds: 240,
    });
    expect(manifest.noise?.deliveredEvents).toBeGreaterThan(0);
    const rows = JSON.parse(
      readFileSync(filesUnder(dir).find((f) => f.endsWith("_result.json")) as string, "utf8"),
    ) as Record<string, unknown>[];
    expect(Object.keys(rows[0] as object).at(-1)).toBe("stop_reason");
    expect(rows[0]?.stop_reason).toBe("max_turns");
    const trace = JSON.parse(
      readFileSync(filesUnder(dir).find((f) => f.endsWith("_trace.json")) as string, "utf8"),
    );
    expect(trace.result).toMatchObject({ stopReason: "max_turns", noisePlanned: 44 });
    expect(trace.result.noiseDelivered).toBe(manifest.noise?.deliveredEvents);
    expect(trace.scenario.noiseHorizon).toBe(1320);
    expect(trace.config.generationTokensPerSecond).toBe(25);
    const bad = await cli([...args, "--generation-tokens-per-second", "0"]);
    expect(bad.code).not.toBe(0);
    expect(bad.err).toMatch(/--generation-tokens-per-second/);
  });

  it("writes byte-identical traces and results when the same job runs twice", async () => {
    const snapshot = async () => {
      const out = mkdtempSync(join(tmpdir(), "pare-det-"));
      const args = [
        "benchmark",
        "run",
        "-s",
        "meeting_request_to_calendar,double_booked_dinner",
        "--agent",
        "random",
        "--runs",
        "2",
      ];
      // No fixed --generated-at: the wall-clock timestamp must not leak into traces or result rows.
      const { out: stdout } = await cli([...args, "--output-dir", out, "--no-cache", "--json"]);
      const dir = (JSON.parse(stdout) as { resultsDir: string }).resultsDir;
      const timestamped = ["run_manifest.json", "_report.txt", ".parquet"];
      const files = filesUnder(dir).filter((f) => !timestamped.some((t) => f.endsWith(t)));
      return Object.fromEntries(
        files.map((f) => [f.slice(dir.length), readFileSync(f, "utf8").replaceAll(out, "<out>")]),
      );
    };
    const a = await snapshot();
    expect(Object.keys(a).filter((f) => f.endsWith("_trace.json"))).toHaveLength(4);
    expect(await snapshot()).toEqual(a);
  });

  it("rejects configuration errors with a non-zero exit and a message naming the problem", async () => {
    expect((await cli(["benchmark", "run", "--oracle"])).err).toMatch(/either --scenario or --split/);
    const unknown = await cli(["benchmark", "run", "-s", "meeting_request_to_calendr", "--oracle"]);
    expect(unknown.code).not.toBe(0);
    expect(unknown.err).toMatch(/did you mean: meeting_request_to_calendar/);
    const badFlag = await cli(["benchmark", "run", "-s", "x", "--runs", "zero"]);
    expect(badFlag.code).not.toBe(0);
    const dir = mkdtempSync(join(tmpdir(), "pare-cfg-"));
    writeFileSync(join(dir, "bad.yaml"), "maxTurns: -1\n");
    const bad = await cli([
      "benchmark",
      "run",
      "-s",
      "meeting_request_to_calendar",
      "--config",
      join(dir, "bad.yaml"),
    ]);
    expect(bad.code).not.toBe(0);
    expect(bad.err).toMatch(/maxTurns/);
  });
});

describe("pare benchmark run with LLM agents", () => {
  let server: MockServerHandle;
  let mock: MockOpenAIServer;
  beforeAll(async () => {
    mock = new MockOpenAIServer({
      handler: (body) => {
        const messages = (body as { messages: { role: string; content: string }[] }).messages;
        const system = messages[0]?.content ?? "";
        const act = (tool: string, input: Record<string, unknown> = {}) =>
          `Thought: keep going.\nAction:\n${JSON.stringify({ action: tool, action_input: input })}<end_action>`;
        const content =
          /simulat/i.test(system) && !/assistant/i.test(system.slice(0, 200))
            ? act("System__go_home")
            : act("PAREAgentUserInterface__wait");
        return { type: "reply", content, usage: { prompt_tokens: 50, completion_tokens: 5 } };
      },
    });
    server = await mock.start();
    process.env.PARE_TEST_KEY = SECRET;
  });
  afterAll(async () => {
    await server.close();
    delete process.env.PARE_TEST_KEY;
  });

  it("runs end to end against an OpenAI-compatible server, writes the manifest, and never writes the key", async () => {
    const out = mkdtempSync(join(tmpdir(), "pare-llm-"));
    const {
      code,
      out: stdout,
      err,
    } = await cli([
      "benchmark",
      "run",
      "-s",
      "meeting_request_to_calendar",
      "--user-model",
      "mock-user",
      "--observe-model",
      "mock-observer",
      "--execute-model",
      "mock-executor",
      "--provider",
      "local",
      "--base-url",
      server.url,
      "--api-key-env",
      "PARE_TEST_KEY",
      "--max-turns",
      "2",
      "--output-dir",
      out,
      "--no-cache",
      "--json",
      "--prompt-price-per-mtok",
      "1",
      "--completion-price-per-mtok",
      "2",
      "--probe",
    ]);
    expect(err).not.toContain(SECRET);
    expect(code).toBe(0);
    const summary = JSON.parse(stdout) as { resultsDir: string; total: number };
    expect(summary.total).toBe(1);
    const manifest = loadManifest(join(summary.resultsDir, "run_manifest.json"));
    expect(manifest.mode).toBe("llm");
    expect(manifest.llm.totalCalls).toBeGreaterThan(0);
    expect(manifest.llm.pricingSource).toBe("override");
    expect(manifest.models.observe.model).toBe("mock-observer");
    expect(mock.requests.length).toBeGreaterThan(0);
    expect(mock.requests.some((r) => JSON.stringify(r.body).includes("Reply with only the word ok"))).toBe(
      true,
    );
    for (const file of filesUnder(out)) {
      if (file.endsWith(".parquet")) continue;
      expect(readFileSync(file, "utf8"), file).not.toContain(SECRET);
    }
  });
});

describe("replaying a recorded LLM run", () => {
  it("reproduces the results bit-identically offline, with no request", async () => {
    const mock = new MockOpenAIServer({
      handler: (body) => {
        const messages = (body as { messages: { role: string; content: string }[] }).messages;
        const step = messages.filter((m) => m.role === "assistant").length;
        const tool = step % 2 === 0 ? "System__get_current_time" : "PAREAgentUserInterface__wait";
        return {
          type: "reply",
          content: `Thought: step ${step}.\nAction:\n${JSON.stringify({ action: tool, action_input: {} })}<end_action>`,
          usage: { prompt_tokens: 20, completion_tokens: 4 },
        };
      },
    });
    const handle = await mock.start();
    const out = mkdtempSync(join(tmpdir(), "pare-replay-"));
    const args = [
      "benchmark",
      "run",
      "-s",
      "meeting_request_to_calendar",
      "--user-model",
      "u",
      "--observe-model",
      "o",
      "--execute-model",
      "e",
      "--provider",
      "local",
      "--base-url",
      handle.url,
      "--max-turns",
      "3",
      "--observe-max-iterations",
      "2",
      "--output-dir",
      out,
      "--json",
      "--generated-at",
      "T",
    ];
    const first = JSON.parse((await cli(args)).out) as { resultsDir: string; files: { resultJson: string } };
    const recorded = readFileSync(first.files.resultJson, "utf8");
    const calls = mock.requests.length;
    expect(calls).toBeGreaterThan(0);
    await handle.close();
    const second = await cli([...args, "--replay", "--no-cache"]);
    expect(second.code).toBe(0);
    const replayed = JSON.parse(second.out) as { files: { resultJson: string }; executed: number };
    expect(replayed.executed).toBe(1);
    expect(readFileSync(replayed.files.resultJson, "utf8")).toBe(recorded);
    expect(mock.requests.length).toBe(calls);
    const manifest = loadManifest(join(first.resultsDir, "run_manifest.json"));
    expect(manifest.llm.cachedCalls).toBe(calls);
    expect(manifest.llm.cacheHitRate).toBe(1);
  });
});

describe("endpoint probing", () => {
  it("fails fast, naming the endpoint, when nothing answers", async () => {
    const { code, err } = await cli([
      "benchmark",
      "run",
      "-s",
      "meeting_request_to_calendar",
      "--user-model",
      "m",
      "--observe-model",
      "m",
      "--execute-model",
      "m",
      "--provider",
      "local",
      "--base-url",
      "http://127.0.0.1:9/v1",
      "--probe",
      "--probe-timeout",
      "1",
      "--llm-timeout",
      "2",
      "--output-dir",
      mkdtempSync(join(tmpdir(), "pare-probe-")),
      "--no-cache",
    ]);
    expect(code).not.toBe(0);
    expect(err).toMatch(/not ready|failed/);
    expect(err).toMatch(/local\/m/);
  });
});
