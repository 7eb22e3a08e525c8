import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { extractAreDecisionPoints } from "../../src/annotation/are-trace-decisions.js";
import { collectDecisionsFromPaths, modelFromDirectory } from "../../src/annotation/collect-decisions.js";
import type { DecisionPoint } from "../../src/annotation/decision-point.js";
import { lastNotificationTime, timelineFromMessages } from "../../src/annotation/decision-point.js";
import { extractPareDecisionPoints } from "../../src/annotation/pare-trace-decisions.js";
import { balancedSample } from "../../src/annotation/sampling.js";
import { loadTutorial } from "../../src/annotation/tutorial.js";
import type { PareTrace, TraceEvent } from "../../src/evaluation/trace-schema.js";

const DIR = join(import.meta.dirname, "../fixtures/annotation/are-traces");
const FILE = join(DIR, "obs_gpt-5_exec_gpt-5_enmi_0_es_42_tfp_0.0/dinner_invite_calendar_run_1.json");
const BASE = 1763456400;

describe("decision points of an are_simulation_v1 trace", () => {
  const text = readFileSync(FILE, "utf8");
  const { points, warnings } = extractAreDecisionPoints(text, "f.json", "gpt-5", "gpt-5-mini");

  it("finds the two proposals before the first execution, not the one after", () => {
    expect(points.map((p) => p.sample_id)).toEqual([
      "gpt-5:dinner_invite_calendar_run_1_p0",
      "gpt-5:dinner_invite_calendar_run_1_p1",
    ]);
    expect(warnings).toEqual(["world_logs.3: malformed JSON, skipped"]);
  });

  it("labels a look-up before the answer gather_context and keeps the final answer", () => {
    const [first, second] = points as [DecisionPoint, DecisionPoint];
    expect(first.user_agent_decision).toBe("gather_context");
    expect(first.final_decision).toBe(false);
    expect(second.user_agent_decision).toBe("accept");
    expect(second.final_decision).toBe(true);
    expect(first.meta_task_description).toBe("You are planning a dinner with Priya on Friday.");
    expect(first.agent_proposal).toContain("Shall I add it to your calendar at 19:00?");
  });

  it("annotates the input with message types and timestamps (PARE's step 10)", () => {
    const first = points[0] as DecisionPoint;
    expect(first.llm_input?.map((m) => m.msg_type)).toEqual([
      "system_prompt",
      "environment_notification",
      "user_action",
      "tool_observation",
      "available_tools",
      "proposal",
    ]);
    expect(first.llm_input?.map((m) => m.timestamp)).toEqual([
      null,
      BASE + 10,
      BASE + 12,
      BASE + 12,
      null,
      BASE + 20,
    ]);
    // the delta: the later input (searched back from the answer) minus the proposal-time input
    expect(first.gather_context_delta?.map((m) => m.msg_type)).toEqual(["user_action", "tool_observation"]);
    expect(first.timeline.map((t) => t.msg_type)).toEqual([
      "environment_notification",
      "user_action",
      "tool_observation",
      "proposal",
    ]);
    expect(first.timeline[0]?.content).not.toContain("None");
    expect(first.timeline.at(-1)?.content).toBe(
      "Priya asked about dinner on Friday. Shall I add it to your calendar at 19:00?",
    );
  });

  it("returns nothing for a rate-limited run, or when the agents are not found", () => {
    const limited = text.replace("Dinner Friday?", "RateLimitError");
    expect(extractAreDecisionPoints(limited, "f.json", "m").points).toEqual([]);
    const noUser = text.replaceAll("simulating a real human user", "someone");
    expect(extractAreDecisionPoints(noUser, "f.json", "m").skippedReason).toMatch(/no user/);
  });

  it("refuses what is not such a trace, naming the file", () => {
    expect(() => extractAreDecisionPoints("{", "bad.json", "m")).toThrow(/bad.json: not JSON/);
    expect(() => extractAreDecisionPoints('{"version":"x"}', "bad.json", "m")).toThrow(/bad.json.*version/);
    expect(() =>
      extractAreDecisionPoints('{"version":"are_simulation_v1","world_logs":5}', "b.json", "m"),
    ).toThrow(/world_logs/);
  });

  it("is found by directory, with the model from the directory name", () => {
    expect(modelFromDirectory("obs_gpt-5_exec_gpt-5_enmi_0_es_42_tfp_0.0")).toBe("gpt-5");
    expect(modelFromDirectory("obs_claude-4.5-sonnet_exec_x_enmi_0")).toBe("claude-4.5-sonnet");
    const found = collectDecisionsFromPaths([DIR]);
    expect(found.traces).toBe(1);
    expect(found.points).toHaveLength(2);
    expect(found.points[0]?.user_model_id).toBe("gpt-5-mini");
    expect(() => collectDecisionsFromPaths([join(DIR, "missing")])).toThrow(/no such file/);
  });
});

function event(partial: Partial<TraceEvent> & Pick<TraceEvent, "eventId" | "eventType">): TraceEvent {
  return {
    eventTime: BASE,
    relativeTime: 0,
    action: null,
    exception: null,
    exceptionType: null,
    proactiveMode: null,
    turn: 0,
    parentEventId: null,
    injectedFailure: false,
    oracle: false,
    noise: false,
    dependencies: [],
    ...partial,
  };
}
const call = (
  app: string,
  fn: string,
  args: Record<string, unknown> = {},
  operation: "read" | "write" = "read",
) => ({
  app,
  className: app,
  function: fn,
  args,
  operation,
});

function pareTrace(events: TraceEvent[], deliberations: unknown[] = []): PareTrace {
  return {
    version: "pare_trace_v1",
    format: "full",
    scenarioId: "demo",
    runNumber: 2,
    manifest: { runId: null, configHash: "abc" },
    scenario: {
      seed: 0,
      startTime: BASE,
      duration: null,
      timeIncrement: 1,
      tags: [],
      description: "",
      additionalSystemPrompt: "",
      noiseEventIds: [],
      contentHash: null,
    },
    config: { userModelAlias: "gpt-5-mini", observeModelAlias: "qwen" },
    result: {
      success: true,
      exception: null,
      rationale: null,
      duration: 10,
      proposalCount: 2,
      acceptanceCount: 1,
      readOnlyActions: 0,
      writeActions: 0,
      numberOfTurns: 2,
    },
    environment: null,
    events,
    deliberations: deliberations as PareTrace["deliberations"],
    loopEvents: [],
  };
}

/** A user deliberation step, one model call, at the proposal's time (BASE + 6); tests add its model input. */
function userStepAtProposal() {
  return {
    scenarioId: "demo",
    runNumber: 2,
    turn: 1,
    role: "user",
    mode: null,
    iteration: 0,
    simulatedTime: BASE + 6,
    promptTokens: null,
    completionTokens: null,
    cached: false,
    modelCalls: 1,
    action: null,
    thought: null,
    observation: null,
    error: null,
    parseFailure: null,
    raw: null,
    truncated: false,
    timeout: false,
  };
}

describe("decision points of a pare-ts trace", () => {
  const events = [
    event({
      eventId: "env-1",
      eventType: "ENV",
      action: call("Emails", "send_email_to_user", { subject: "Dinner?" }),
    }),
    event({
      eventId: "p0",
      eventType: "AGENT",
      proactiveMode: "observe",
      eventTime: BASE + 5,
      action: call("PAREAgentUserInterface", "send_message_to_user", { content: "Book dinner?" }),
    }),
    event({
      eventId: "u1",
      eventType: "USER",
      eventTime: BASE + 6,
      action: call("System", "open_app", { app_name: "Emails" }),
      returnValue: "Opened Emails App.",
    }),
    event({ eventId: "u1n", eventType: "USER", parentEventId: "u1", action: call("Emails", "list_emails") }),
    event({
      eventId: "u2",
      eventType: "USER",
      eventTime: BASE + 7,
      action: call("PAREAgentUserInterface", "reject_proposal"),
    }),
    event({
      eventId: "p1",
      eventType: "AGENT",
      proactiveMode: "observe",
      eventTime: BASE + 8,
      action: call("PAREAgentUserInterface", "send_message_to_user", { content: "Book at 20:00?" }),
    }),
    event({
      eventId: "u3",
      eventType: "USER",
      eventTime: BASE + 9,
      action: call("PAREAgentUserInterface", "accept_proposal"),
    }),
    event({
      eventId: "x1",
      eventType: "AGENT",
      proactiveMode: "execute",
      action: call("Calendar", "add_calendar_event", {}, "write"),
    }),
    event({
      eventId: "p2",
      eventType: "AGENT",
      proactiveMode: "observe",
      action: call("PAREAgentUserInterface", "send_message_to_user", { content: "After" }),
    }),
    event({ eventId: "u4", eventType: "USER", action: call("PAREAgentUserInterface", "accept_proposal") }),
  ];

  it("reads proposals, answers and look-ups from the event log (nested calls do not count)", () => {
    const points = extractPareDecisionPoints(pareTrace(events), "t.json");
    expect(points.map((p) => [p.sample_id, p.user_agent_decision, p.final_decision])).toEqual([
      ["abc:demo_run_2_p0", "gather_context", false],
      ["abc:demo_run_2_p1", "accept", true],
    ]);
    expect(points[0]?.proactive_model_id).toBe("qwen");
    expect(points[0]?.llm_input).toBeNull();
    expect(points[0]?.timeline.map((t) => t.msg_type)).toEqual(["environment_notification", "proposal"]);
    expect(points[1]?.timeline.map((t) => t.msg_type)).toEqual([
      "environment_notification",
      "proposal",
      "user_action",
      "tool_observation",
      "user_action",
      "proposal",
    ]);
  });

  it("takes the user's model input when the trace keeps one", () => {
    const step = {
      ...userStepAtProposal(),
      input: [
        { role: "system", content: "be the user <meta_task_description> dinner </meta_task_description>" },
        { role: "user", content: "[TASK]: Book dinner?" },
      ],
    };
    const points = extractPareDecisionPoints(pareTrace(events, [step]), "t.json");
    expect(points[0]?.llm_input?.map((m) => m.msg_type)).toEqual(["system_prompt", "proposal"]);
    expect(points[0]?.meta_task_description).toBe("dinner");
  });

  it("reads the input from content-hashed model calls (full traces that keep requests)", () => {
    const step = {
      ...userStepAtProposal(),
      calls: [{ request: { messages: ["aaaaaaaaaaaaaaaaaaaa", "bbbbbbbbbbbbbbbbbbbb"] }, output: null }],
    };
    const trace = {
      ...pareTrace(events, [step]),
      contents: {
        aaaaaaaaaaaaaaaaaaaa: { role: "system", content: "you are the user" },
        bbbbbbbbbbbbbbbbbbbb: { role: "user", content: "[TASK]: Book dinner?" },
      },
    } as PareTrace;
    expect(extractPareDecisionPoints(trace, "t.json")[0]?.llm_input?.map((m) => m.content)).toEqual([
      "you are the user",
      "[TASK]: Book dinner?",
    ]);
    // a hash without its body gives no input rather than a partial one
    const broken = {
      ...trace,
      contents: { aaaaaaaaaaaaaaaaaaaa: { role: "system", content: "x" } },
    } as PareTrace;
    expect(extractPareDecisionPoints(broken, "t.json")[0]?.llm_input).toBeNull();
  });

  it("gives nothing for a trace without proposals", () => {
    expect(extractPareDecisionPoints(pareTrace([events[0] as TraceEvent]), "t.json")).toEqual([]);
  });
});

describe("balanced sampling", () => {
  const make = (model: string, decision: DecisionPoint["user_agent_decision"], i: number): DecisionPoint => ({
    sample_id: `${model}:${decision}_${i}`,
    scenario_id: `s${i}`,
    run_number: 1,
    proactive_model_id: model,
    user_model_id: "u",
    trace_file: "t",
    source: "pare_trace_v1",
    user_agent_decision: decision,
    llm_input: null,
    agent_proposal: "",
    final_decision: decision === "accept",
    meta_task_description: null,
    gather_context_delta: null,
    timeline: [],
  });
  const pool = [
    ...Array.from({ length: 10 }, (_, i) => make("m1", "accept", i)),
    ...Array.from({ length: 2 }, (_, i) => make("m1", "reject", i)),
    ...Array.from({ length: 5 }, (_, i) => make("m2", "accept", i)),
    make("m2", "gather_context", 0),
  ];

  it("takes one per model and decision in turn, and is the same for the same seed whatever the input order", () => {
    const a = balancedSample(pool, 6, 7);
    expect(a.samples.map((s) => `${s.proactive_model_id}/${s.user_agent_decision}`)).toEqual([
      "m1/accept",
      "m1/reject",
      "m2/accept",
      "m2/gather_context",
      "m1/accept",
      "m1/reject",
    ]);
    const b = balancedSample([...pool].reverse(), 6, 7);
    expect(b.samples.map((s) => s.sample_id)).toEqual(a.samples.map((s) => s.sample_id));
    const c = balancedSample(pool, 6, 8);
    expect(c.samples.map((s) => s.sample_id)).not.toEqual(a.samples.map((s) => s.sample_id));
  });

  it("says when it runs out", () => {
    const all = balancedSample(pool, 100, 1);
    expect(all.exhausted).toBe(true);
    expect(all.samples).toHaveLength(pool.length);
    expect(balancedSample([], 3, 1)).toEqual({ samples: [], exhausted: true });
  });
});

describe("helpers and the tutorial", () => {
  it("reads notification times as UTC and ignores None lines", () => {
    expect(lastNotificationTime("[2025-11-18 09:00:10] hello\n[2025-11-18 09:00:20] None")).toBe(BASE + 10);
    expect(lastNotificationTime("nothing")).toBeNull();
    expect(
      timelineFromMessages([{ role: "user", content: "x", msg_type: "unknown", timestamp: null }]),
    ).toEqual([]);
  });

  it("bundles six tutorial examples, two per answer, each explained", () => {
    const tutorial = loadTutorial();
    expect(tutorial).toHaveLength(6);
    for (const label of ["accept", "reject", "gather_context"])
      expect(tutorial.filter((t) => t.correct_decision === label)).toHaveLength(2);
    expect(tutorial.every((t) => t.tutorial && (t.explanation ?? "").length > 20)).toBe(true);
  });

  it("refuses a tutorial file that is missing, malformed or without answers", () => {
    expect(() => loadTutorial("/nonexistent/t.json")).toThrow(/no such file/);
  });
});
