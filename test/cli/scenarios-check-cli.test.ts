import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadManifest } from "../../src/runner/run-manifest.js";
import { cli } from "../support/cli.js";
import { MockOpenAIServer } from "../support/mock-openai-server.js";

const FIXTURES = join(import.meta.dirname, "..", "fixtures", "scenarios-check");

/** One `benchmark run` of group_hike_to_calendar with an offline agent, no cache, JSON summary. */
const runGroupHike = (agent: string, output: string, extra: string[]) =>
  cli([
    "benchmark",
    "run",
    "-s",
    "group_hike_to_calendar",
    "--agent",
    agent,
    "--output-dir",
    output,
    "--no-cache",
    "--json",
    ...extra,
  ]);

/** The first trace a run wrote under its results directory. */
function firstTrace(resultsDir: string) {
  const traces = join(resultsDir, "traces");
  const file = readdirSync(traces).find((f) => f.endsWith("_trace.json")) as string;
  return JSON.parse(readFileSync(join(traces, file), "utf8")) as {
    config: Record<string, unknown>;
    result: { success: boolean; numberOfTurns: number; stopReason?: string };
    loopEvents: { kind: string }[];
  };
}

describe("pare scenarios check", () => {
  it("prints one line per scenario with the reason for each failure, a summary, and exits 1", async () => {
    const { code, out } = await cli(["scenarios", "check", "--scenarios-dir", FIXTURES]);
    expect(code).toBe(1);
    const lines = out.trim().split("\n");
    expect(lines).toHaveLength(6);
    expect(lines).toContain(
      "FAIL check_fixture_lenient_validator: the validator passes when the reference solution loses its writes",
    );
    expect(lines).toContain(
      "FAIL check_fixture_waiting_ignores_proposals: the validator passes when the assistant proposes (expectsProposal = false must fail any proposal)",
    );
    expect(lines.find((l) => l.startsWith("FAIL check_fixture_unseen_fact:"))).toMatch(
      /unseen fact: execute write Todo__complete_item\(item_id="[0-9a-f]+"\)/,
    );
    expect(lines.find((l) => l.startsWith("ok   check_fixture_winnable"))).toMatch(
      /reference: 10 turns, \d+ observe \+ 2 execute calls, longest execution 2 of 10 steps/,
    );
    expect(lines).toContainEqual(
      expect.stringMatching(/^ok {3}check_fixture_waiting \(expects no proposal\)/),
    );
    expect(lines.at(-1)).toBe("5 scenarios checked: 2 passed, 3 failed");
  });

  it("checks one id, exiting 0 when it passes, and answers --json", async () => {
    const one = await cli(["scenarios", "check", "--scenarios-dir", FIXTURES, "check_fixture_winnable"]);
    expect(one.code).toBe(0);
    expect(one.out).toMatch(/1 scenarios checked: 1 passed, 0 failed/);
    const json = await cli([
      "scenarios",
      "check",
      "--scenarios-dir",
      FIXTURES,
      "check_fixture_unseen_fact",
      "--json",
    ]);
    expect(json.code).toBe(1);
    const parsed = JSON.parse(json.out) as {
      summary: unknown;
      scenarios: { id: string; failures: string[] }[];
    };
    expect(parsed.summary).toEqual({ total: 1, passed: 0, failed: 1 });
    expect(parsed.scenarios[0]?.failures[0]).toMatch(/^unseen fact: /);
  });

  it("rejects an unknown id with suggestions, as a configuration error", async () => {
    const { code, err } = await cli([
      "scenarios",
      "check",
      "--scenarios-dir",
      FIXTURES,
      "check_fixture_winable",
    ]);
    expect(code).toBe(2);
    expect(err).toMatch(/unknown scenario 'check_fixture_winable'; did you mean: check_fixture_winnable/);
  });

  it("passes a bundled scenario by default directory", async () => {
    const { code, out } = await cli(["scenarios", "check", "group_hike_to_calendar"]);
    expect(code).toBe(0);
    expect(out).toMatch(/^ok {3}group_hike_to_calendar {2}reference:/);
  });
});

describe("pare benchmark run --agent reference", () => {
  it("wins every bundled scenario at the default limits, with the scripted user and no key", async () => {
    const output = mkdtempSync(join(tmpdir(), "pare-reference-"));
    const { code, out } = await cli([
      "benchmark",
      "run",
      "--split",
      "full",
      "--agent",
      "reference",
      "--output-dir",
      output,
      "--no-cache",
      "--json",
    ]);
    expect(code).toBe(0);
    const summary = JSON.parse(out) as {
      total: number;
      success: number;
      runId: string;
      files: { resultJson: string };
    };
    expect(summary.total).toBeGreaterThanOrEqual(45);
    expect(summary.success).toBe(summary.total);
    expect(summary.files.resultJson).toMatch(/[\\/]obs_reference_exec_reference_[^\\/]*_result\.json$/);
    const shown = JSON.parse((await cli(["runs", "show", summary.runId, "--json"])).out) as {
      config: Record<string, number>;
    };
    expect(shown.config).toMatchObject({
      maxTurns: 10,
      userMaxIterations: 1,
      observeMaxIterations: 5,
      executeMaxIterations: 10,
    });
  });

  it("passes the observation limit, format retries and null notifications into the run config", async () => {
    const output = mkdtempSync(join(tmpdir(), "pare-options-"));
    const run = (extra: string[]) => runGroupHike("noop", output, extra);
    const configOf = (resultsDir: string) => firstTrace(resultsDir).config;
    const plain = JSON.parse((await run([])).out) as { resultsDir: string; configHash: string };
    expect(configOf(plain.resultsDir)).toMatchObject({
      observationCharLimit: 4000,
      maxFormatRetries: 2,
      nullNotifications: false,
    });
    const changed = await run([
      "--observation-limit",
      "none",
      "--format-retries",
      "10",
      "--null-notifications",
    ]);
    const parsed = JSON.parse(changed.out) as { resultsDir: string; configHash: string };
    expect(parsed.configHash).not.toBe(plain.configHash);
    expect(configOf(parsed.resultsDir)).toMatchObject({
      observationCharLimit: null,
      maxFormatRetries: 10,
      nullNotifications: true,
    });
    const bad = await run(["--observation-limit", "0"]);
    expect(bad.code).not.toBe(0);
    expect(bad.err).toMatch(/--observation-limit must be an integer >= 1/);
  });

  it("passes the agent-loop options into the run config, and the idle stop ends the run early", async () => {
    const output = mkdtempSync(join(tmpdir(), "pare-loop-"));
    const run = (extra: string[]) => runGroupHike("reference", output, extra);
    const traceOf = firstTrace;
    const plain = traceOf((JSON.parse((await run([])).out) as { resultsDir: string }).resultsDir);
    expect(plain.config).toMatchObject({
      proposalTimeoutTurns: null,
      observeSeesAllNotifications: false,
      reportOutcomeToObserve: false,
      executeFollowUps: 0,
      handOverNotice: true,
      idleStopTurns: null,
    });
    expect(plain.result).toMatchObject({ success: true, numberOfTurns: 10 });
    const changed = await run([
      "--proposal-timeout",
      "3",
      "--observe-sees-all-notifications",
      "--report-outcome-to-observe",
      "--execute-follow-ups",
      "1",
      "--no-hand-over-notice",
      "--idle-stop",
      "2",
    ]);
    expect(changed.code).toBe(0);
    const trace = traceOf((JSON.parse(changed.out) as { resultsDir: string }).resultsDir);
    expect(trace.config).toMatchObject({
      proposalTimeoutTurns: 3,
      observeSeesAllNotifications: true,
      reportOutcomeToObserve: true,
      executeFollowUps: 1,
      handOverNotice: false,
      idleStopTurns: 2,
    });
    expect(trace.result).toMatchObject({ success: true, stopReason: "idle" });
    expect(trace.result.numberOfTurns).toBeLessThan(10);
    expect(trace.loopEvents.map((e) => e.kind)).toContain("idle_stop");
    for (const [flag, value] of [
      ["--idle-stop", "0"],
      ["--proposal-timeout", "x"],
      ["--execute-follow-ups", "-1"],
    ]) {
      const bad = await run([flag as string, value as string]);
      expect(bad.code).not.toBe(0);
      expect(bad.err).toContain(flag as string);
    }
  });

  it("plays against an LLM user when a user model is given, calling the model for the user only", async () => {
    const mock = new MockOpenAIServer({
      handler: (body) => {
        const messages = (body as { messages: { role: string; content: string }[] }).messages;
        const last = messages.at(-1)?.content ?? "";
        const action = last.includes("Sender: Agent")
          ? { action: "PAREAgentUserInterface__accept_proposal", action_input: { content: "Yes, do it." } }
          : { action: "System__go_home", action_input: {} };
        return {
          type: "reply",
          content: `Thought: ok.\nAction:\n${JSON.stringify(action)}<end_action>`,
          usage: { prompt_tokens: 10, completion_tokens: 2 },
        };
      },
    });
    const handle = await mock.start();
    try {
      const output = mkdtempSync(join(tmpdir(), "pare-reference-llm-user-"));
      const { code, out } = await cli([
        "benchmark",
        "run",
        "-s",
        "meeting_request_to_calendar",
        "--agent",
        "reference",
        "--user-model",
        "mock-user",
        "--provider",
        "local",
        "--base-url",
        handle.url,
        "--output-dir",
        output,
        "--no-cache",
        "--json",
      ]);
      expect(code).toBe(0);
      const summary = JSON.parse(out) as { success: number; resultsDir: string };
      expect(summary.success).toBe(1);
      const manifest = loadManifest(join(summary.resultsDir, "run_manifest.json"));
      expect(manifest.mode).toBe("llm");
      expect(manifest.llm.totalCalls).toBe(10);
      expect(manifest.llm.tokensByRole.user?.calls).toBe(10);
      expect(manifest.llm.tokensByRole.observe?.calls ?? 0).toBe(0);
      expect(manifest.llm.tokensByRole.execute?.calls ?? 0).toBe(0);
    } finally {
      await handle.close();
    }
  });
});
