import type { MultiScenarioRunnerConfig } from "../../runner/config.js";
import type { RunManifest } from "../../runner/run-manifest.js";
import type { PolicyFactory } from "../../runner/scenario-runner.js";
import { CliError } from "../cli-error.js";

/** LLM flags of `pare benchmark run`. */
export interface LlmCliOptions {
  userModel?: string;
  observeModel?: string;
  executeModel?: string;
  provider?: string;
  userProvider?: string;
  observeProvider?: string;
  executeProvider?: string;
  baseUrl?: string;
  userBaseUrl?: string;
  observeBaseUrl?: string;
  executeBaseUrl?: string;
  apiKeyEnv?: string;
  temperature?: number;
  llmTimeout?: number;
  maxRetries?: number;
  replay?: boolean;
  promptPricePerMtok?: number;
  completionPricePerMtok?: number;
}

export interface LlmSetup {
  policies: PolicyFactory;
  /** Token, call and cost totals for the run manifest. */
  usage(): RunManifest["llm"];
}

export function setupLlmAgents(_config: MultiScenarioRunnerConfig, _opts: LlmCliOptions, _cacheDir: string): LlmSetup {
  throw new CliError("LLM agents are being wired in; use --oracle or --agent noop|random");
}
