import type { Environment } from "../core/environment.js";
import type { DeliberationSink } from "./deliberation-log.js";

/** What an agent needs from the run it takes part in. */
export interface AgentRunContext {
  env: Environment;
  scenarioId: string;
  runNumber: number | null;
  /** Simulated seconds charged to the clock per model call (the agent "thinking"). */
  generationSeconds: number;
  deliberations: DeliberationSink;
  signal?: AbortSignal;
}
