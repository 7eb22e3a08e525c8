import { Environment } from "../src/core/environment.js";
import { ScenarioRunnerConfig } from "../src/runner/config.js";
import { runScenario } from "../src/runner/scenario-runner.js";
import { measure, round } from "./lib/measure.js";
import { SYNTHETIC_100K, SyntheticEventScenario, type SyntheticShape } from "./lib/synthetic-scenario.js";

export interface EventEngineResult {
  scheduledEvents: number;
  loggedEvents: number;
  conditionChecks: number;
  /** Building the scenario: apps, then every event in capture mode. */
  buildMs: number;
  /** Environment start → queue empty (scheduling, dependencies, placeholders, logging, notifications). */
  engineMs: number;
  /** Process CPU over the same span (every thread: GC helpers included); less sensitive to a busy machine. */
  engineCpuMs: number;
  engineEventsPerSecond: number;
  /** The whole oracle run through runScenario (build, engine, metrics, validation). */
  runScenarioMs: number;
  runScenarioEventsPerSecond: number;
  success: boolean | null;
}

/** The event engine alone, on a bare Environment. */
function engineOnly(shape: SyntheticShape) {
  const scenario = new SyntheticEventScenario(shape);
  scenario.initialize();
  const env = new Environment({ startTime: scenario.startTime, oracleMode: true });
  env.registerApps(scenario.apps);
  env.schedule(scenario.events);
  return { scenario, env };
}

export async function benchEventEngine(shape: SyntheticShape = SYNTHETIC_100K): Promise<EventEngineResult> {
  // Warm-up on a small instance of the same shape (JIT), unmeasured.
  const warm = engineOnly({ ...shape, chains: Math.max(1, shape.chains / 20) });
  warm.env.start();
  warm.env.runUntilIdle();

  const build = await measure(() => {
    const s = new SyntheticEventScenario(shape);
    s.initialize();
    return s;
  });
  const { env } = engineOnly(shape);
  const engine = await measure(() => {
    env.start();
    env.runUntilIdle();
  });
  const logged = env.eventLog.length;
  const conditionChecks = env.eventLog.listView().filter((e) => e.eventType === "CONDITION").length;

  const config = ScenarioRunnerConfig.parse({ oracle: true });
  const full = await measure(() => runScenario(new SyntheticEventScenario(shape), { config }));
  const scheduled = shape.chains * shape.eventsPerChain;
  return {
    scheduledEvents: scheduled,
    loggedEvents: logged,
    conditionChecks,
    buildMs: round(build.wallMs, 1),
    engineMs: round(engine.wallMs, 1),
    engineCpuMs: round(engine.cpuMs, 1),
    engineEventsPerSecond: Math.round((scheduled / engine.wallMs) * 1000),
    runScenarioMs: round(full.wallMs, 1),
    runScenarioEventsPerSecond: Math.round((scheduled / full.wallMs) * 1000),
    success: full.value.success,
  };
}
