import { z } from "zod";

/**
 * What the agent loop itself decided, beside the agents' steps: a proposal that expired unanswered, an
 * execution resumed with the user's answer, a run ended early because nothing happened. Kept in the trace.
 */
export const LoopEventKind = z.enum(["proposal_expired", "execution_resumed", "idle_stop"]);
export type LoopEventKind = z.infer<typeof LoopEventKind>;

export const LoopEvent = z.object({
  turn: z.number().int(),
  /** Simulated epoch seconds. */
  simulatedTime: z.number(),
  kind: LoopEventKind,
  detail: z.string(),
});
export type LoopEvent = z.infer<typeof LoopEvent>;
