import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadManifest } from "../../src/runner/run-manifest.js";
import { RunStore } from "../../src/store/run-store.js";
import { cli, filesUnder } from "../support/cli.js";
import { MockOpenAIServer, type MockServerHandle } from "../support/mock-openai-server.js";

const temp = (name: string) => mkdtempSync(join(tmpdir(), `pare-${name}-`));
const A = "meeting_request_to_calendar";
const B = "double_booked_dinner";
const C = "dentist_reschedule_sync";

interface Summary {
  runId: string;
  resultsDir: string;
  configHash: string;
  executed: number;
  cacheHits: number;
  total: number;
  files: { resultJson: string; manifest: string };
}

async function bench(args: string[]): Promise<Summary> {
  const { code, out, err } = await cli(["benchmark", "run", ...args, "--json", "--quiet"]);
  if (code !== 0) throw new Error(`pare benchmark run failed (${code}): ${err}`);
  return JSON.parse(out) as Summary;
}

const rows = (s: Summary) =>
  JSON.parse(readFileSync(s.files.resultJson, "utf8")) as Record<string, unknown>[];

describe("run directories and pare runs", () => {
  it("gives two different jobs in one output dir two complete run directories and two runs", async () => {
    const out = temp("two-jobs");
    const one = await bench(["-s", A, "--oracle", "--output-dir", out]);
    const two = await bench(["-s", `${A},${B}`, "--oracle", "--output-dir", out, "--seed", "7"]);
    expect(one.runId).not.toBe(two.runId);
    expect(readdirSync(out).sort()).toEqual([one.runId, two.runId, "history.jsonl"].sort());
    for (const s of [one, two]) {
      const files = readdirSync(s.resultsDir).sort();
      expect(files.filter((f) => !f.endsWith("_result.json") && !f.endsWith("_report.txt"))).toEqual([
        "results.csv",
        "results.parquet",
        "run_manifest.json",
        "traces",
      ]);
      expect(loadManifest(s.files.manifest).runId).toBe(s.runId);
      expect(rows(s).every((r) => r.run_id === s.runId && r.config_hash === s.configHash)).toBe(true);
    }
    expect(rows(two).map((r) => r.seed)).toEqual([7, 7]);
    const list = JSON.parse((await cli(["runs", "list", "--json"])).out) as { runId: string; runs: number }[];
    expect(list.map((j) => j.runId).sort()).toEqual([one.runId, two.runId].sort());
    const table = (await cli(["runs", "list"])).out;
    expect(table).toMatch(
      /RUN ID\s+STARTED \(UTC\)\s+SELECTION\s+MODELS\s+RUNS\s+SUCCESS\s+ERRORS\s+WALL\s+STATUS/,
    );
    expect(table).toContain("2 scenarios");
    const shown = await cli(["runs", "show", two.runId.slice(0, 5)]);
    expect(shown.out).toContain(`Fingerprint: ${two.configHash}`);
    expect(shown.out).toMatch(new RegExp(`${B}\\s+-\\s+7\\s+pass`));
    expect((await cli(["runs", "show", "zzz"])).err).toMatch(/not a run id/);
  });

  it("rewrites a rerun's own directory byte for byte and serves it from the cache", async () => {
    const out = temp("rerun");
    const args = ["-s", `${A},${B}`, "--agent", "random", "--output-dir", out, "--generated-at", "T"];
    const first = await bench(args);
    const snapshot = () =>
      Object.fromEntries(
        filesUnder(first.resultsDir)
          .filter((f) => !f.endsWith("run_manifest.json") && !f.endsWith(".parquet"))
          .map((f) => [f, readFileSync(f, "utf8")]),
      );
    const before = snapshot();
    const second = await bench(args);
    expect(second).toMatchObject({ runId: first.runId, cacheHits: 2, executed: 0 });
    expect(snapshot()).toEqual(before);
  });

  it("hits the cache when only output-only settings change, and writes cached runs' traces", async () => {
    const base = ["-s", `${A},${B}`, "--agent", "noop"];
    const first = await bench([...base, "--output-dir", temp("o1")]);
    expect(first.executed).toBe(2);
    const other = temp("o2");
    const second = await bench([
      ...base,
      "--output-dir",
      other,
      "--concurrency",
      "3",
      "--trace-format",
      "lite",
      "--experiment",
      "renamed",
    ]);
    expect(second).toMatchObject({ cacheHits: 2, executed: 0, configHash: first.configHash });
    expect(second.runId).not.toBe(first.runId);
    // The cached runs' traces are in the new directory, in the format asked for, stamped with the new run id.
    for (const row of rows(second)) {
      const path = row.export_path as string;
      expect(path.startsWith(second.resultsDir)).toBe(true);
      const trace = JSON.parse(readFileSync(path, "utf8")) as { format: string; manifest: { runId: string } };
      expect(trace).toMatchObject({ format: "lite", manifest: { runId: second.runId } });
      expect(existsSync(path.replace("_trace.json", "_deliberations.jsonl"))).toBe(true);
    }
    const third = await bench([...base, "--output-dir", other, "--max-turns", "5"]);
    expect(third.executed).toBe(2);
    expect(third.configHash).not.toBe(first.configHash);
  });

  it("misses the cache when a helper module a scenario's validator imports is edited", async () => {
    const dir = temp("scn");
    const support = pathToFileURL(join(process.cwd(), "test/support/todo-scenario.ts")).href;
    const register = pathToFileURL(join(process.cwd(), "src/registry/register-scenario.ts")).href;
    writeFileSync(join(dir, "_helper.ts"), "export const requiredCalls = 1;\n");
    // An ES module package, as a real scenario directory is: the runs load it in worker threads through tsx,
    // which (like Node) reads a .ts file outside one as CommonJS.
    writeFileSync(join(dir, "package.json"), '{ "type": "module" }\n');
    writeFileSync(
      join(dir, "helper-scenario.ts"),
      [
        `import { registerScenario } from ${JSON.stringify(register)};`,
        `import { TodoFollowupScenario } from ${JSON.stringify(support)};`,
        `import { requiredCalls } from "./_helper.js";`,
        `@registerScenario("helper_edit_scenario")`,
        "export class HelperEdit extends TodoFollowupScenario { calls = requiredCalls; }",
      ].join("\n"),
    );
    const args = [
      "-s",
      "helper_edit_scenario",
      "--oracle",
      "--scenarios-dir",
      dir,
      "--output-dir",
      temp("h"),
    ];
    expect((await bench(args)).executed).toBe(1);
    expect((await bench(args)).cacheHits).toBe(1);
    writeFileSync(join(dir, "_helper.ts"), "export const requiredCalls = 2;\n");
    const edited = await bench(args);
    expect(edited).toMatchObject({ executed: 1, cacheHits: 0 });
  });

  it("refuses to run a job that another live process is running", async () => {
    const out = temp("busy");
    const first = await bench(["-s", A, "--oracle", "--output-dir", out]);
    const store = await RunStore.open(null);
    const job = (await store.getJob(first.runId)) as NonNullable<Awaited<ReturnType<RunStore["getJob"]>>>;
    const { buildJobSpec } = await import("../../src/store/job-spec.js");
    const spec = buildJobSpec({ config: job.config, scenarioIds: [A], split: null });
    expect(spec.runId).toBe(first.runId);
    const handle = await store.startJob(spec);
    const busy = await cli(["benchmark", "run", "-s", A, "--oracle", "--output-dir", out, "--quiet"]);
    expect(busy.code).not.toBe(0);
    expect(busy.err).toMatch(/already running \(pid \d+/);
    await handle.finish("interrupted", { wallSeconds: 0 });
    await store.close();
    expect((await bench(["-s", A, "--oracle", "--output-dir", out])).cacheHits).toBe(1);
  });

  it("exports, compares and removes runs", async () => {
    const out = temp("cmp");
    const oracle = await bench(["-s", `${A},${B},${C}`, "--oracle", "--output-dir", out, "--runs", "2"]);
    const noop = await bench(["-s", `${A},${B},${C}`, "--agent", "noop", "--output-dir", out, "--runs", "2"]);
    const compared = await cli(["runs", "compare", oracle.runId, noop.runId]);
    expect(compared.code).toBe(0);
    expect(compared.out).toMatch(new RegExp(`${A}\\s+2/2\\s+0/2\\s+broken`));
    expect(compared.out).toMatch(/Difference B − A: -100\.0 percentage points, 95% CI \[-100\.0, -100\.0\]/);
    expect(compared.out).toMatch(/McNemar exact test on 6 discordant of 6 paired runs .*: p = 0\.0313/);
    const json = JSON.parse((await cli(["runs", "compare", oracle.runId, noop.runId, "--json"])).out) as {
      paired: { difference: number };
      mcnemar: { onlyA: number; pValue: number };
    };
    expect(json).toMatchObject({ paired: { difference: -1 }, mcnemar: { onlyA: 6 } });
    expect(json.mcnemar.pValue).toBeCloseTo(0.03125, 12);

    const target = temp("export");
    const exported = await cli(["runs", "export", noop.runId, "--format", "csv", target]);
    expect(exported.code).toBe(0);
    expect(readdirSync(target).sort()).toEqual(["results.csv", "run_manifest.json", "traces"]);
    expect(readdirSync(join(target, "traces"))).toHaveLength(12);
    expect((await cli(["runs", "export", noop.runId, "--format", "xml", target])).code).not.toBe(0);

    const refused = await cli(["runs", "rm", noop.runId]);
    expect(refused.code).not.toBe(0);
    expect(refused.err).toMatch(/add --yes/);
    expect((await cli(["runs", "rm", noop.runId, "--yes"])).out).toMatch(/Deleted run .*: 6 rows/);
    expect((await cli(["runs", "show", noop.runId])).err).toMatch(/no run/);
  });

  it("reports stored runs by fingerprint, as text, JSON and PARE's combined files", async () => {
    const out = temp("report");
    const a = await bench(["-s", A, "--oracle", "--output-dir", out]);
    const b = await bench(["-s", B, "--oracle", "--output-dir", out]);
    const c = await bench(["-s", A, "--oracle", "--max-turns", "5", "--output-dir", out]);
    const same = await cli(["report", "--run", a.runId, "--run", b.runId, "--generated-at", "T"]);
    expect(same.out).not.toMatch(/different fingerprints/);
    expect(same.out).toMatch(/Scenarios: 2 unique \(2 total runs\)/);
    const dir = temp("combined");
    const mixed = JSON.parse(
      (await cli(["report", "--run", a.runId, "--run", c.runId, "--json", "--combined", dir])).out,
    ) as { notes: string[]; groups: { fingerprint: string; rows: number }[] };
    expect(mixed.notes[0]).toMatch(/2 different fingerprints/);
    expect(mixed.groups.map((g) => g.fingerprint).sort()).toEqual([a.configHash, c.configHash].sort());
    for (const fp of [a.configHash, c.configHash]) {
      expect(existsSync(join(dir, fp, "combined_result.json"))).toBe(true);
      expect(readFileSync(join(dir, fp, "combined_report.txt"), "utf8")).toContain(
        "=== PARE Validation Report ===",
      );
    }
    const twice = await cli(["report", a.files.resultJson, "--run", a.runId]);
    expect(twice.out).toMatch(/1 rows of fingerprint .* repeat a scenario and run number/);
    expect((await cli(["report"])).err).toMatch(/give result files/);
  });

  it("runs a stable slice of the job per shard, and merged shards equal the unsharded run", async () => {
    const out = temp("shards");
    const ids = `${A},${B},${C}`;
    const whole = await bench(["-s", ids, "--oracle", "--runs", "2", "--output-dir", out]);
    const stores = [join(temp("s1"), "a.db"), join(temp("s2"), "b.db")];
    const shards = [];
    for (const [i, store] of stores.entries())
      shards.push(
        await bench([
          "-s",
          ids,
          "--oracle",
          "--runs",
          "2",
          "--shard",
          `${i + 1}/2`,
          "--store",
          store,
          "--output-dir",
          temp("so"),
          "--seed",
          "0",
        ]),
      );
    expect(shards.map((s) => s.runId)).toEqual([whole.runId, whole.runId]);
    expect(shards[0]!.total + shards[1]!.total).toBe(6);
    expect((await cli(["benchmark", "run", "-s", A, "--oracle", "--shard", "3/2"])).err).toMatch(
      /1 <= I <= N/,
    );
    const merged = join(temp("m"), "merged.db");
    const m = await cli(["runs", "merge", ...stores, "--store", merged, "--json"]);
    expect(JSON.parse(m.out)).toMatchObject({ rowsAdded: 6, rowsConflicting: 0 });
    const target = temp("mx");
    await cli(["runs", "export", whole.runId, "--format", "json", target, "--store", merged, "--no-traces"]);
    const mergedRows = JSON.parse(
      readFileSync(
        join(target, readdirSync(target).find((f) => f.endsWith("_result.json")) as string),
        "utf8",
      ),
    );
    const strip = (r: Record<string, unknown>) => ({ ...r, export_path: null });
    expect(mergedRows.map(strip)).toEqual(rows(whole).map(strip));
  });
});

describe("the cache commands", () => {
  it("refuse empty and unknown ids, suggest the closest, and only delete entries the store knows", async () => {
    const results = temp("cache");
    const run = await bench(["-s", A, "--oracle", "--output-dir", results]);
    process.env.PARE_CACHE_DIR = run.resultsDir;
    try {
      const status = JSON.parse((await cli(["cache", "status", "--json"])).out) as {
        entries: number;
        location: string;
      };
      expect(status.entries).toBeGreaterThan(0);
      expect(status.location).toMatch(/pare\.db$/);
      expect((await cli(["cache", "status"])).out).toMatch(/PARE_CACHE_DIR is not used/);
      expect((await cli(["cache", "invalidate", "--scenario", ""])).err).toMatch(/was empty/);
      expect((await cli(["cache", "invalidate", "--scenario", "   "])).err).toMatch(/was empty/);
      expect((await cli(["cache", "invalidate"])).err).toMatch(/--scenario ID, or --all/);
      const unknown = await cli(["cache", "invalidate", "--scenario", "meeting_request_to_calendr"]);
      expect(unknown.code).not.toBe(0);
      expect(unknown.err).toMatch(/did you mean: meeting_request_to_calendar/);
      const before = filesUnder(run.resultsDir).sort();
      expect((await cli(["cache", "invalidate", "--scenario", A])).out).toMatch(
        /Deleted [1-9]\d* cached results/,
      );
      expect((await cli(["cache", "invalidate", "--all"])).out).toMatch(/Deleted \d+ cached results/);
      expect(filesUnder(run.resultsDir).sort()).toEqual(before);
      expect((await cli(["runs", "show", run.runId])).code).toBe(0);
    } finally {
      delete process.env.PARE_CACHE_DIR;
    }
  });
});

describe("a changed sampling temperature", () => {
  let mock: MockOpenAIServer;
  let server: MockServerHandle;
  beforeAll(async () => {
    mock = new MockOpenAIServer({
      handler: () => ({
        type: "reply",
        content: `Thought: wait.\nAction:\n${JSON.stringify({ action: "PAREAgentUserInterface__wait", action_input: {} })}<end_action>`,
        usage: { prompt_tokens: 10, completion_tokens: 2 },
      }),
    });
    server = await mock.start();
  });
  afterAll(async () => {
    await server.close();
  });

  it("sends requests again instead of reusing the cache", async () => {
    const out = temp("temp");
    const args = (t: string) => [
      "-s",
      A,
      "--user-model",
      "u",
      "--observe-model",
      "o",
      "--execute-model",
      "e",
      "--provider",
      "local",
      "--base-url",
      server.url,
      "--max-turns",
      "2",
      "--temperature",
      t,
      "--output-dir",
      out,
    ];
    const cold = await bench(args("0"));
    const sent = mock.requests.length;
    expect(cold.executed).toBe(1);
    expect(sent).toBeGreaterThan(0);
    expect((await bench(args("0"))).cacheHits).toBe(1);
    expect(mock.requests.length).toBe(sent);
    const hot = await bench(args("1.5"));
    expect(hot).toMatchObject({ executed: 1, cacheHits: 0 });
    expect(hot.configHash).not.toBe(cold.configHash);
    expect(mock.requests.length).toBeGreaterThan(sent);
    expect(
      mock.requests.slice(sent).every((r) => (r.body as { temperature?: number }).temperature === 1.5),
    ).toBe(true);
  });
});
