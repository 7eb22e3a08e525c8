import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { PareTrace } from "../../src/evaluation/trace-schema.js";
import { trajectoryFromTrace } from "../../src/evaluation/trace-trajectory.js";
import { loadTrajectory, saveTrajectory, TrajectoryLogger } from "../../src/evaluation/trajectory.js";
import { NOOP, ORACLE, runTodo, tempDir } from "./helpers.js";

describe("TrajectoryLogger", () => {
  it("numbers steps, fills defaults and saves/loads the same trajectory", () => {
    const logger = new TrajectoryLogger({ scenarioId: "s", runNumber: 3, initialState: { App: { n: 1 } } });
    const state = (time: number) => ({ time, relativeTime: time, proactiveMode: "observe" });
    logger.logStep({ round: 0, speaker: "environment", systemState: state(1) });
    const step = logger.logStep({
      round: 1,
      speaker: "assistant",
      message: "Shall I?",
      action: { app: "UI", className: "X", function: "f", args: { a: 1 }, operation: "write" },
      localUtility: 0.5,
      systemState: state(2),
      metadata: { thought: "why not", custom: [1, 2] },
    });
    expect(step.index).toBe(1);
    expect(step.metadata).toMatchObject({
      source: "event",
      noise: false,
      thought: "why not",
      custom: [1, 2],
    });
    logger.setOutcome({ success: true, rationale: "ok", finalState: { App: { n: 2 } } });
    const t = logger.toTrajectory();
    expect(t.numberOfTurns).toBe(2);
    expect(t.steps.map((s) => [s.index, s.speaker, s.observation, s.error])).toEqual([
      [0, "environment", null, null],
      [1, "assistant", null, null],
    ]);
    const path = join(tempDir(), "t.json");
    logger.save(path);
    expect(loadTrajectory(path)).toEqual(t);
    saveTrajectory(path, t);
    expect(loadTrajectory(path)).toEqual(t);
  });

  it("rejects a malformed step naming the field", () => {
    const logger = new TrajectoryLogger({ scenarioId: "s" });
    expect(() =>
      logger.logStep({
        round: -1,
        speaker: "user",
        systemState: { time: 0, relativeTime: 0, proactiveMode: null },
      }),
    ).toThrow(/round/);
  });
});

describe("trajectoryFromTrace", () => {
  it("turns an oracle trace into speaker-attributed steps with local utility", async () => {
    const t = trajectoryFromTrace((await runTodo(ORACLE)).trace);
    expect(t).toMatchObject({ scenarioId: "eval_todo", runNumber: null, success: true, numberOfTurns: 0 });
    expect(t.steps.map((s) => [s.speaker, s.action?.function, s.localUtility])).toEqual([
      ["environment", "add_item", null],
      ["assistant", "list_items", 0],
      ["assistant", "send_message_to_user", 0],
      ["user", "accept_proposal", 1],
      ["assistant", "complete_item", 0],
    ]);
    expect(t.steps[2]?.message).toBe("Shall I mark 'Call Bob' as done?");
    expect(t.steps[3]?.message).toBe("yes");
    expect(t.steps[4]?.systemState).toMatchObject({ relativeTime: 11, proactiveMode: "execute" });
    expect((t.finalState as { Todo: { items: unknown[] } }).Todo.items).toHaveLength(2);
    expect(t.initialState?.Todo).toBeDefined();
  });

  it("attaches the agents' thoughts to their calls, by turn", async () => {
    const t = trajectoryFromTrace((await runTodo(NOOP)).trace);
    const waits = t.steps.filter((s) => s.action?.function === "wait");
    expect(waits).toHaveLength(10);
    expect(waits.map((s) => s.round)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(waits.every((s) => s.metadata.thought === "The no-op baseline never intervenes.")).toBe(true);
    expect(t.steps.filter((s) => s.speaker === "user")).toHaveLength(10);
    expect(t.steps.every((s) => s.metadata.source === "event")).toBe(true);
  });

  it("adds agent steps that never reached an app (unknown tool, no action)", async () => {
    const { trace } = await runTodo(NOOP);
    const base = trace.deliberations[1] as PareTrace["deliberations"][number];
    const extra: PareTrace = {
      ...trace,
      deliberations: [
        ...trace.deliberations,
        {
          ...base,
          action: { tool: "Todo__explode", args: {} },
          error: "Unknown tool Todo__explode",
          thought: "hm",
        },
        { ...base, action: null, parseFailure: "no JSON", thought: null },
      ],
    };
    const t = trajectoryFromTrace(extra);
    const orphans = t.steps.filter((s) => s.metadata.source === "deliberation");
    expect(orphans.map((s) => [s.speaker, s.action?.function ?? null, s.error])).toEqual([
      ["assistant", "explode", "Unknown tool Todo__explode"],
      ["assistant", null, "no JSON"],
    ]);
    expect(orphans[0]?.action).toMatchObject({ app: "Todo", className: "", operation: null });
    // placed at their time, after the logged calls of that moment
    const i = t.steps.indexOf(orphans[0] as never);
    expect(t.steps[i - 1]?.systemState.time).toBeLessThanOrEqual(base.simulatedTime);
  });

  it("works on lite traces (no observations, no app states)", async () => {
    const t = trajectoryFromTrace((await runTodo(ORACLE, { format: "lite" })).trace);
    expect(t.steps).toHaveLength(5);
    expect(t.steps.every((s) => s.observation === null)).toBe(true);
    expect(t.initialState).toBeUndefined();
  });
});
