import { MultiScenarioRunnerConfig } from "../src/runner/config.js";
import { runBenchmark } from "../src/runner/multi-runner.js";
import { medianOf, round } from "./lib/measure.js";

export interface OracleThroughputResult {
  scenarios: number;
  runsPerScenario: number;
  runs: number;
  successfulRuns: number;
  /** Median over the repeats. */
  wallMs: number;
  scenarioRunsPerSecond: number;
  cpuMsPerRun: number;
  repeats: number;
}

/** The whole suite × runs in oracle mode (the reference solutions, no agents), no result cache. */
export async function benchOracleThroughput(
  scenarioIds: readonly string[],
  options: { runsPerScenario: number; repeats: number },
): Promise<OracleThroughputResult> {
  const config = MultiScenarioRunnerConfig.parse({
    oracle: true,
    enableCaching: false,
    runsPerScenario: options.runsPerScenario,
  });
  const m = await medianOf(options.repeats, () => runBenchmark(scenarioIds, config));
  const runs = scenarioIds.length * options.runsPerScenario;
  return {
    scenarios: scenarioIds.length,
    runsPerScenario: options.runsPerScenario,
    runs,
    successfulRuns: m.last.results.successfulCount,
    wallMs: round(m.wallMs, 1),
    scenarioRunsPerSecond: round((runs / m.wallMs) * 1000, 1),
    cpuMsPerRun: round(m.cpuMs / runs),
    repeats: options.repeats,
  };
}
