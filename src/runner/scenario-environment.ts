import { Environment } from "../core/environment.js";
import { EventType } from "../core/event-types.js";
import { AGENT_UI_CLASS } from "../core/notifications.js";
import type { PAREScenario } from "../scenarios/pare-scenario.js";
import type { ScenarioRunnerConfig } from "./config.js";

/** Tracks the assistant's mode from the oracle's own actions, so oracle runs are measured like agent runs. */
function trackOracleMode(env: Environment): void {
  env.context.proactiveMode = "observe";
  env.onEvent((event) => {
    if (event.action?.className !== AGENT_UI_CLASS || event.metadata.exception !== null) return;
    if (event.action.function === "accept_proposal") env.context.proactiveMode = "execute";
    else if (event.action.function === "reject_proposal") env.context.proactiveMode = "observe";
    else if (event.action.function === "send_message_to_user" && event.eventType === EventType.AGENT) {
      env.context.proactiveMode =
        env.context.proactiveMode === "execute" ? "observe" : "awaiting_confirmation";
    }
  });
}

/** Initialises the scenario and builds its environment: apps registered, events scheduled, not started. */
export function scenarioEnvironment(scenario: PAREScenario, config: ScenarioRunnerConfig): Environment {
  scenario.initialize();
  const env = new Environment({
    startTime: scenario.startTime,
    // Agent runs end by their turns (or the scenario's own duration); the cap only guards oracle runs.
    duration: config.oracle ? (scenario.duration ?? config.maxScenarioDuration) : scenario.duration,
    timeIncrement: scenario.timeIncrement,
    oracleMode: config.oracle,
    nullNotifications: config.nullNotifications,
  });
  env.registerApps(scenario.apps);
  env.schedule(scenario.events);
  return env;
}

/** Oracle mode: plays every scheduled event (the reference solution included) until the queue is empty. */
export function runOracle(env: Environment): void {
  trackOracleMode(env);
  env.start();
  env.runUntilIdle();
}
