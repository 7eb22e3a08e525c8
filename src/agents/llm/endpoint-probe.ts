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
  /** Milliseconds clock that times the calls (default performance.now). */
  now?: () => number;
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
  const now = options.now ?? (() => performance.now());
  const label = `${engine.provider}/${engine.model}`;
  // The budget covers the calls as well as the waits between them: a call is cut off when it runs out.
  let spentMs = 0;
  let attempts = 0;
  for (;;) {
    attempts += 1;
    const remaining = Math.max(1, Math.round(timeoutMs - spentMs));
    const callStarted = now();
    const cutOff = AbortSignal.timeout(Math.min(remaining, 2_147_483_647));
    const signal = options.signal ? AbortSignal.any([options.signal, cutOff]) : cutOff;
    try {
      await engine.complete(
        { messages: [{ role: "user", content: PROBE_PROMPT }] },
        { role: options.role ?? "user", runNumber: 0, signal },
      );
      return;
    } catch (error) {
      spentMs += now() - callStarted;
      const base = { model: engine.model, provider: engine.provider, attempts };
      const deadlineHit = cutOff.aborted && !options.signal?.aborted;
      const retryable = deadlineHit || (isLLMError(error) && error.retryable && error.kind !== "aborted");
      const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      if (!retryable) {
        throw new LLMProbeError({
          ...base,
          message: `LLM ${label} failed with non-retryable error: ${detail}`,
        });
      }
      const left = timeoutMs - spentMs;
      if (deadlineHit || left <= 0) {
        throw new LLMProbeError({
          ...base,
          message: `LLM endpoint ${label} not ready after ${Math.round(timeoutMs / 1000)}s (--probe-timeout). Last error: ${detail}`,
        });
      }
      const wait = Math.min(pollIntervalMs, left);
      await sleep(wait, options.signal);
      spentMs += wait;
    }
  }
}
