import { describe, expect, it } from "vitest";
import { formatTraceTimeline } from "../../src/evaluation/trace-timeline.js";
import { NOOP, ORACLE, runTodo } from "./helpers.js";

describe("the trace timeline's header", () => {
  it("says how the run stopped", async () => {
    const { trace } = await runTodo(NOOP);
    expect(trace.result.stopReason).toBe("max_turns");
    expect(formatTraceTimeline(trace).split("\n")).toContain("ended: STOPPED (max_turns)");
    const oracle = (await runTodo(ORACLE)).trace;
    expect(formatTraceTimeline(oracle).split("\n")).toContain("ended: STOPPED (oracle_finished)");
  });

  it("shows the noise a run met, and nothing for traces without it", async () => {
    const { trace } = await runTodo(NOOP);
    expect(formatTraceTimeline(trace)).not.toContain("noise:");
    const noisy = { ...trace, result: { ...trace.result, noisePlanned: 12, noiseDelivered: 4 } };
    expect(formatTraceTimeline(noisy).split("\n")).toContain(
      `noise: 4 of 12 planned arrivals delivered (spread over ${trace.scenario.noiseHorizon} simulated s)`,
    );
    // A trace written before stop reasons and noise counts were recorded still reads.
    const { stopReason: _s, noisePlanned: _p, noiseDelivered: _d, ...old } = trace.result;
    expect(formatTraceTimeline({ ...trace, result: old })).toContain("ended: STOPPED");
  });
});
