import type { Policy, PolicyDecision } from "../types.js";

/** An assistant that never proposes: it waits at every step. The floor every scenario must fail. */
export class NoopPolicy implements Policy {
  async decide(): Promise<PolicyDecision> {
    return {
      action: { tool: "PAREAgentUserInterface__wait", args: {} },
      thought: "The no-op baseline never intervenes.",
      modelCalls: 1,
    };
  }

  reset(): void {}
}
