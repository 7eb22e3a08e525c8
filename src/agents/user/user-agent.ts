import { renderUiMessage } from "../../apps/agent-ui/agent-ui-app.js";
import { MessageType } from "../../core/notifications.js";
import type { AgentRunContext } from "../agent-context.js";
import { runReactLoop } from "../react-loop.js";
import type { Policy } from "../types.js";

/**
 * The simulated user. It sees only what a person with the phone sees: the current screen's tools plus
 * navigation and accept/reject, its notifications, and the assistant's messages (as tasks).
 */
export class UserAgent {
  constructor(
    private readonly policy: Policy,
    private readonly maxIterations = 1,
  ) {}

  reset(): void {
    this.policy.reset();
  }

  async turn(ctx: AgentRunContext, turn: number): Promise<void> {
    const { env } = ctx;
    const proposals = env.notifications.take([MessageType.AGENT_MESSAGE], env.now());
    const task = proposals
      .map((m) => renderUiMessage({ sender: "Agent", content: m.text, timestamp: m.timestamp }))
      .join("\n");
    await runReactLoop(this.policy, ctx, {
      role: "user",
      turn,
      maxIterations: this.maxIterations,
      task,
      tools: () => env.getUserTools(),
      pullNotifications: () => env.notifications.take([MessageType.ENVIRONMENT_NOTIFICATION_USER], env.now()),
      location: () => env.describeLocation(),
      stopOn: [],
      mode: () => null,
    });
  }
}
