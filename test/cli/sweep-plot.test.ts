import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { calculateStatistics } from "../../src/report/statistics.js";
import { RunStore } from "../../src/store/run-store.js";
import { resultsOfRows } from "../../src/store/store-rows.js";
import { cli } from "../support/cli.js";
import { MockOpenAIServer, type MockServerHandle } from "../support/mock-openai-server.js";

const MAIN = resolve("src/cli/main.ts");
const SCENARIO = "meeting_request_to_calendar";

/**
 * The mock's models: `proposer` proposes on its first observe step and waits after; `waiter` only waits. The user
 * accepts a proposal when it has one to answer, else goes home. Replies depend only on the request, so a
 * resumed sweep sees the same answers.
 */
function handler(body: unknown) {
  const { model, messages } = body as { model: string; messages: { role: string; content: string }[] };
  const system = messages[0]?.content ?? "";
  const all = messages.map((m) => m.content).join("\n");
  const act = (tool: string, input: Record<string, unknown> = {}) =>
    `Thought: next.\nAction:\n${JSON.stringify({ action: tool, action_input: input })}<end_action>`;
  let content: string;
  if (/simulat/i.test(system) && !/assistant/i.test(system.slice(0, 200))) {
    content = all.includes("[TASK]")
      ? act("PAREAgentUserInterface__accept_proposal", { content: "yes please" })
      : act("System__go_home");
  } else if (model === "proposer" && messages.filter((m) => m.role === "assistant").length === 0) {
    content = act("PAREAgentUserInterface__send_message_to_user", { content: "Shall I add the meeting?" });
  } else {
    content = act("PAREAgentUserInterface__wait");
  }
  return { type: "reply" as const, content, usage: { prompt_tokens: 30, completion_tokens: 5 }, delayMs: 40 };
}

function sweepFile(dir: string, url: string): string {
  const path = join(dir, "grid.yaml");
  writeFileSync(
    path,
    [
      `scenarios: [${SCENARIO}]`,
      "models:",
      "  user: [mock-user]",
      "  observe: [proposer, waiter]",
      "provider: local",
      `base_url: ${url}`,
      "tool_failure_probabilities: [0, 0.5]",
      "noise_rates: [0, 6]",
      "runs: 2",
      "base:",
      "  max_turns: 2",
      "  observe_max_iterations: 1",
      "  execute_max_iterations: 2",
      "  maxConcurrentScenarios: 1",
      "",
    ].join("\n"),
  );
  return path;
}

/**
 * Runs the CLI in a child process (as a user would; the kill and the resume run under the same loader, so the
 * scenario source hashes that key the cache agree), SIGKILLing it once `killAfter` runs have been reported done.
 */
function child(
  args: string[],
  env: NodeJS.ProcessEnv,
  killAfter?: number,
): Promise<{ code: number | null; out: string; err: string; seen: number }> {
  return new Promise((done, fail) => {
    const proc = spawn(process.execPath, ["--import", "tsx", MAIN, ...args], {
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let seen = 0;
    let err = "";
    let out = "";
    proc.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
    });
    proc.stderr.on("data", (chunk: Buffer) => {
      err += chunk.toString();
      seen = (err.match(/^\[\d+\/\d+\]/gm) ?? []).length;
      if (killAfter !== undefined && seen >= killAfter) proc.kill("SIGKILL");
    });
    proc.on("error", fail);
    proc.on("exit", (code) => done({ code, out, err, seen }));
  });
}

describe("pare benchmark sweep and pare plot robustness against the mock server", () => {
  let server: MockServerHandle;
  beforeAll(async () => {
    server = await new MockOpenAIServer({ handler }).start();
  });
  afterAll(async () => {
    await server.close();
  });

  it("runs a 2×2×2 grid, survives a kill and resumes only the missing runs, and plots what the store holds", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pare-sweep-"));
    const db = join(dir, "pare.db");
    const out = join(dir, "results");
    const file = sweepFile(dir, server.url);
    const args = ["benchmark", "sweep", file, "--store", db, "--output-dir", out, "--generated-at", "T"];
    const env = { ...process.env, PARE_HOME: dir, OPENAI_API_KEY: "unused" };

    // Killed partway: some runs are finished in the store, the sweep is not.
    const killed = await child(args, env, 5);
    expect(killed.code).toBeNull();
    expect(killed.seen).toBeGreaterThanOrEqual(5);
    const store = await RunStore.open(db);
    let finishedBefore = 0;
    try {
      for (const job of await store.listJobs()) finishedBefore += (await store.jobRuns(job.runId)).length;
    } finally {
      await store.close();
    }
    expect(finishedBefore).toBeGreaterThanOrEqual(5);
    expect(finishedBefore).toBeLessThan(16);
    expect(existsSync(join(out, "grid_sweep.json"))).toBe(false);

    // Resumed: every cell finishes; the runs finished before the kill are reused, only the others execute.
    const resumed = await child([...args, "--json"], env);
    expect(resumed.code, resumed.err).toBe(0);
    const summary = JSON.parse(resumed.out) as {
      summaryFile: string;
      cells: {
        runId: string;
        status: string;
        total: number;
        executed: number;
        cached: number;
        observeModel: string;
        toolFailureProbability: number;
        noiseRate: number;
        successRate: number | null;
        proposalRate: number | null;
      }[];
    };
    expect(summary.cells).toHaveLength(8);
    expect(summary.cells.every((c) => c.status === "finished" && c.total === 2)).toBe(true);
    const executed = summary.cells.reduce((n, c) => n + c.executed, 0);
    const cached = summary.cells.reduce((n, c) => n + c.cached, 0);
    expect(cached).toBe(finishedBefore);
    expect(executed).toBe(16 - finishedBefore);
    expect(
      new Set(summary.cells.map((c) => `${c.observeModel}|${c.toolFailureProbability}|${c.noiseRate}`)).size,
    ).toBe(8);
    const proposer = summary.cells.filter((c) => c.observeModel === "proposer");
    expect(proposer.every((c) => (c.proposalRate ?? 0) > 0)).toBe(true);
    expect(summary.cells.filter((c) => c.observeModel === "waiter").every((c) => c.proposalRate === 0)).toBe(
      true,
    );

    // A second rerun executes nothing.
    const again = JSON.parse((await child([...args, "--json"], env)).out) as typeof summary;
    expect(again.cells.reduce((n, c) => n + c.executed, 0)).toBe(0);

    // The plots: SVG and PNG, whose points are the store's figures.
    const plots = join(dir, "plots");
    const plotted = await cli([
      "plot",
      "robustness",
      summary.summaryFile,
      "--store",
      db,
      "--output-dir",
      plots,
    ]);
    expect(plotted.code, plotted.err).toBe(0);
    for (const name of ["robustness_tfp", "robustness_noise"]) {
      const svg = readFileSync(join(plots, `${name}.svg`), "utf8");
      expect(svg.startsWith("<svg")).toBe(true);
      const png = readFileSync(join(plots, `${name}.png`));
      expect(png.subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");
      expect(png.readUInt32BE(16)).toBeGreaterThan(400);
    }
    const check = await RunStore.open(db);
    try {
      const svg = readFileSync(join(plots, "robustness_tfp.svg"), "utf8");
      const labels = [...svg.matchAll(/aria-label="([^"]*runs: \d+)"/g)].map((m) => m[1] as string);
      for (const cell of summary.cells) {
        const job = await check.getJob(cell.runId);
        expect(job).not.toBeNull();
        if (!job) continue;
        const stats = calculateStatistics(resultsOfRows(job, await check.jobRuns(cell.runId)).toPolars());
        const success = stats.global.success_rate;
        const proposals = stats.pas_metrics.aggregate_proposal_rate;
        const point = (title: string, value: number) =>
          `tool failure probability: ${cell.toolFailureProbability}; ${title}: ${Number(value.toFixed(6))}; model: ${cell.observeModel}; noise rate (/min): ${cell.noiseRate}; runs: 2`;
        expect(labels).toContain(point("success rate (% of validated runs)", success));
        expect(labels).toContain(point("proposal rate (proposals per turn)", proposals));
      }
    } finally {
      await check.close();
    }
    const data = JSON.parse(readFileSync(join(plots, "robustness.json"), "utf8")) as {
      points: { model: string; metric: string; value: number | null; runIds: string[] }[];
    };
    expect(data.points).toHaveLength(8 * 3);
  }, 240_000);
});
