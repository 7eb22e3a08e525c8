import { describe, expect, it } from "vitest";
import { buildTrace, convertTrace } from "../../src/evaluation/trace-builder.js";
import { serializeTrace } from "../../src/evaluation/trace-io.js";
import { NOOP, ORACLE, runTodo } from "./helpers.js";

describe("convertTrace", () => {
  it.each([
    ["oracle", ORACLE],
    ["noop", NOOP],
  ])("turns a full %s trace into exactly the lite trace of the run", async (_name, over) => {
    const { run, trace } = await runTodo(over, { format: "full" });
    expect(serializeTrace(convertTrace(trace, "lite", null))).toBe(
      serializeTrace(buildTrace(run, { format: "lite" })),
    );
    expect(serializeTrace(convertTrace(trace, "full", null))).toBe(serializeTrace(trace));
  });

  it("stamps another run id and refuses to invent a full trace from a lite one", async () => {
    const { run } = await runTodo(NOOP, { format: "full" });
    const lite = buildTrace(run, { format: "lite" });
    expect(convertTrace(lite, "lite", "abc").manifest.runId).toBe("abc");
    expect(() => convertTrace(lite, "full", "abc")).toThrow(/cannot be turned into a full one/);
  });
});
