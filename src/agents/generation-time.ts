import type { PolicyDecision } from "./types.js";

export interface GenerationTiming {
  /** Fixed mode: seconds per model call. Token mode: the charge of a call that reports no tokens. */
  generationSeconds: number;
  /** Token mode when set: output tokens per simulated second. */
  generationTokensPerSecond?: number | null;
}

/**
 * Simulated seconds one decision spent thinking. Fixed mode: `generationSeconds` per model call. Token mode: its
 * output (completion) tokens ÷ the rate, rounded to the millisecond, which a recorded run replays exactly; a
 * decision without a token count (an offline policy, a server that reports no usage) is charged as in fixed mode.
 */
export function generationSeconds(decision: PolicyDecision, timing: GenerationTiming): number {
  if (decision.modelCalls <= 0) return 0;
  const rate = timing.generationTokensPerSecond ?? null;
  // A server that reports no usage gives 0 tokens: charged as in fixed mode rather than as no time at all.
  if (rate !== null && decision.usage !== undefined && decision.usage.completionTokens > 0)
    return Math.round((decision.usage.completionTokens / rate) * 1000) / 1000;
  return Math.max(0, timing.generationSeconds) * decision.modelCalls;
}
