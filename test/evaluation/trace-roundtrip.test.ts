import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  findTraceFiles,
  loadTrace,
  parseTrace,
  saveTrace,
  serializeTrace,
  TraceParseError,
} from "../../src/evaluation/trace-io.js";
import { PareTrace, TRACE_SCHEMA_VERSION, traceFileName } from "../../src/evaluation/trace-schema.js";
import { formatTraceTimeline } from "../../src/evaluation/trace-timeline.js";
import { NOOP, ORACLE, runTodo, tempDir } from "./helpers.js";

describe("trace export and parsing", () => {
  it("captures the run: ids, config, states, events, result", async () => {
    const { run, trace } = await runTodo(ORACLE);
    expect(trace.version).toBe(TRACE_SCHEMA_VERSION);
    expect(trace.format).toBe("full");
    expect(trace.scenarioId).toBe("eval_todo");
    expect(trace.runNumber).toBeNull();
    expect(trace.manifest).toEqual({ runId: null, configHash: expect.stringMatching(/^[0-9a-f]{16}$/) });
    expect(trace.config.oracle).toBe(true);
    expect(trace.result).toMatchObject({
      success: true,
      proposalCount: 1,
      acceptanceCount: 1,
      numberOfTurns: 0,
    });
    expect(trace.scenario.contentHash).toBe(run.scenario.contentHash());
    const todo = trace.apps?.find((a) => a.name === "Todo") as { initialState: unknown; finalState: unknown };
    expect((todo.initialState as { items: unknown[] }).items).toHaveLength(1);
    expect((todo.finalState as { items: { done: boolean }[] }).items.map((i) => i.done)).toEqual([
      false,
      true,
    ]);
    const complete = trace.events.find((e) => e.action?.function === "complete_item");
    expect(complete).toMatchObject({
      eventType: "AGENT",
      oracle: true,
      proactiveMode: "execute",
      exception: null,
    });
    expect(complete?.returnValue).toBe(trace.events.find((e) => e.eventId === "arrive")?.returnValue);
    expect(trace.events.every((e) => e.relativeTime === e.eventTime - trace.scenario.startTime)).toBe(true);
    expect(trace.deliberations).toEqual([]);
  });

  it("keeps the agents' steps in offline runs", async () => {
    const { run, trace } = await runTodo(NOOP);
    expect(trace.deliberations.length).toBe(20);
    expect(trace.deliberations).toEqual((run.deliberations as unknown as { entries: unknown[] }).entries);
    expect(trace.result).toMatchObject({ success: false, numberOfTurns: 10 });
  });

  it("keeps the loop's own decisions, shows them on the timeline, and reads older traces without them", async () => {
    const { trace } = await runTodo({ agentType: "reference", userType: "scripted", idleStopTurns: 2 });
    expect(trace.loopEvents.map((e) => e.kind)).toEqual(["idle_stop"]);
    expect(trace.environment?.stopReason).toBe("idle");
    expect(parseTrace(JSON.parse(serializeTrace(trace)))).toEqual(trace);
    expect(formatTraceTimeline(trace)).toMatch(/loop\s+idle_stop: nothing happened for 2 turn/);
    const { loopEvents: _dropped, ...older } = trace;
    expect(PareTrace.parse(older).loopEvents).toEqual([]);
    expect(() => PareTrace.parse({ ...trace, loopEvents: [{ turn: 1, kind: "nap" }] })).toThrow(/loopEvents/);
    expect((await runTodo(NOOP)).trace.loopEvents).toEqual([]);
  });

  it("round-trips through a file: same value, same bytes", async () => {
    const dir = tempDir();
    for (const over of [ORACLE, NOOP]) {
      for (const format of ["full", "lite"] as const) {
        const { trace } = await runTodo(over, { format });
        const path = join(dir, `${format}-${over === ORACLE ? "oracle" : "noop"}.json`);
        saveTrace(path, trace);
        const back = loadTrace(path);
        expect(back).toEqual(trace);
        expect(serializeTrace(back)).toBe(readFileSync(path, "utf8"));
      }
    }
  });

  it("is byte-identical for the same seed and config (oracle and offline)", async () => {
    for (const over of [ORACLE, NOOP, { agentType: "random", userType: "scripted", seed: 7 }]) {
      const a = serializeTrace((await runTodo(over, { runNumber: 2 })).trace);
      const b = serializeTrace((await runTodo(over, { runNumber: 2 })).trace);
      expect(a).toBe(b);
    }
    const seeded = (seed: number) => runTodo({ agentType: "random", userType: "scripted", seed });
    expect(serializeTrace((await seeded(1)).trace)).not.toBe(serializeTrace((await seeded(2)).trace));
  });

  it("lite drops app states and return values but keeps the timeline", async () => {
    const full = (await runTodo(NOOP)).trace;
    const lite = (await runTodo(NOOP, { format: "lite" })).trace;
    expect(lite.format).toBe("lite");
    expect(lite.apps).toBeUndefined();
    expect(lite.events.every((e) => !("returnValue" in e))).toBe(true);
    expect(lite.events.map((e) => [e.eventId, e.eventTime, e.action?.function, e.turn])).toEqual(
      full.events.map((e) => [e.eventId, e.eventTime, e.action?.function, e.turn]),
    );
    expect(lite.deliberations.map((d) => [d.turn, d.role, d.action, d.thought])).toEqual(
      full.deliberations.map((d) => [d.turn, d.role, d.action, d.thought]),
    );
    expect(lite.deliberations.every((d) => d.raw === null && d.observation === null)).toBe(true);
    expect(serializeTrace(lite).length).toBeLessThan(serializeTrace(full).length);
  });

  it("rejects malformed traces with an error naming the field", async () => {
    const { trace } = await runTodo(ORACLE);
    const broken = structuredClone(trace) as unknown as { events: { eventTime: unknown }[] };
    (broken.events[1] as { eventTime: unknown }).eventTime = "soon";
    expect(() => parseTrace(broken)).toThrow(TraceParseError);
    expect(() => parseTrace(broken)).toThrow(/events\.1\.eventTime/);
    expect(() => parseTrace({ ...trace, version: "pare_trace_v0" })).toThrow(
      /unsupported trace version "pare_trace_v0"/,
    );
    const { scenarioId: _, ...noId } = trace;
    expect(() => parseTrace(noId)).toThrow(/scenarioId/);
    const dir = tempDir();
    writeFileSync(join(dir, "bad.json"), "{not json");
    expect(() => loadTrace(join(dir, "bad.json"))).toThrow(/bad\.json: not JSON/);
    expect(PareTrace.safeParse(trace).success).toBe(true);
  });

  it("finds trace files under directories", async () => {
    const dir = tempDir();
    const { trace } = await runTodo(ORACLE);
    saveTrace(join(dir, "a", traceFileName("x", 2)), trace);
    saveTrace(join(dir, traceFileName("x", null)), trace);
    writeFileSync(join(dir, "notes.json"), "{}");
    expect(findTraceFiles([dir]).map((p) => p.slice(dir.length + 1))).toEqual([
      join("a", "x_2_trace.json"),
      "x_single_trace.json",
    ]);
    expect(() => findTraceFiles([join(dir, "missing")])).toThrow(/no such file/);
  });
});
