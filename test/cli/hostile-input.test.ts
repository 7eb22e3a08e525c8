import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEngine } from "../../src/agents/llm/engine-factory.js";
import { loadManifest } from "../../src/runner/run-manifest.js";
import { RunStore } from "../../src/store/run-store.js";
import { cli, llmRoleArgs } from "../support/cli.js";
import { MockOpenAIServer, type MockServerHandle } from "../support/mock-openai-server.js";

const temp = (name: string) => mkdtempSync(join(tmpdir(), `pare-${name}-`));
const ROOT = resolve(import.meta.dirname, "../..");
const A = "meeting_request_to_calendar";
const STACK = /\n\s+at /;

/** The `pare` launcher in a child process: how a user runs it (module hooks and all). */
function pare(args: string[], env: Record<string, string> = {}) {
  const run = spawnSync(process.execPath, [join(ROOT, "bin/pare.mjs"), ...args], {
    encoding: "utf8",
    env: { ...process.env, ...env },
    cwd: tmpdir(),
  });
  return { code: run.status ?? -1, out: run.stdout, err: run.stderr };
}

const act = (tool: string, input: Record<string, unknown> = {}) =>
  `Thought: ok.\nAction:\n${JSON.stringify({ action: tool, action_input: input })}<end_action>`;

describe("external scenario directories", () => {
  it("load the example package without a package.json, and report a module that fails (exit 1)", () => {
    const dir = temp("ext");
    copyFileSync(join(ROOT, "examples/external-scenarios/wifi-code-to-note.ts"), join(dir, "wifi.ts"));
    const ok = pare(["scenarios", "list", "--scenarios-dir", dir]);
    expect(ok.err).toBe("");
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/example_wifi_code_to_note\s+Email\+Notes\s+oracle=4 env=1/);
    expect(ok.out).toContain("1 scenarios");

    writeFileSync(join(dir, "broken.ts"), 'import "./does-not-exist.js";\nexport {};\n');
    writeFileSync(
      join(dir, "bad-build.ts"),
      [
        'import { registerScenario, PAREScenario } from "pare-ts";',
        '@registerScenario("example_bad_build")',
        "export class BadBuild extends PAREScenario {",
        '  protected initAndPopulateApps(): void { throw new Error("seed file missing"); }',
        "  protected buildEventsFlow(): void {}",
        "  validate() { return { success: true, rationale: '' }; }",
        "}",
      ].join("\n"),
    );
    const bad = pare(["scenarios", "list", "--scenarios-dir", dir]);
    expect(bad.code).toBe(1);
    expect(bad.out).toContain("example_wifi_code_to_note");
    expect(bad.err).toMatch(/^warning: failed to import .*broken\.ts: .*does-not-exist/m);
    expect(bad.err).toContain("warning: scenario example_bad_build cannot be built: seed file missing");
    expect(bad.err).toContain("error: 1 module(s) failed to import, 1 scenario(s) cannot be built");
    expect(bad.err).not.toMatch(STACK);
  });

  it("runs and checks the example scenario", () => {
    const dir = temp("ext-run");
    copyFileSync(join(ROOT, "examples/external-scenarios/wifi-code-to-note.ts"), join(dir, "wifi.ts"));
    const home = temp("ext-home");
    const run = pare(
      [
        "benchmark",
        "run",
        "--scenarios-dir",
        dir,
        "-s",
        "example_wifi_code_to_note",
        "--oracle",
        "--output-dir",
        join(home, "out"),
        "--json",
      ],
      { PARE_HOME: home },
    );
    expect(run.code).toBe(0);
    expect((JSON.parse(run.out) as { success: number }).success).toBe(1);
  });
});

describe("no stack traces: one line naming the input at fault", () => {
  it("report skips a corrupt result file with a warning and reports the valid one", async () => {
    const out = temp("report");
    const run = await cli(["benchmark", "run", "-s", A, "--oracle", "--output-dir", out, "--json"]);
    const resultJson = (JSON.parse(run.out) as { files: { resultJson: string } }).files.resultJson;
    const corrupt = join(out, "corrupt_result.json");
    writeFileSync(corrupt, "{ not json");
    const r = await cli(["report", resultJson, corrupt]);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(new RegExp(`^warning: skipped Cannot read result file ${corrupt}`, "m"));
    expect(r.out).toContain("Success rate: 100.0%");
    expect(r.err).not.toMatch(STACK);
    const none = await cli(["report", corrupt]);
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/error: no valid result file/);
  });

  it("cache status names a PARE_HOME that is a file", async () => {
    const dir = temp("home-file");
    const file = join(dir, "home");
    writeFileSync(file, "");
    const saved = process.env.PARE_HOME;
    process.env.PARE_HOME = file;
    try {
      const r = await cli(["cache", "status"]);
      expect(r.code).toBe(2);
      expect(r.err).toBe(
        `error: cannot create the run store's directory for ${join(file, "pare.db")}: ${file} is a file, not a directory\n`,
      );
    } finally {
      process.env.PARE_HOME = saved;
    }
  });

  it("--output-dir that is a file (or under one) fails before the first run, with nothing recorded", async () => {
    const dir = temp("out-file");
    const file = join(dir, "results");
    writeFileSync(file, "");
    const jobs = async () => {
      const store = await RunStore.open(null);
      try {
        return (await store.listJobs()).length;
      } finally {
        await store.close();
      }
    };
    const before = await jobs();
    const r = await cli(["benchmark", "run", "-s", A, "--oracle", "--output-dir", file]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`error: --output-dir ${file} is a file, not a directory\n`);
    const under = await cli(["benchmark", "run", "-s", A, "--oracle", "--output-dir", join(file, "x")]);
    expect(under.code).toBe(2);
    expect(under.err).toBe(`error: --output-dir ${join(file, "x")} cannot be created: ${file} is a file\n`);
    expect(await jobs()).toBe(before);
  });

  it("evaluate and trace trajectory name an output path under a file", async () => {
    const out = temp("traces");
    const run = await cli([
      "benchmark",
      "run",
      "-s",
      A,
      "--oracle",
      "--output-dir",
      out,
      "--json",
      "--experiment",
      "t",
    ]);
    const dir = join((JSON.parse(run.out) as { resultsDir: string }).resultsDir, "traces");
    const trace = join(dir, readdirSync(dir).find((f) => f.endsWith("_trace.json")) as string);
    const blocker = join(out, "blocker");
    writeFileSync(blocker, "");
    const t = await cli(["trace", "trajectory", trace, "-o", join(blocker, "t.json")]);
    expect(t.code).toBe(2);
    expect(t.err).toBe(
      `error: --out ${join(blocker, "t.json")}: directory ${blocker} is a file, not a directory\n`,
    );
    const e = await cli(["evaluate", dir, "--output-dir", join(blocker, "sub")]);
    expect(e.code).toBe(2);
    expect(e.err).toBe(
      `error: --output-dir ${join(blocker, "sub")} cannot be created: ${blocker} is a file\n`,
    );
  });

  it("--debug shows the stack; without it, one line", async () => {
    const plain = await cli(["report", "/nonexistent/x_result.json"]);
    expect(plain.err).toBe("error: not found: /nonexistent/x_result.json\n");
    const debug = await cli(["report", "/nonexistent/x_result.json", "--debug"]);
    expect(debug.err).toMatch(/^error: not found: \/nonexistent\/x_result\.json\nCliError: not found/);
    expect(debug.err).toMatch(STACK);
  });
});

describe("limits that hold", () => {
  it("refuses timeouts a Node timer cannot hold and experiment names that leave --output-dir", async () => {
    for (const flag of ["--timeout", "--llm-timeout"]) {
      const r = await cli(["benchmark", "run", "-s", A, "--oracle", flag, "3000000"]);
      expect(r.code).toBe(2);
      expect(r.err).toContain(`${flag} must be a number in [0.001, 2147483]`);
    }
    for (const name of ["../../x", "/abs/x", "..", "a\\b"]) {
      const r = await cli([
        "benchmark",
        "run",
        "-s",
        A,
        "--oracle",
        "--experiment",
        name,
        "--output-dir",
        temp("exp"),
      ]);
      expect(r.code, name).toBe(2);
      expect(r.err).toMatch(/^error: invalid configuration: experimentName: /);
    }
    const config = join(temp("cfg"), "c.yaml");
    writeFileSync(config, "experimentName: ../escape\n");
    const fromFile = await cli(["benchmark", "run", "-s", A, "--oracle", "--config", config]);
    expect(fromFile.code).toBe(2);
    expect(fromFile.err).toMatch(/experimentName/);
  });
});

describe("exit codes", () => {
  it("0 when every run completed, 3 below --min-success, 2 for a bad flag", async () => {
    const out = temp("exit");
    expect(
      (await cli(["benchmark", "run", "-s", A, "--oracle", "--output-dir", out, "--min-success", "90%"]))
        .code,
    ).toBe(0);
    const below = await cli([
      "benchmark",
      "run",
      "-s",
      A,
      "--agent",
      "noop",
      "--output-dir",
      out,
      "--min-success",
      "0.5",
    ]);
    expect(below.code).toBe(3);
    expect(below.err).toContain("exit code 3: success rate 0.0% is below --min-success 50.0%");
    expect((await cli(["benchmark", "run", "-s", A, "--min-success", "1.5"])).code).toBe(2);
    expect((await cli(["benchmark", "run", "-s", A, "--runs", "zero"])).code).toBe(2);
  });
});

describe("runs whose every call fails", () => {
  let server: MockServerHandle;
  beforeAll(async () => {
    server = await new MockOpenAIServer({
      handler: () => ({ type: "error", status: 400, message: "bad request" }),
    }).start();
  });
  afterAll(() => server.close());
  const llmArgs = (url: string) => [
    ...llmRoleArgs(url),
    "--max-retries",
    "0",
    "--max-turns",
    "1",
    "--no-cache",
    "--json",
  ];
  it("exit 1: HTTP 400 everywhere is a model error, no connection an infrastructure error", async () => {
    const http400 = await cli([
      "benchmark",
      "run",
      "-s",
      A,
      ...llmArgs(server.url),
      "--output-dir",
      temp("400"),
    ]);
    expect(http400.code).toBe(1);
    expect((JSON.parse(http400.out) as { errorClasses: Record<string, number> }).errorClasses.model).toBe(1);
    const down = await cli([
      "benchmark",
      "run",
      "-s",
      A,
      ...llmArgs("http://127.0.0.1:9/v1"),
      "--output-dir",
      temp("down"),
    ]);
    expect(down.code).toBe(1);
    const summary = JSON.parse(down.out) as {
      errorClasses: Record<string, number>;
      successRate: number | null;
    };
    expect(summary.errorClasses.infrastructure).toBe(1);
    expect(summary.successRate).toBeNull();
  });
});

describe("the response cache", () => {
  it("an unwritable response cache is a warning, never a failed run", async () => {
    const server = await new MockOpenAIServer({
      handler: () => ({ type: "reply", content: act("PAREAgentUserInterface__wait") }),
    }).start();
    try {
      const out = temp("cache-file");
      writeFileSync(join(out, "llm-cache"), "not a directory");
      const r = await cli([
        "benchmark",
        "run",
        "-s",
        A,
        ...llmRoleArgs(server.url),
        "--max-turns",
        "1",
        "--output-dir",
        out,
        "--json",
      ]);
      expect(r.code).toBe(0);
      const summary = JSON.parse(r.out) as { errors: number; total: number };
      expect(summary.errors).toBe(0);
      expect(r.err).toMatch(
        /warning: the response cache .*llm-cache cannot be written \(ENOTDIR\); answers are not recorded, runs go on/,
      );
      // Once per engine (user, observe, execute), not once per call.
      expect(r.err.match(/response cache/g)?.length).toBeLessThanOrEqual(3);
    } finally {
      await server.close();
    }
  });
});

describe("OpenAI environment defaults", () => {
  it("OPENAI_BASE_URL moves the openai provider's endpoint; OPENAI_API_KEY is its key", async () => {
    const engine = createEngine({ model: "gpt-5", provider: "openai", baseUrl: null } as never, {
      deps: { env: { OPENAI_BASE_URL: "http://127.0.0.1:1/v1", OPENAI_API_KEY: "sk-env-key-123456" } },
    });
    expect(engine.baseUrl).toBe("http://127.0.0.1:1/v1");
    expect(engine.apiKeyEnv).toBe("OPENAI_API_KEY");
    const mock = new MockOpenAIServer({
      handler: () => ({ type: "reply", content: act("PAREAgentUserInterface__wait") }),
    });
    const server = await mock.start();
    const saved = { base: process.env.OPENAI_BASE_URL, key: process.env.OPENAI_API_KEY };
    process.env.OPENAI_BASE_URL = server.url;
    process.env.OPENAI_API_KEY = "sk-env-key-abcdef123456";
    try {
      const out = temp("openai-env");
      const r = await cli([
        "benchmark",
        "run",
        "-s",
        A,
        "--observe-model",
        "gpt-5",
        "--max-turns",
        "1",
        "--no-cache",
        "--output-dir",
        out,
        "--json",
      ]);
      expect(r.code).toBe(0);
      expect(mock.completionRequests.length).toBeGreaterThan(0);
      expect(mock.completionRequests[0]?.headers.authorization).toBe("Bearer sk-env-key-abcdef123456");
      const manifest = loadManifest(
        join((JSON.parse(r.out) as { resultsDir: string }).resultsDir, "run_manifest.json"),
      );
      expect(manifest.models.observe.model).toBe("gpt-5");
    } finally {
      for (const [name, value] of [
        ["OPENAI_BASE_URL", saved.base],
        ["OPENAI_API_KEY", saved.key],
      ] as const)
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      await server.close();
    }
  });
});

describe("Ctrl-C", () => {
  it("exits 130 with the finished runs written, the job marked interrupted and a resume hint", async () => {
    const mock = new MockOpenAIServer({
      latencyMs: 150,
      handler: () => ({ type: "reply", content: act("PAREAgentUserInterface__wait") }),
    });
    const server = await mock.start();
    try {
      const out = temp("sigint");
      const args = [
        "benchmark",
        "run",
        "-s",
        "meeting_request_to_calendar,add_teammate_to_group,airport_pickup_ride,double_booked_dinner",
        ...llmRoleArgs(server.url),
        "--max-turns",
        "2",
        "--concurrency",
        "1",
        "--output-dir",
        out,
        "--json",
      ];
      // Interrupt once the first run is done (its calls are answered), while later ones are in flight.
      const timer = setInterval(() => {
        if (mock.completionRequests.length >= 8) {
          clearInterval(timer);
          process.emit("SIGINT");
        }
      }, 20);
      const r = await cli(args).finally(() => clearInterval(timer));
      expect(r.code).toBe(130);
      const summary = JSON.parse(r.out) as {
        runId: string;
        total: number;
        interrupted: boolean;
        resultsDir: string;
      };
      expect(summary.interrupted).toBe(true);
      expect(summary.total).toBeGreaterThan(0);
      expect(summary.total).toBeLessThan(4);
      expect(r.err).toMatch(
        /interrupted: \d of 4 runs are recorded \(job \w+ marked interrupted\); resume with the same command and --retry-errors/,
      );
      expect(loadManifest(join(summary.resultsDir, "run_manifest.json")).interrupted).toBe(true);
      const store = await RunStore.open(null);
      try {
        expect((await store.getJob(summary.runId))?.status).toBe("interrupted");
      } finally {
        await store.close();
      }
      const resumed = await cli([...args, "--retry-errors"]);
      expect(resumed.code).toBe(0);
      const done = JSON.parse(resumed.out) as { total: number; executed: number };
      expect(done.total).toBe(4);
      expect(done.executed).toBe(4 - summary.total);
    } finally {
      await server.close();
    }
  });
});
