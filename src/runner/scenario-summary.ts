import { Event } from "../core/events.js";
import { isNavigableApp } from "../core/navigation.js";
import { scenarioRegistry } from "../registry/scenario-registry.js";

/** One line of `pare scenarios list`. */
export interface ScenarioSummary {
  id: string;
  apps: string[];
  oracleEvents: number;
  environmentEvents: number;
  benchmarkReady: boolean;
  expectsProposal: boolean;
  tags: string[];
  description: string;
}

export function summarizeScenario(id: string): ScenarioSummary {
  const scenario = scenarioRegistry().create(id);
  scenario.initialize();
  return {
    id,
    apps: scenario.apps.filter((a) => isNavigableApp(a)).map((a) => a.className),
    oracleEvents: scenario.events.filter((e) => e instanceof Event && e.isOracle).length,
    environmentEvents: scenario.events.filter((e) => !(e instanceof Event && e.isOracle)).length,
    benchmarkReady: scenario.isBenchmarkReady,
    expectsProposal: scenario.expectsProposal,
    tags: scenario.tags,
    description: scenario.description,
  };
}
