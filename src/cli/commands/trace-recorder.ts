import type { MultiScenarioRunnerConfig } from "../../runner/config.js";
import type { RunManifest } from "../../runner/run-manifest.js";
import type { FinishedRun } from "../../runner/scenario-runner.js";
import type { MultiScenarioValidationResult } from "../../scenarios/validation-result.js";

export interface TraceRecorder {
  record: (run: FinishedRun) => void;
  finish: (results: MultiScenarioValidationResult, manifest: RunManifest) => void;
}

export function createTraceRecorder(_config: MultiScenarioRunnerConfig, _dir: string): TraceRecorder {
  return { record: () => {}, finish: () => {} };
}
