import { isLLMError, LLMProbeError } from "./errors.js";
import { type AgentRole, type LLMEngine, realSleep, type SleepFn } from "./types.js";

export const PROBE_PROMPT = "Reply with only the word ok";

export interface ProbeOptions {
  /** Total waiting allowed for an endpoint that is still starting (default 600 s). */
  timeoutMs?: number;
  pollIntervalMs?: number;
  sleep?: SleepFn;
  signal?: AbortSignal;
  role?: AgentRole;
}

/**
 * Sends one tiny completion until the endpoint answers. Retryable failures (server starting,
 * rate limits, timeouts) are waited out; anything else fails at once. Give it an engine with
 * maxRetries 0 so that polling, not the engine, paces the attempts.
 */
export async function probeEndpoint(engine: LLMEngine, options: ProbeOptions = {}): Promise<void> {
  const timeoutMs = options.timeoutMs ?? 600_000;
  const pollIntervalMs = options.pollIntervalMs ?? 30_000;
  const sleep = options.sleep ?? realSleep;
  const label = `${engine.provider}/${engine.model}`;
  let waitedMs = 0;
  let attempts = 0;
  for (;;) {
    attempts += 1;
    try {
      await engine.complete(
        { messages: [{ role: "user", content: PROBE_PROMPT }] },
        { role: options.role ?? "user", runNumber: 0, signal: options.signal },
      );
      return;
    } catch (error) {
      const base = { model: engine.model, provider: engine.provider, attempts };
      const retryable = isLLMError(error) && error.retryable && error.kind !== "aborted";
      const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      if (!retryable) {
        throw new LLMProbeError({
          ...base,
          message: `LLM ${label} failed with non-retryable error: ${detail}`,
        });
      }
      if (waitedMs + pollIntervalMs > timeoutMs) {
        throw new LLMProbeError({
          ...base,
          message: `LLM endpoint ${label} not ready after ${Math.round(timeoutMs / 1000)}s. Last error: ${detail}`,
        });
      }
      await sleep(pollIntervalMs, options.signal);
      waitedMs += pollIntervalMs;
    }
  }
}
