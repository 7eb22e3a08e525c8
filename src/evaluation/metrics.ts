import { z } from "zod";
import { AGENT_UI_CLASS } from "../core/notifications.js";
import { canonicalJson } from "../util/canonical-json.js";
import { protocolRoles } from "./proposals.js";
import type { Trajectory, TrajectoryStep } from "./trajectory.js";

/** outcome: did the task get done; interaction: how the assistant engaged; risk_indicator: signs of harm or waste. */
export const MetricType = z.enum(["outcome", "interaction", "risk_indicator"]);
export type MetricType = z.infer<typeof MetricType>;

export type MetricDetail = string | number | boolean | null;

export const MetricResult = z.object({
  name: z.string(),
  type: MetricType,
  /** Null when the metric does not apply (a rate with nothing to divide by). */
  value: z.number().nullable(),
  details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
});
export type MetricResult = z.infer<typeof MetricResult>;

export interface MetricValue {
  value: number | null;
  details?: Record<string, MetricDetail>;
}

export interface Metric {
  readonly name: string;
  readonly type: MetricType;
  readonly description?: string;
  compute(trajectory: Trajectory): MetricValue;
}

const ratio = (num: number, den: number): number | null => (den > 0 ? num / den : null);

/** Tool calls of the two agents (world events are not calls anyone chose). */
const agentCalls = (t: Trajectory): TrajectoryStep[] =>
  t.steps.filter((s) => s.speaker !== "environment" && s.action !== null);

function protocol(t: Trajectory) {
  const roles = protocolRoles(t.steps);
  const at = (role: string) => t.steps.filter((_, i) => roles[i] === role);
  return { proposals: at("proposal"), acceptances: at("acceptance"), rejections: at("rejection"), roles };
}

function define(
  name: string,
  type: MetricType,
  description: string,
  compute: (t: Trajectory) => MetricValue,
): Metric {
  return { name, type, description, compute };
}

export const successMetric = define(
  "success",
  "outcome",
  "1 when the scenario's validator passed, else 0",
  (t) => ({
    value: t.success === null ? null : t.success ? 1 : 0,
    details: { success: t.success },
  }),
);

export const proposalRateMetric = define("proposal_rate", "interaction", "proposals per runner turn", (t) => {
  const { proposals } = protocol(t);
  return {
    value: ratio(proposals.length, t.numberOfTurns),
    details: { proposals: proposals.length, turns: t.numberOfTurns },
  };
});

export const acceptanceRateMetric = define(
  "acceptance_rate",
  "interaction",
  "accepted proposals / proposals",
  (t) => {
    const { proposals, acceptances } = protocol(t);
    return {
      value: ratio(acceptances.length, proposals.length),
      details: { proposals: proposals.length, accepted: acceptances.length },
    };
  },
);

export const falseAlarmRateMetric = define(
  "false_alarm_rate",
  "risk_indicator",
  "rejected proposals / proposals",
  (t) => {
    const { proposals, rejections } = protocol(t);
    return {
      value: ratio(rejections.length, proposals.length),
      details: { proposals: proposals.length, rejected: rejections.length },
    };
  },
);

export const interventionLatencyMetric = define(
  "intervention_latency",
  "interaction",
  "simulated seconds (and turns) from the first non-noise environment event to the first proposal after it",
  (t): MetricValue => {
    const trigger = t.steps.find((s) => s.speaker === "environment" && !s.metadata.noise);
    const { proposals } = protocol(t);
    const first = trigger ? proposals.find((p) => p.index > trigger.index) : undefined;
    if (!trigger || !first)
      return {
        value: null,
        details: {
          seconds: null,
          turns: null,
          triggerEventId: trigger?.metadata.eventId ?? null,
          proposalStep: null,
        },
      };
    const seconds = first.systemState.time - trigger.systemState.time;
    return {
      value: seconds,
      details: {
        seconds,
        turns: first.round - trigger.round,
        triggerEventId: trigger.metadata.eventId,
        proposalStep: first.index,
      },
    };
  },
);

export const actionsPerAcceptedProposalMetric = define(
  "actions_per_accepted_proposal",
  "interaction",
  "assistant tool calls made while executing / accepted proposals",
  (t) => {
    const { acceptances } = protocol(t);
    const executed = t.steps.filter(
      (s) => s.speaker === "assistant" && s.action !== null && s.systemState.proactiveMode === "execute",
    ).length;
    return {
      value: ratio(executed, acceptances.length),
      details: { executeActions: executed, accepted: acceptances.length },
    };
  },
);

const isWait = (s: TrajectoryStep) => s.action?.className === AGENT_UI_CLASS && s.action.function === "wait";

export const repetitionMetric = define(
  "repetition",
  "risk_indicator",
  "share of tool calls identical (app, function, arguments) to the same actor's previous call; waiting is not counted",
  (t) => {
    const calls = agentCalls(t).filter((s) => !isWait(s));
    const previous = new Map<string, string>();
    let repeated = 0;
    for (const s of calls) {
      const key = canonicalJson({ app: s.action?.app, fn: s.action?.function, args: s.action?.args });
      if (previous.get(s.speaker) === key) repeated += 1;
      previous.set(s.speaker, key);
    }
    return {
      value: ratio(repeated, calls.length),
      details: { repeatedCalls: repeated, calls: calls.length },
    };
  },
);

export const toolErrorRateMetric = define(
  "tool_error_rate",
  "risk_indicator",
  "failed tool calls (errors, injected failures, unknown tools) / tool calls of the user and the assistant",
  (t) => {
    const calls = agentCalls(t);
    const failed = calls.filter((s) => s.error !== null).length;
    return { value: ratio(failed, calls.length), details: { failedCalls: failed, calls: calls.length } };
  },
);

export const BUILT_IN_METRICS: readonly Metric[] = [
  successMetric,
  proposalRateMetric,
  acceptanceRateMetric,
  falseAlarmRateMetric,
  interventionLatencyMetric,
  actionsPerAcceptedProposalMetric,
  repetitionMetric,
  toolErrorRateMetric,
];

/** An ordered set of metrics evaluated together over one trajectory. */
export class MetricSuite {
  private readonly list: Metric[] = [];

  constructor(metrics: readonly Metric[] = []) {
    for (const m of metrics) this.add(m);
  }

  /** Every built-in metric, in BUILT_IN_METRICS order. */
  static builtIn(): MetricSuite {
    return new MetricSuite(BUILT_IN_METRICS);
  }

  add(metric: Metric): this {
    MetricType.parse(metric.type);
    if (this.list.some((m) => m.name === metric.name))
      throw new Error(`metric "${metric.name}" is already in the suite`);
    this.list.push(metric);
    return this;
  }

  get metrics(): readonly Metric[] {
    return this.list;
  }

  evaluate(trajectory: Trajectory): MetricResult[] {
    return this.list.map((m) => {
      const { value, details } = m.compute(trajectory);
      return MetricResult.parse({ name: m.name, type: m.type, value, details: details ?? {} });
    });
  }

  evaluateAsDict(trajectory: Trajectory): Record<string, number | null> {
    return Object.fromEntries(this.evaluate(trajectory).map((r) => [r.name, r.value]));
  }
}

/**
 * Rates that the report pools over every run (sum of numerators ÷ sum of denominators), named by the keys of
 * the numerator and denominator in each result's details. The mean of per-run rates weighs a run with one
 * proposal like a run with ten; the pooled rate is the figure `pare report` prints.
 */
const POOLED_RATES: Readonly<Record<string, readonly [string, string]>> = {
  proposal_rate: ["proposals", "turns"],
  acceptance_rate: ["accepted", "proposals"],
  false_alarm_rate: ["rejected", "proposals"],
};

export interface MetricSummary {
  name: string;
  type: MetricType;
  /** Mean over the runs where the metric applied; null when it applied to none. */
  mean: number | null;
  /** Runs where the metric applied. */
  count: number;
  /**
   * For the rates in `POOLED_RATES` only: numerators summed over every run ÷ denominators summed (the report's
   * aggregate rate); null when every denominator is 0.
   */
  pooled?: number | null;
}

/** Per-metric means (and, for rates, pooled ratios) over several runs' results (each run evaluated by the same suite). */
export function summarizeMetrics(runs: readonly MetricResult[][]): MetricSummary[] {
  const byName = new Map<
    string,
    { type: MetricType; sum: number; count: number; num: number; den: number }
  >();
  for (const results of runs) {
    for (const r of results) {
      const entry = byName.get(r.name) ?? { type: r.type, sum: 0, count: 0, num: 0, den: 0 };
      if (r.value !== null) {
        entry.sum += r.value;
        entry.count += 1;
      }
      const keys = POOLED_RATES[r.name];
      if (keys) {
        const [num, den] = [r.details[keys[0]], r.details[keys[1]]];
        if (typeof num === "number" && typeof den === "number") {
          entry.num += num;
          entry.den += den;
        }
      }
      byName.set(r.name, entry);
    }
  }
  return [...byName].map(([name, e]) => ({
    name,
    type: e.type,
    mean: e.count > 0 ? e.sum / e.count : null,
    count: e.count,
    ...(POOLED_RATES[name] ? { pooled: ratio(e.num, e.den) } : {}),
  }));
}
