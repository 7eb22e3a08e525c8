import { describe, expect, it } from "vitest";
import { z } from "zod";
import { MetricSuite, successMetric } from "../../src/evaluation/metrics.js";
import { RuleBasedTaskEvaluator } from "../../src/evaluation/task-evaluator.js";
import { trajectoryFromTrace } from "../../src/evaluation/trace-trajectory.js";
import type { Trajectory } from "../../src/evaluation/trajectory.js";
import { NOOP, ORACLE, runTodo } from "./helpers.js";

const oracle: Trajectory = trajectoryFromTrace((await runTodo(ORACLE)).trace);
const noop: Trajectory = trajectoryFromTrace((await runTodo(NOOP)).trace);

const passes = (criteria: unknown[], t: Trajectory) =>
  new RuleBasedTaskEvaluator(criteria as never).evaluate(t).success;

function zodError(fn: () => unknown): z.ZodError {
  try {
    fn();
  } catch (error) {
    if (error instanceof z.ZodError) return error;
    throw error;
  }
  throw new Error("expected a ZodError");
}

describe("RuleBasedTaskEvaluator criteria", () => {
  it("task_completed follows the scenario's verdict", () => {
    const c = [{ type: "task_completed" }];
    expect(passes(c, oracle)).toBe(true);
    expect(passes(c, noop)).toBe(false);
    const result = new RuleBasedTaskEvaluator(c as never).evaluate(noop);
    expect(result.details[0]).toMatchObject({ type: "task_completed", passed: false, observed: false });
    expect(result.details[0]?.detail).toMatch(/Missing/);
  });

  it("round_budget compares the turns used", () => {
    expect(passes([{ type: "round_budget", maxRounds: 10 }], noop)).toBe(true);
    expect(passes([{ type: "round_budget", maxRounds: 9 }], noop)).toBe(false);
    const detail = new RuleBasedTaskEvaluator([{ type: "round_budget", maxRounds: 3 }]).evaluate(noop)
      .details[0];
    expect(detail).toMatchObject({ observed: 10, detail: "10 of at most 3 rounds" });
  });

  it("output_match: contains / equals / regex over a chosen source, case-insensitive by default", () => {
    expect(passes([{ type: "output_match", pattern: "call bob" }], oracle)).toBe(true);
    expect(passes([{ type: "output_match", pattern: "call bob", caseSensitive: true }], oracle)).toBe(false);
    expect(
      passes(
        [{ type: "output_match", pattern: "shall i mark 'call bob' as done?", match: "equals" }],
        oracle,
      ),
    ).toBe(true);
    expect(passes([{ type: "output_match", pattern: "^Shall .* done\\?$", match: "regex" }], oracle)).toBe(
      true,
    );
    expect(
      passes([{ type: "output_match", pattern: "yes", source: "user_messages", match: "equals" }], oracle),
    ).toBe(true);
    expect(
      passes([{ type: "output_match", pattern: "Bob", source: "final_assistant_message" }], oracle),
    ).toBe(true);
    expect(passes([{ type: "output_match", pattern: "Call Bob", source: "observations" }], oracle)).toBe(
      true,
    );
    expect(passes([{ type: "output_match", pattern: "Bob" }], noop)).toBe(false);
    const hit = new RuleBasedTaskEvaluator([{ type: "output_match", pattern: "bob" }]).evaluate(oracle)
      .details[0];
    expect(hit?.observed).toBe("Shall I mark 'Call Bob' as done?");
  });

  it("numeric_threshold compares a metric of the suite; a metric that does not apply fails", () => {
    expect(
      passes([{ type: "numeric_threshold", metric: "intervention_latency", op: "<=", value: 3 }], oracle),
    ).toBe(true);
    expect(
      passes([{ type: "numeric_threshold", metric: "intervention_latency", op: "<", value: 3 }], oracle),
    ).toBe(false);
    expect(passes([{ type: "numeric_threshold", metric: "tool_error_rate", op: "==", value: 0 }], noop)).toBe(
      true,
    );
    expect(passes([{ type: "numeric_threshold", metric: "proposal_rate", op: ">", value: 0 }], noop)).toBe(
      false,
    );
    const na = new RuleBasedTaskEvaluator([
      { type: "numeric_threshold", metric: "acceptance_rate", op: ">=", value: 0 },
    ]).evaluate(noop);
    expect(na.details[0]).toMatchObject({
      passed: false,
      observed: null,
      detail: "acceptance_rate does not apply to this run",
    });
  });

  it("scores the weighted share of passed criteria; success needs all of them", () => {
    const evaluator = new RuleBasedTaskEvaluator({
      id: "todo",
      successCriteria: [
        { type: "task_completed", weight: 3 },
        { type: "round_budget", maxRounds: 20, name: "quick enough" },
      ],
    });
    expect(evaluator.evaluate(oracle)).toMatchObject({ success: true, score: 1 });
    const failed = evaluator.evaluate(noop);
    expect(failed.success).toBe(false);
    expect(failed.score).toBe(0.25);
    expect(failed.details.map((d) => [d.index, d.name, d.passed, d.weight])).toEqual([
      [0, "task_completed", false, 3],
      [1, "quick enough", true, 1],
    ]);
  });
});

describe("malformed criteria", () => {
  it("are a ZodError naming the field", () => {
    const missing = zodError(
      () => new RuleBasedTaskEvaluator([{ type: "task_completed" }, { type: "round_budget" } as never]),
    );
    expect(missing.issues[0]?.path).toEqual(["successCriteria", 1, "maxRounds"]);
    expect(missing.message).toMatch(/maxRounds/);
    const badOp = zodError(
      () =>
        new RuleBasedTaskEvaluator([
          { type: "numeric_threshold", metric: "success", op: "~", value: 1 } as never,
        ]),
    );
    expect(badOp.issues[0]?.path).toEqual(["successCriteria", 0, "op"]);
    const badType = zodError(() => new RuleBasedTaskEvaluator([{ type: "vibes" } as never]));
    expect(badType.issues[0]?.path).toEqual(["successCriteria", 0, "type"]);
    const extra = zodError(
      () => new RuleBasedTaskEvaluator([{ type: "task_completed", maxRounds: 2 } as never]),
    );
    expect(extra.message).toMatch(/maxRounds/);
    const badRegex = zodError(
      () => new RuleBasedTaskEvaluator([{ type: "output_match", pattern: "(", match: "regex" }]),
    );
    expect(badRegex.issues[0]?.path).toEqual(["successCriteria", 0, "pattern"]);
    const none = zodError(() => new RuleBasedTaskEvaluator([]));
    expect(none.issues[0]?.path).toEqual(["successCriteria"]);
    const weight = zodError(() => new RuleBasedTaskEvaluator([{ type: "task_completed", weight: 0 }]));
    expect(weight.issues[0]?.path).toEqual(["successCriteria", 0, "weight"]);
  });

  it("a threshold on a metric the suite lacks names the metric field", () => {
    const suite = new MetricSuite([successMetric]);
    const error = zodError(
      () =>
        new RuleBasedTaskEvaluator(
          [{ type: "numeric_threshold", metric: "repetition", op: "<", value: 1 }],
          suite,
        ),
    );
    expect(error.issues[0]?.path).toEqual(["successCriteria", 0, "metric"]);
    expect(error.issues[0]?.message).toMatch(/unknown metric "repetition"; known: success/);
  });
});
