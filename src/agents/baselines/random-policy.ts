import type { AppTool } from "../../core/app-tool.js";
import { Rng } from "../../core/random.js";
import type { Policy, PolicyDecision, StepInput } from "../types.js";

/** Read tools that can be called without arguments (every parameter optional). */
function argumentFree(tools: readonly AppTool[]): AppTool[] {
  return tools.filter(
    (t) => t.operation === "read" && t.params.safeParse({}).success && !t.name.includes("wait"),
  );
}

export interface RandomPolicyOptions {
  /** Seed of the generator; the runner mixes in the scenario id so scenarios do not share one sequence. */
  seed: number | string;
  /** Chance of proposing at an observe step. */
  proposalProbability?: number;
}

/**
 * A seeded random assistant: it makes random argument-free read calls and now and then proposes a vague
 * offer of help; when accepted it reads once and reports. A baseline for "activity without understanding".
 */
export class RandomPolicy implements Policy {
  private rng: Rng;

  constructor(private readonly options: RandomPolicyOptions) {
    this.rng = new Rng(`random-policy:${options.seed}`);
  }

  reset(): void {}

  async decide(input: StepInput): Promise<PolicyDecision> {
    const reads = argumentFree(input.tools);
    const appNames = [...new Set(input.tools.map((t) => t.app.name))].filter(
      (n) => n !== "PAREAgentUserInterface" && n !== "System",
    );
    if (input.role === "execute") {
      if (input.iteration === 0 && reads.length > 0) {
        const tool = this.rng.choice(reads);
        return {
          action: { tool: tool.publicName, args: {} },
          thought: "Random read before reporting.",
          modelCalls: 1,
        };
      }
      return {
        action: {
          tool: "PAREAgentUserInterface__send_message_to_user",
          args: { content: "I looked into it; all done." },
        },
        modelCalls: 1,
      };
    }
    const roll = this.rng.next();
    if (roll < (this.options.proposalProbability ?? 0.2) && appNames.length > 0) {
      const app = this.rng.choice(appNames);
      return {
        action: {
          tool: "PAREAgentUserInterface__send_message_to_user",
          args: { content: `I noticed activity in ${app}. Would you like me to help with it?` },
        },
        thought: "Random proposal.",
        modelCalls: 1,
      };
    }
    if (roll < 0.7 && reads.length > 0) {
      const tool = this.rng.choice(reads);
      return { action: { tool: tool.publicName, args: {} }, thought: "Random read.", modelCalls: 1 };
    }
    return {
      action: { tool: "PAREAgentUserInterface__wait", args: {} },
      thought: "Random wait.",
      modelCalls: 1,
    };
  }
}
