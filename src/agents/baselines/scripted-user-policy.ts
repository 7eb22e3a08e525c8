import type { Policy, PolicyDecision, StepInput } from "../types.js";

/**
 * An offline user: it accepts every proposal it receives; otherwise it browses deterministically,
 * opening the scenario's apps in turn and going home in between, so the assistant has actions to watch.
 */
export class ScriptedUserPolicy implements Policy {
  private next = 0;

  constructor(
    private readonly appNames: readonly string[],
    private readonly answer: "accept" | "reject" = "accept",
  ) {}

  reset(): void {
    this.next = 0;
  }

  async decide(input: StepInput): Promise<PolicyDecision> {
    if (input.task.includes("Sender: Agent")) {
      const tool = `PAREAgentUserInterface__${this.answer}_proposal`;
      return {
        action: {
          tool,
          args: { content: this.answer === "accept" ? "Yes, please go ahead." : "No, thanks." },
        },
        thought: `The scripted user ${this.answer}s every proposal.`,
        modelCalls: 1,
      };
    }
    const onHome = input.location?.app === "HomeScreen";
    if (!onHome || this.appNames.length === 0)
      return { action: { tool: "System__go_home", args: {} }, modelCalls: 1 };
    const app = this.appNames[this.next % this.appNames.length] as string;
    this.next += 1;
    return { action: { tool: "System__open_app", args: { app_name: app } }, modelCalls: 1 };
  }
}
