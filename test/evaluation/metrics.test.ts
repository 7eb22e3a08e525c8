import { describe, expect, it } from "vitest";
import { AGENT_UI_CLASS } from "../../src/core/notifications.js";
import {
  acceptanceRateMetric,
  actionsPerAcceptedProposalMetric,
  falseAlarmRateMetric,
  interventionLatencyMetric,
  type Metric,
  MetricSuite,
  proposalRateMetric,
  repetitionMetric,
  successMetric,
  summarizeMetrics,
  toolErrorRateMetric,
} from "../../src/evaluation/metrics.js";
import {
  type Speaker,
  type StepAction,
  type Trajectory,
  TrajectoryLogger,
} from "../../src/evaluation/trajectory.js";

const ui = (fn: string, content?: string): StepAction => ({
  app: "PAREAgentUserInterface",
  className: AGENT_UI_CLASS,
  function: fn,
  args: content === undefined ? {} : { content },
  operation: fn === "wait" ? "read" : "write",
});
const todo = (fn: string, args: Record<string, unknown> = {}): StepAction => ({
  app: "Todo",
  className: "TodoApp",
  function: fn,
  args,
  operation: fn.startsWith("list") ? "read" : "write",
});

interface Row {
  speaker: Speaker;
  round: number;
  time: number;
  action: StepAction | null;
  mode?: string | null;
  error?: string;
  noise?: boolean;
}

function trajectory(rows: Row[], outcome: { success: boolean | null; turns: number }): Trajectory {
  const logger = new TrajectoryLogger({ scenarioId: "hand_made" });
  for (const r of rows)
    logger.logStep({
      round: r.round,
      speaker: r.speaker,
      action: r.action,
      error: r.error ?? null,
      systemState: { time: r.time, relativeTime: r.time, proactiveMode: r.mode ?? null },
      metadata: { noise: r.noise ?? false, eventId: `e${r.time}` },
    });
  logger.setOutcome({ success: outcome.success, numberOfTurns: outcome.turns });
  return logger.toTrajectory();
}

/**
 * Noise at 5, the trigger at 10; a repeated read; a rejected proposal at 40 (turn 2), an accepted one at
 * 60 (turn 3); two execute calls (one fails) and a report sent while executing.
 */
const busy = trajectory(
  [
    { speaker: "environment", round: 0, time: 5, action: todo("add_item", { title: "spam" }), noise: true },
    { speaker: "environment", round: 0, time: 10, action: todo("add_item", { title: "Call Bob" }) },
    { speaker: "assistant", round: 1, time: 20, action: todo("list_items"), mode: "observe" },
    { speaker: "assistant", round: 1, time: 21, action: todo("list_items"), mode: "observe" },
    { speaker: "assistant", round: 1, time: 30, action: ui("wait"), mode: "observe" },
    {
      speaker: "assistant",
      round: 2,
      time: 40,
      action: ui("send_message_to_user", "Delete all?"),
      mode: "observe",
    },
    { speaker: "user", round: 2, time: 45, action: ui("reject_proposal", "no") },
    {
      speaker: "assistant",
      round: 3,
      time: 60,
      action: ui("send_message_to_user", "Mark Bob done?"),
      mode: "observe",
    },
    { speaker: "user", round: 3, time: 65, action: ui("accept_proposal", "yes") },
    {
      speaker: "assistant",
      round: 3,
      time: 70,
      action: todo("complete_item", { item_id: "1" }),
      mode: "execute",
    },
    {
      speaker: "assistant",
      round: 3,
      time: 71,
      action: todo("complete_item", { item_id: "9" }),
      mode: "execute",
      error: "Item 9 does not exist",
    },
    {
      speaker: "assistant",
      round: 3,
      time: 72,
      action: ui("send_message_to_user", "Done."),
      mode: "execute",
    },
  ],
  { success: true, turns: 5 },
);

/** Nothing but a world event and an assistant that waits. */
const idle = trajectory(
  [
    { speaker: "environment", round: 0, time: 10, action: todo("add_item", { title: "x" }) },
    { speaker: "assistant", round: 0, time: 11, action: ui("wait"), mode: "observe" },
    { speaker: "assistant", round: 1, time: 12, action: ui("wait"), mode: "observe" },
  ],
  { success: false, turns: 2 },
);

const run = (m: Metric, t: Trajectory) => m.compute(t);

describe("built-in metrics on hand-made trajectories", () => {
  it("success", () => {
    expect(run(successMetric, busy).value).toBe(1);
    expect(run(successMetric, idle).value).toBe(0);
    expect(run(successMetric, trajectory([], { success: null, turns: 0 })).value).toBeNull();
  });

  it("proposal rate: proposals (not reports) per turn", () => {
    expect(run(proposalRateMetric, busy)).toEqual({ value: 0.4, details: { proposals: 2, turns: 5 } });
    expect(run(proposalRateMetric, idle).value).toBe(0);
    expect(run(proposalRateMetric, trajectory([], { success: null, turns: 0 })).value).toBeNull();
  });

  it("acceptance rate and false-alarm rate", () => {
    expect(run(acceptanceRateMetric, busy)).toEqual({ value: 0.5, details: { proposals: 2, accepted: 1 } });
    expect(run(falseAlarmRateMetric, busy)).toEqual({ value: 0.5, details: { proposals: 2, rejected: 1 } });
    expect(run(acceptanceRateMetric, idle).value).toBeNull();
    expect(run(falseAlarmRateMetric, idle).value).toBeNull();
  });

  it("an answer with no open proposal is not counted", () => {
    const stray = trajectory(
      [
        { speaker: "user", round: 0, time: 1, action: ui("accept_proposal", "yes") },
        { speaker: "assistant", round: 0, time: 2, action: ui("send_message_to_user", "?"), mode: "observe" },
        { speaker: "user", round: 0, time: 3, action: ui("accept_proposal", "ok"), error: "boom" },
      ],
      { success: false, turns: 1 },
    );
    expect(run(acceptanceRateMetric, stray)).toEqual({ value: 0, details: { proposals: 1, accepted: 0 } });
  });

  it("intervention latency from the first non-noise world event to the first proposal", () => {
    expect(run(interventionLatencyMetric, busy)).toEqual({
      value: 30,
      details: { seconds: 30, turns: 2, triggerEventId: "e10", proposalStep: 5 },
    });
    expect(run(interventionLatencyMetric, idle)).toMatchObject({
      value: null,
      details: { triggerEventId: "e10" },
    });
  });

  it("actions per accepted proposal counts what the assistant did while executing", () => {
    expect(run(actionsPerAcceptedProposalMetric, busy)).toEqual({
      value: 3,
      details: { executeActions: 3, accepted: 1 },
    });
    expect(run(actionsPerAcceptedProposalMetric, idle).value).toBeNull();
  });

  it("repetition: a call identical to the same actor's previous one (waiting excluded)", () => {
    expect(run(repetitionMetric, busy)).toEqual({ value: 1 / 9, details: { repeatedCalls: 1, calls: 9 } });
    expect(run(repetitionMetric, idle)).toEqual({ value: null, details: { repeatedCalls: 0, calls: 0 } });
    const differentArgs = trajectory(
      [
        { speaker: "user", round: 0, time: 1, action: todo("complete_item", { item_id: "1" }) },
        { speaker: "assistant", round: 0, time: 2, action: todo("complete_item", { item_id: "1" }) },
        { speaker: "user", round: 0, time: 3, action: todo("complete_item", { item_id: "2" }) },
        { speaker: "user", round: 0, time: 4, action: todo("complete_item", { item_id: "2" }) },
      ],
      { success: false, turns: 1 },
    );
    expect(run(repetitionMetric, differentArgs).details).toEqual({ repeatedCalls: 1, calls: 4 });
  });

  it("tool error rate over the agents' calls", () => {
    expect(run(toolErrorRateMetric, busy)).toEqual({ value: 0.1, details: { failedCalls: 1, calls: 10 } });
    expect(run(toolErrorRateMetric, idle).value).toBe(0);
  });
});

describe("MetricSuite", () => {
  it("evaluates every built-in metric in order, typed", () => {
    const suite = MetricSuite.builtIn();
    const results = suite.evaluate(busy);
    expect(results.map((r) => [r.name, r.type])).toEqual([
      ["success", "outcome"],
      ["proposal_rate", "interaction"],
      ["acceptance_rate", "interaction"],
      ["false_alarm_rate", "risk_indicator"],
      ["intervention_latency", "interaction"],
      ["actions_per_accepted_proposal", "interaction"],
      ["repetition", "risk_indicator"],
      ["tool_error_rate", "risk_indicator"],
    ]);
    expect(suite.evaluateAsDict(busy)).toEqual({
      success: 1,
      proposal_rate: 0.4,
      acceptance_rate: 0.5,
      false_alarm_rate: 0.5,
      intervention_latency: 30,
      actions_per_accepted_proposal: 3,
      repetition: 1 / 9,
      tool_error_rate: 0.1,
    });
  });

  it("takes custom metrics and refuses duplicates and bad types", () => {
    const steps: Metric = { name: "steps", type: "interaction", compute: (t) => ({ value: t.steps.length }) };
    const suite = new MetricSuite().add(successMetric).add(steps);
    expect(suite.evaluate(idle)).toEqual([
      { name: "success", type: "outcome", value: 0, details: { success: false } },
      { name: "steps", type: "interaction", value: 3, details: {} },
    ]);
    expect(() => suite.add(steps)).toThrow(/already/);
    expect(() => suite.add({ ...steps, name: "x", type: "vibes" as never })).toThrow();
  });

  it("summarises runs by mean over the runs a metric applies to", () => {
    const suite = MetricSuite.builtIn();
    const summary = summarizeMetrics([suite.evaluate(busy), suite.evaluate(idle)]);
    expect(summary.find((s) => s.name === "success")).toEqual({
      name: "success",
      type: "outcome",
      mean: 0.5,
      count: 2,
    });
    expect(summary.find((s) => s.name === "acceptance_rate")).toMatchObject({ mean: 0.5, count: 1 });
    expect(summary.find((s) => s.name === "tool_error_rate")).toMatchObject({ mean: 0.05, count: 2 });
  });
});

describe("summarizeMetrics pools rates as the report does", () => {
  const result = (name: string, value: number | null, details: Record<string, number>) => ({
    name,
    type: "interaction" as const,
    value,
    details,
  });
  it("a run with 1 of 1 accepted and one with 0 of 3: mean 0.5, pooled 0.25", () => {
    const [acceptance] = summarizeMetrics([
      [result("acceptance_rate", 1, { proposals: 1, accepted: 1 })],
      [result("acceptance_rate", 0, { proposals: 3, accepted: 0 })],
    ]);
    expect(acceptance).toMatchObject({ mean: 0.5, count: 2, pooled: 0.25 });
  });
  it("no proposals anywhere: mean and pooled are n/a (null), not 0", () => {
    const [acceptance] = summarizeMetrics([[result("acceptance_rate", null, { proposals: 0, accepted: 0 })]]);
    expect(acceptance).toMatchObject({ mean: null, count: 0, pooled: null });
  });
  it("malformed details (strings, missing keys) are left out of the pool, never NaN", () => {
    const [acceptance] = summarizeMetrics([
      [
        {
          name: "acceptance_rate",
          type: "interaction",
          value: 0.5,
          details: { proposals: "2", accepted: 1 },
        },
      ],
      [result("acceptance_rate", 1, { proposals: 2, accepted: 2 })],
    ]);
    expect(acceptance?.pooled).toBe(1);
  });
});
