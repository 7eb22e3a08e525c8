import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AnnotationStore } from "../../src/annotation/annotation-store.js";
import type { AnnotationSample, TernaryDecision } from "../../src/annotation/decision-point.js";
import { RunStore } from "../../src/store/run-store.js";
import { cli } from "../support/cli.js";
import { MockOpenAIServer, type MockServerHandle } from "../support/mock-openai-server.js";

const ARE = join(import.meta.dirname, "../fixtures/annotation/are-traces");
const dir = mkdtempSync(join(tmpdir(), "pare-annotate-cli-"));
const store = join(dir, "pare.db");

describe("pare trace decisions", () => {
  it("lists the decision points of the original's traces", async () => {
    const run = await cli(["trace", "decisions", ARE]);
    expect(run.code).toBe(0);
    expect(run.out).toContain("2 decision points from 1 traces (accept 1, reject 0, gather_context 1)");
    expect(run.out).toContain("gpt-5:dinner_invite_calendar_run_1_p0");
    expect(run.err).toContain("malformed JSON");
    const json = await cli(["trace", "decisions", ARE, "--json", "-o", join(dir, "points.jsonl")]);
    expect(JSON.parse(json.out)).toHaveLength(2);
    expect(readFileSync(join(dir, "points.jsonl"), "utf8").trim().split("\n")).toHaveLength(2);
  });

  it("says what is wrong with its input in one line", async () => {
    expect((await cli(["trace", "decisions"])).err).toContain("give trace files or directories, or --run ID");
    expect((await cli(["trace", "decisions", join(dir, "missing")])).err).toMatch(
      /missing: no such file or directory/,
    );
    expect((await cli(["trace", "decisions", "--run", "zz", "--store", store])).err).toMatch(/not a run id/);
  });
});

describe("pare annotate sample", () => {
  it("draws samples from the original's trace into a set, with the tutorial, and refuses a repeat", async () => {
    const run = await cli([
      "annotate",
      "sample",
      ARE,
      "--set",
      "are",
      "-n",
      "5",
      "--store",
      store,
      "-o",
      join(dir, "s.jsonl"),
    ]);
    expect(run.code).toBe(0);
    expect(run.out).toContain(
      "Set are: 2 new samples (accept 1, reject 0, gather_context 1) from 1 traces; 6 tutorial examples added",
    );
    expect(run.err).toContain("ran out of candidates: 2 of 5");
    const again = await cli(["annotate", "sample", ARE, "--set", "are", "-n", "5", "--store", store]);
    expect(again.code).toBe(1);
    expect(again.err).toContain("no new samples");
    const sets = await cli(["annotate", "sets", "--store", store]);
    expect(sets.out).toContain("are: 2 samples + 6 tutorial, 0 answers by 0 annotators, 2 per sample");
  });

  it("refuses bad options", async () => {
    expect((await cli(["annotate", "sample", ARE, "--set", "a b", "-n", "1", "--store", store])).err).toMatch(
      /set names/,
    );
    expect((await cli(["annotate", "sample", ARE, "--set", "x", "-n", "0", "--store", store])).err).toMatch(
      /positive integer/,
    );
    expect(
      (
        await cli([
          "annotate",
          "sample",
          ARE,
          "--set",
          "x",
          "-n",
          "1",
          "--tutorial",
          join(dir, "no.json"),
          "--store",
          store,
        ])
      ).err,
    ).toMatch(/no such file/);
    expect((await cli(["annotate", "report", "--set", "ghost", "--store", store])).err).toMatch(
      /no annotation set 'ghost'/,
    );
  });
});

describe("pare annotate report", () => {
  // The five samples and two annotators of test/annotation/agreement.test.ts, whose values were computed by hand.
  const M: TernaryDecision[] = ["accept", "accept", "reject", "accept", "reject"];
  const A: TernaryDecision[] = ["accept", "reject", "gather_context", "accept", "reject"];
  const B: TernaryDecision[] = ["accept", "reject", "reject", "gather_context", "reject"];
  const ids = ["s1", "s2", "s3", "s4", "s5"];
  const sample = (id: string, decision: TernaryDecision): AnnotationSample => ({
    sample_id: id,
    scenario_id: "demo",
    run_number: 1,
    proactive_model_id: "p",
    user_model_id: "u",
    trace_file: "t.json",
    source: "pare_trace_v1",
    user_agent_decision: decision,
    llm_input: null,
    agent_proposal: "Shall I?",
    final_decision: decision === "accept",
    meta_task_description: null,
    gather_context_delta: null,
    timeline: [],
    tutorial: false,
    correct_decision: null,
    explanation: null,
  });

  beforeAll(async () => {
    const s = await RunStore.open(store);
    const a = new AnnotationStore(s);
    await a.addSamples(
      "hand",
      ids.map((id, i) => sample(id, M[i] as TernaryDecision)),
    );
    for (const [who, labels] of [
      ["ann-a", A],
      ["ann-b", B],
    ] as const)
      for (const [i, id] of ids.entries())
        await a.annotate({
          setName: "hand",
          sampleId: id,
          annotatorId: who,
          decision: labels[i] as TernaryDecision,
          rationale: labels[i] === "gather_context" ? "check first" : null,
        });
    await s.close();
  });

  it("reproduces the hand-computed kappas and alphas from the stored answers", async () => {
    const run = await cli(["annotate", "report", "--set", "hand", "--json", "--store", store]);
    expect(run.code).toBe(0);
    const r = JSON.parse(run.out);
    expect(r.samples).toBe(5);
    expect(r.ternary.humanPairs[0].kappa).toBeCloseTo(0.375, 12);
    expect(r.ternary.fleissHumans).toBeCloseTo(0.22 / 0.62, 12);
    expect(r.ternary.alphaHumans).toBeCloseTo(13 / 31, 12);
    expect(r.ternary.alphaWithModel).toBeCloseTo(13 / 34, 12);
    expect(r.ternary.fleissWithModel).toBeCloseTo(46 / 136, 12);
    expect(r.binary.alphaHumans).toBeCloseTo(4 / 7, 12);
    const text = await cli(["annotate", "report", "--set", "hand", "--store", store]);
    expect(text.out).toContain("Cohen's κ ann-a vs ann-b: 0.375 (fair)");
    expect(text.out).toContain("Krippendorff's α, annotators: 0.419");
  });
});

describe("pare annotate ask", () => {
  let mock: MockOpenAIServer;
  let handle: MockServerHandle;
  beforeAll(async () => {
    // Answers by what the stored input ends with: the first proposal (19:00) is rejected, the second accepted;
    // every third call answers without an action (an invalid answer).
    let calls = 0;
    mock = new MockOpenAIServer({
      handler: (body) => {
        calls += 1;
        const messages = (body as { messages: { content: string }[] }).messages;
        const last = messages.at(-1)?.content ?? "";
        if (calls % 3 === 0) return { type: "reply", content: "I am not sure." };
        const tool = last.includes("19:00")
          ? "PAREAgentUserInterface__reject_proposal"
          : "PAREAgentUserInterface__accept_proposal";
        return { type: "reply", content: `Thought: ok\nAction:\n{"action": "${tool}", "action_input": {}}` };
      },
    });
    handle = await mock.start();
  });
  afterAll(async () => {
    await handle?.close();
  });

  it("re-asks the stored inputs and scores each candidate against the annotators", async () => {
    const s = await RunStore.open(store);
    const a = new AnnotationStore(s);
    for (const who of ["h1", "h2"]) {
      await a.annotate({
        setName: "are",
        sampleId: "gpt-5:dinner_invite_calendar_run_1_p0",
        annotatorId: who,
        decision: "reject",
      });
      await a.annotate({
        setName: "are",
        sampleId: "gpt-5:dinner_invite_calendar_run_1_p1",
        annotatorId: who,
        decision: "accept",
      });
    }
    await s.close();
    const out = join(dir, "ask.jsonl");
    const run = await cli([
      "annotate",
      "ask",
      "--set",
      "are",
      "--user-models",
      "cand-1",
      "--base-url",
      handle.url,
      "--runs",
      "2",
      "--concurrency",
      "1",
      "-o",
      out,
      "--json",
      "--store",
      store,
    ]);
    expect(run.err).toBe("");
    expect(run.code).toBe(0);
    const [summary] = JSON.parse(run.out);
    expect(summary.userModel).toBe("cand-1");
    expect(summary.answers).toBe(4);
    expect(summary.report.samples).toBe(2);
    expect(summary.report.ternary.majority.accuracy).toBe(1);
    const rows = readFileSync(out, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(rows.map((r) => r.valid)).toEqual([true, true, true, true]);
    // the invalid answer was re-asked: the stored input was sent as-is, with the stop sequences
    const sent = mock.requests.map(
      (r) => (r.body as { messages: { role: string; content: string }[] }).messages,
    );
    expect(new Set(sent.map((m) => m.length))).toEqual(new Set([6, 11]));
    const short = sent.find((m) => m.length === 6) ?? [];
    expect(short.map((m) => m.role)).toEqual(["system", "user", "assistant", "user", "user", "user"]);
    expect(short[3]?.content).toContain("Opened Emails App.");
    // four answers, one of them after a retry
    expect(mock.requests.length).toBe(5);
  });

  it("names a missing provider setup as a configuration error", async () => {
    const run = await cli(["annotate", "ask", "--set", "are", "--user-models", "x", "--store", store]);
    expect(run.err).toMatch(/configuration/);
  });
});

describe("pare view --export", () => {
  it("needs runs, and writes a site when there are some", async () => {
    const empty = await cli(["view", "--export", join(dir, "site"), "--store", join(dir, "empty.db")]);
    expect(empty.err).toContain("has no runs to export");
    const unknown = await cli(["view", "--export", join(dir, "site"), "--run", "abcdef", "--store", store]);
    expect(unknown.err).toMatch(/no run abcdef/);
    expect(existsSync(join(dir, "site", "index.html"))).toBe(false);
  });
});
