import {
  MultiScenarioValidationResult,
  ScenarioValidationResult,
} from "../../src/scenarios/validation-result.js";

export const RUN_COLUMNS = {
  userModel: "gpt-5-mini",
  userProvider: "openai",
  observeModel: "gpt-5",
  observeProvider: "openai",
  executeModel: "gpt-5",
  executeProvider: "openai",
  agentType: "observe-execute",
  toolFailureProbability: 0,
  numEnvEventsPerMinute: 0,
};

/**
 * The spec's verified example: 2 scenarios x 2 runs, 10 turns each (each ended at max turns).
 * run 1: A success (2 proposals, 2 accepted, 4 reads, 10 s), B success (1 proposal, 0 accepted, 6 reads, 20 s)
 * run 2: A success (1 proposal, 1 accepted, 3 reads, 30 s), B failed (0 proposals, 9 reads, 40 s)
 * Job duration 100 s.
 */
export function verifiedExample(): MultiScenarioValidationResult {
  const multi = new MultiScenarioValidationResult(RUN_COLUMNS, 100);
  const row = (
    success: boolean,
    proposalCount: number,
    acceptanceCount: number,
    readOnlyActions: number,
    duration: number,
  ): ScenarioValidationResult =>
    new ScenarioValidationResult({
      success,
      proposalCount,
      acceptanceCount,
      readOnlyActions,
      duration,
      numberOfTurns: 10,
      stopReason: "max_turns",
      rationale: success ? "ok" : "missing event",
    });
  multi.addResult(row(true, 2, 2, 4, 10), "scenario_a", 1);
  multi.addResult(row(true, 1, 0, 6, 20), "scenario_b", 1);
  multi.addResult(row(true, 1, 1, 3, 30), "scenario_a", 2);
  multi.addResult(row(false, 0, 0, 9, 40), "scenario_b", 2);
  return multi;
}
