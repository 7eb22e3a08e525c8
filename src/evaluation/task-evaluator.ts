import { z } from "zod";
import { MetricSuite } from "./metrics.js";
import type { Trajectory } from "./trajectory.js";

const common = {
  /** Shown in the details; defaults to the criterion's type. */
  name: z.string().min(1).optional(),
  /** Share of the score; criteria weigh 1 by default. */
  weight: z.number().positive().default(1),
};

/** The scenario's own validator passed. */
export const TaskCompletedCriterion = z.strictObject({ type: z.literal("task_completed"), ...common });

/** The run used at most `maxRounds` runner turns. */
export const RoundBudgetCriterion = z.strictObject({
  type: z.literal("round_budget"),
  maxRounds: z.number().int().positive(),
  ...common,
});

export const OutputSource = z.enum([
  "assistant_messages",
  "final_assistant_message",
  "user_messages",
  "observations",
]);
export type OutputSource = z.infer<typeof OutputSource>;

/** Some text of `source` contains / equals / matches `pattern`. */
export const OutputMatchCriterion = z
  .strictObject({
    type: z.literal("output_match"),
    pattern: z.string().min(1),
    match: z.enum(["contains", "equals", "regex"]).default("contains"),
    source: OutputSource.default("assistant_messages"),
    caseSensitive: z.boolean().default(false),
    ...common,
  })
  .superRefine((c, ctx) => {
    if (c.match !== "regex") return;
    try {
      new RegExp(c.pattern);
    } catch (error) {
      ctx.addIssue({
        code: "custom",
        path: ["pattern"],
        message: `invalid regex: ${(error as Error).message}`,
      });
    }
  });

export const ThresholdOp = z.enum(["<", "<=", ">", ">=", "=="]);
export type ThresholdOp = z.infer<typeof ThresholdOp>;

/** A metric of the evaluator's suite compares to `value` with `op` (a metric that does not apply fails). */
export const NumericThresholdCriterion = z.strictObject({
  type: z.literal("numeric_threshold"),
  metric: z.string().min(1),
  op: ThresholdOp,
  value: z.number(),
  ...common,
});

export const SuccessCriterion = z.discriminatedUnion("type", [
  TaskCompletedCriterion,
  RoundBudgetCriterion,
  OutputMatchCriterion,
  NumericThresholdCriterion,
]);
export type SuccessCriterion = z.output<typeof SuccessCriterion>;
export type SuccessCriterionInput = z.input<typeof SuccessCriterion>;

export const TaskSpec = z.strictObject({
  id: z.string().optional(),
  description: z.string().optional(),
  successCriteria: z.array(SuccessCriterion).min(1),
});
export type TaskSpec = z.output<typeof TaskSpec>;
export type TaskSpecInput = z.input<typeof TaskSpec>;

export interface CriterionResult {
  index: number;
  type: SuccessCriterion["type"];
  name: string;
  passed: boolean;
  weight: number;
  /** What was measured (rounds used, the metric's value, the matching text). */
  observed: number | string | boolean | null;
  detail: string;
}

export interface TaskEvaluation {
  /** Every criterion passed. */
  success: boolean;
  /** Weighted share of passed criteria, in [0, 1]. */
  score: number;
  details: CriterionResult[];
}

function compare(a: number, op: ThresholdOp, b: number): boolean {
  switch (op) {
    case "<":
      return a < b;
    case "<=":
      return a <= b;
    case ">":
      return a > b;
    case ">=":
      return a >= b;
    case "==":
      return a === b;
  }
}

function texts(t: Trajectory, source: OutputSource): string[] {
  const messages = (speaker: "user" | "assistant") =>
    t.steps.filter((s) => s.speaker === speaker && s.message !== null).map((s) => s.message as string);
  switch (source) {
    case "assistant_messages":
      return messages("assistant");
    case "final_assistant_message":
      return messages("assistant").slice(-1);
    case "user_messages":
      return messages("user");
    case "observations":
      return t.steps.filter((s) => s.observation !== null).map((s) => s.observation as string);
  }
}

type OutputMatch = z.output<typeof OutputMatchCriterion>;

function matcher(c: OutputMatch): (text: string) => boolean {
  const fold = (s: string) => (c.caseSensitive ? s : s.toLowerCase());
  if (c.match === "regex") {
    const re = new RegExp(c.pattern, c.caseSensitive ? "" : "i");
    return (text) => re.test(text);
  }
  const pattern = fold(c.pattern);
  return c.match === "equals"
    ? (text) => fold(text).trim() === pattern.trim()
    : (text) => fold(text).includes(pattern);
}

/**
 * Scores a trajectory against a task's success criteria. Criteria are parsed on construction: a malformed
 * one is a ZodError whose issue path names the field (`successCriteria.1.maxRounds`).
 */
export class RuleBasedTaskEvaluator {
  readonly task: TaskSpec;
  private readonly suite: MetricSuite;

  constructor(
    task: TaskSpecInput | readonly SuccessCriterionInput[],
    suite: MetricSuite = MetricSuite.builtIn(),
  ) {
    const spec = TaskSpec.parse(Array.isArray(task) ? { successCriteria: task } : task);
    const known = new Set(suite.metrics.map((m) => m.name));
    const unknown: z.core.$ZodIssue[] = [];
    spec.successCriteria.forEach((c, i) => {
      if (c.type === "numeric_threshold" && !known.has(c.metric))
        unknown.push({
          code: "custom",
          path: ["successCriteria", i, "metric"],
          message: `unknown metric "${c.metric}"; known: ${[...known].join(", ")}`,
          input: c.metric,
        });
    });
    if (unknown.length) throw new z.ZodError(unknown);
    this.task = spec;
    this.suite = suite;
  }

  evaluate(trajectory: Trajectory): TaskEvaluation {
    const metrics: Record<string, number | null> = this.task.successCriteria.some(
      (c) => c.type === "numeric_threshold",
    )
      ? this.suite.evaluateAsDict(trajectory)
      : {};
    const details = this.task.successCriteria.map((c, index) => check(c, index, trajectory, metrics));
    const total = details.reduce((sum, d) => sum + d.weight, 0);
    const passed = details.reduce((sum, d) => sum + (d.passed ? d.weight : 0), 0);
    return { success: details.every((d) => d.passed), score: total > 0 ? passed / total : 0, details };
  }
}

function check(
  c: SuccessCriterion,
  index: number,
  trajectory: Trajectory,
  metrics: Record<string, number | null>,
): CriterionResult {
  const base = { index, type: c.type, name: c.name ?? c.type, weight: c.weight };
  switch (c.type) {
    case "task_completed":
      return {
        ...base,
        passed: trajectory.success === true,
        observed: trajectory.success,
        detail: trajectory.rationale ?? (trajectory.success === null ? "no verdict" : ""),
      };
    case "round_budget": {
      const used = trajectory.numberOfTurns;
      return {
        ...base,
        passed: used <= c.maxRounds,
        observed: used,
        detail: `${used} of at most ${c.maxRounds} rounds`,
      };
    }
    case "output_match": {
      const test = matcher(c);
      const hit = texts(trajectory, c.source).find(test) ?? null;
      return {
        ...base,
        passed: hit !== null,
        observed: hit,
        detail: `${hit === null ? "no text of " : ""}${c.source} ${c.match} ${JSON.stringify(c.pattern)}`,
      };
    }
    case "numeric_threshold": {
      const value = metrics[c.metric] ?? null;
      return {
        ...base,
        passed: value !== null && compare(value, c.op, c.value),
        observed: value,
        detail:
          value === null
            ? `${c.metric} does not apply to this run`
            : `${c.metric} = ${value} ${c.op} ${c.value}`,
      };
    }
  }
}
