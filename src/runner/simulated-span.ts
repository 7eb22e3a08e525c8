import type { ScenarioRunnerConfig } from "./config.js";

export type SpanConfig = Pick<
  ScenarioRunnerConfig,
  | "maxTurns"
  | "userMaxIterations"
  | "observeMaxIterations"
  | "executeMaxIterations"
  | "simulatedGenerationSeconds"
>;

/**
 * The simulated seconds a run will cover, which environmental noise is spread over: the scenario's own duration
 * when it sets one, else the longest run the limits allow — every turn a full user turn and the longer of an
 * observation and an execution, each model call charged `simulatedGenerationSeconds`. An upper bound, so noise
 * arrives at the configured rate for as long as any run lasts (waits with `wait_for_notification` aside).
 */
export function plannedRunSpan(config: SpanConfig, scenarioDuration: number | null): number {
  if (scenarioDuration !== null) return scenarioDuration;
  const callsPerTurn =
    config.userMaxIterations + Math.max(config.observeMaxIterations, config.executeMaxIterations);
  return config.maxTurns * callsPerTurn * config.simulatedGenerationSeconds;
}
