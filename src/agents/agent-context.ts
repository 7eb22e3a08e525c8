import type { Environment } from "../core/environment.js";
import type { DeliberationSink } from "./deliberation-log.js";
import type { ContentStore } from "./llm/call-record.js";
import type { LoopEvent } from "./loop-events.js";

/** What an agent needs from the run it takes part in. */
export interface AgentRunContext {
  env: Environment;
  scenarioId: string;
  runNumber: number | null;
  /** Simulated seconds charged to the clock per model call (the agent "thinking"). */
  generationSeconds: number;
  /**
   * Token mode when set: a decision with a token count is charged its output tokens ÷ this rate instead;
   * `generationSeconds` stays the charge for calls that report none.
   */
  generationTokensPerSecond?: number | null;
  deliberations: DeliberationSink;
  /** Characters of a tool result shown to models and kept in deliberation logs; null: never cut; absent: the default. */
  observationCharLimit?: number | null;
  /** Where the loop records its own decisions (expired proposals, resumed executions); absent: not kept. */
  loopEvents?: LoopEvent[];
  signal?: AbortSignal;
  /** Where the bodies of model requests and outputs go (full traces); absent: only their hashes are kept. */
  contents?: ContentStore;
}
