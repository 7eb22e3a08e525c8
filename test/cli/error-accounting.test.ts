import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadManifest } from "../../src/runner/run-manifest.js";
import { cli, llmRoleArgs } from "../support/cli.js";
import { MockOpenAIServer, type MockServerHandle } from "../support/mock-openai-server.js";

const act = (tool: string) =>
  `Thought: keep going.\nAction:\n${JSON.stringify({ action: tool, action_input: {} })}<end_action>`;

interface Summary {
  runId: string;
  resultsDir: string;
  total: number;
  planned: number;
  success: number;
  failed: number;
  errors: number;
  errorClasses: Record<string, number>;
  successRate: number | null;
  countedRuns: number;
  excludedFromSuccessRate: number;
  executed: number;
  cacheHits: number;
  exitCode: number;
}

describe("error accounting against a server failing every third call", () => {
  let server: MockServerHandle;
  let mock: MockOpenAIServer;
  let failing = true;
  let calls = 0;
  beforeAll(async () => {
    mock = new MockOpenAIServer({
      handler: (body) => {
        calls += 1;
        if (failing && calls % 3 === 0) return { type: "error", status: 503, message: "overloaded" };
        const system = (body as { messages: { content: string }[] }).messages[0]?.content ?? "";
        const user = /simulat/i.test(system) && !/assistant/i.test(system.slice(0, 200));
        return { type: "reply", content: act(user ? "System__go_home" : "PAREAgentUserInterface__wait") };
      },
    });
    server = await mock.start();
  });
  afterAll(() => server.close());

  it("counts infrastructure errors apart, leaves them out of the rate, exits 1, and --retry-errors completes the job", async () => {
    const out = mkdtempSync(join(tmpdir(), "pare-errors-"));
    const args = [
      "benchmark",
      "run",
      "-s",
      "meeting_request_to_calendar,add_teammate_to_group,airport_pickup_ride",
      "--runs",
      "2",
      ...llmRoleArgs(server.url),
      "--max-retries",
      "0",
      "--max-turns",
      "2",
      "--concurrency",
      "1",
      "--output-dir",
      out,
      "--json",
      "--generated-at",
      "T",
    ];
    const first = await cli(args);
    const s1 = JSON.parse(first.out) as Summary;
    expect(first.code).toBe(1);
    expect(s1.exitCode).toBe(1);
    expect(s1.total).toBe(6);
    expect(s1.errors).toBeGreaterThan(0);
    expect(s1.errorClasses.infrastructure).toBe(s1.errors);
    expect(s1.excludedFromSuccessRate).toBe(s1.errors);
    expect(s1.countedRuns).toBe(6 - s1.errors);
    expect(s1.success + s1.failed + s1.errors).toBe(6);
    // The rate is over the runs that did not break: never "0 %" because the server failed.
    expect(s1.successRate).toBe(s1.countedRuns === 0 ? null : s1.success / s1.countedRuns);
    expect(first.err).toMatch(/--retry-errors/);

    const manifest = loadManifest(join(s1.resultsDir, "run_manifest.json"));
    expect(manifest.infrastructureErrors).toBe(s1.errors);
    expect(manifest.errorClasses.infrastructure).toBe(s1.errors);
    expect(manifest.excludedFromSuccessRate).toBe(s1.errors);
    const rows = JSON.parse(readFileSync(join(s1.resultsDir, readdirResult(s1.resultsDir)), "utf8")) as {
      error_class: string | null;
      has_exception: boolean;
    }[];
    expect(rows.filter((r) => r.error_class === "infrastructure")).toHaveLength(s1.errors);
    expect(rows.every((r) => (r.error_class !== null) === r.has_exception)).toBe(true);
    const report = readFileSync(join(s1.resultsDir, readdirReport(s1.resultsDir)), "utf8");
    expect(report).toContain(`Error runs: ${s1.errors} (infrastructure ${s1.errors})`);
    expect(report).toContain(`Infrastructure errors (excluded from every rate and average): ${s1.errors}`);

    // Counting them as failures is PARE's figure.
    const asFailures = JSON.parse((await cli([...args, "--count-errors-as-failures"])).out) as Summary;
    expect(asFailures.countedRuns).toBe(6);
    expect(asFailures.excludedFromSuccessRate).toBe(0);
    expect(asFailures.successRate).toBe(asFailures.success / 6);

    // Naming other classes reruns nothing: every error of this job was the server's.
    const modelOnly = await cli([...args, "--retry-errors", "model,configuration"]);
    expect((JSON.parse(modelOnly.out) as Summary).executed).toBe(0);
    expect(modelOnly.code).toBe(1); // the infrastructure errors are still there
    for (const bad of ["bogus", ",", "infrastructure,<script>"]) {
      const refused = await cli([...args, "--retry-errors", bad]);
      expect(refused.code).toBe(2);
      expect(refused.err.trim().split("\n")).toHaveLength(1);
      expect(refused.err).toMatch(/--retry-errors/);
    }

    failing = false;
    const beforeRetry = mock.completionRequests.length;
    const retry = await cli([...args, "--retry-errors", "infrastructure"]);
    const s2 = JSON.parse(retry.out) as Summary;
    expect(retry.code).toBe(0);
    expect(s2.runId).toBe(s1.runId);
    expect(s2.errors).toBe(0);
    expect(s2.total).toBe(6);
    expect(s2.countedRuns).toBe(6);
    // Only the runs that had errored (in the latest execution) ran again.
    expect(asFailures.errors).toBeGreaterThan(0);
    expect(s2.executed).toBe(asFailures.errors);
    expect(mock.completionRequests.length).toBeGreaterThan(beforeRetry);
    const again = await cli([...args, "--retry-errors"]);
    expect(again.code).toBe(0);
    expect((JSON.parse(again.out) as Summary).executed).toBe(0);
  });
});

function readdirResult(dir: string): string {
  return readdirSync(dir).find((f) => f.endsWith("_result.json")) as string;
}
function readdirReport(dir: string): string {
  return readdirSync(dir).find((f) => f.endsWith("_report.txt")) as string;
}

describe("figures that say what they measure", () => {
  it("an oracle run's manifest names what played each role, never a model that did not run", async () => {
    const out = mkdtempSync(join(tmpdir(), "pare-oracle-manifest-"));
    const r = await cli([
      "benchmark",
      "run",
      "-s",
      "meeting_request_to_calendar",
      "--oracle",
      "--output-dir",
      out,
    ]);
    expect(r.code).toBe(0);
    const dir = join(out, readdirSync(out).find((d) => d !== "history.jsonl") as string);
    const manifest = loadManifest(join(dir, "run_manifest.json"));
    expect(manifest.models).toEqual({
      user: { provider: "none", model: "oracle", temperature: null },
      observe: { provider: "none", model: "oracle", temperature: null },
      execute: { provider: "none", model: "oracle", temperature: null },
    });
    expect(r.out).toMatch(/Wall time: \d+\.\d s \(real time of this execution\)/);
    expect(r.out).toContain("Job duration:");
    expect(r.out).toMatch(/Job duration: [\d.]+s simulated/);
    expect(r.out).toContain("  - Proposal rate: n/a (no agent turns: proposals per turn is undefined)");
    expect(r.out).toContain("+/- n/a (STD: n/a: one run per scenario)");
  });
});
