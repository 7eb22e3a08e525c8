import { z } from "zod";
import type { AppTool } from "../core/app-tool.js";
import type { Message } from "../core/notifications.js";
import type { ModelCallLog } from "./llm/call-log.js";

export type AgentRole = "user" | "observe" | "execute";

export const AgentAction = z.object({
  tool: z.string().min(1),
  args: z.record(z.string(), z.unknown()).default({}),
});
export type AgentAction = z.infer<typeof AgentAction>;

export interface TokenUsage {
  promptTokens: number;
  completionTokens: number;
}

/** What a policy decided at one step, with what is needed to review it afterwards. */
export interface PolicyDecision {
  action: AgentAction | null;
  /** The agent's stated reason (a ReAct "Thought"), if any. */
  thought?: string;
  /** Raw model output, for the deliberation log. */
  raw?: string;
  /** Set when the output could not be parsed into an action (the step is used up, the run goes on). */
  parseError?: string;
  usage?: TokenUsage;
  cached?: boolean;
  /** Model calls made for this decision (retries of unparsable output included). */
  modelCalls: number;
  /** Every model call of this decision with its full request and reply (LLM policies; for full traces). */
  calls?: ModelCallLog[];
}

/** The result of the previous action, shown to the policy at its next step. */
export interface StepObservation {
  tool: string;
  output?: unknown;
  error?: string;
}

/** Everything a policy may look at to choose its next action. */
export interface StepInput {
  role: AgentRole;
  turn: number;
  iteration: number;
  /** Tools available now, by the name the agent must use. */
  tools: readonly AppTool[];
  /** A new task for this run (a proposal the user received; the approved goal for execution). */
  task: string;
  /** Notifications that arrived since the previous step. */
  notifications: readonly Message[];
  /** The user's current app and screen (user role only). */
  location?: { app: string; screen: string };
  previous?: StepObservation;
  /** Simulated time now. */
  now: number;
}

export interface Policy {
  /** Chooses the next action. */
  decide(input: StepInput, signal?: AbortSignal): Promise<PolicyDecision>;
  /** Forgets the conversation (a fresh execution, a new scenario run). */
  reset(): void;
  /** Receives the result of the action just taken (also after the last step of a run). */
  observe?(observation: StepObservation): void;
}
