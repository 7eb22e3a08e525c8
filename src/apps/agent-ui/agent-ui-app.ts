import { z } from "zod";
import { App, type AppOptions } from "../../core/app.js";
import { formatDateTime } from "../../core/clock.js";
import { agentTool, parsed, userTool } from "../../core/tool-decorators.js";

export const UiMessage = z.object({
  id: z.string(),
  sender: z.enum(["User", "Agent"]),
  content: z.string(),
  timestamp: z.number(),
  kind: z.enum(["message", "accept", "reject"]),
});
export type UiMessage = z.infer<typeof UiMessage>;

const AgentUiState = z.object({ messages: z.array(UiMessage) });
type AgentUiState = z.infer<typeof AgentUiState>;

const Content = z.object({ content: z.string().default("").describe("The text of the message") });

/** Renders a message the way it reaches the other side (the user's task, the assistant's reply). */
export function renderUiMessage(message: Pick<UiMessage, "sender" | "content" | "timestamp">): string {
  return `Received at: ${formatDateTime(message.timestamp)}\nSender: ${message.sender}\nMessage: ${message.content}`;
}

/**
 * The channel between the assistant and the user: the assistant proposes or reports with
 * `send_message_to_user`, waits with `wait`; the user answers with `accept_proposal` / `reject_proposal`.
 */
export class PAREAgentUserInterface extends App<AgentUiState> {
  readonly stateSchema = AgentUiState;
  messages: UiMessage[] = [];

  constructor(options: AppOptions = {}) {
    super({ name: options.name ?? "PAREAgentUserInterface" });
  }

  protected dumpState(): AgentUiState {
    return { messages: this.messages };
  }
  protected restoreState(state: AgentUiState): void {
    this.messages = state.messages.map((m) => ({ ...m }));
  }
  protected emptyState(): AgentUiState {
    return { messages: [] };
  }

  private append(sender: UiMessage["sender"], content: string, kind: UiMessage["kind"]): string {
    const id = `msg-${this.messages.length + 1}`;
    this.messages.push({ id, sender, content, timestamp: this.clock.now(), kind });
    return id;
  }

  @agentTool({
    description:
      "Send a message to the user: a concrete proposal of help (they can accept or reject it), or a report when a task is done.",
    params: Content,
    op: "write",
  })
  send_message_to_user(args: z.input<typeof Content>): null {
    this.append("Agent", parsed(Content, args).content, "message");
    return null;
  }

  @agentTool({ description: "Do nothing this turn and keep observing the user." })
  wait(): string {
    return "Continuing to observe user activity.";
  }

  @userTool({
    description: "Accept the assistant's pending proposal, saying why.",
    params: Content,
    op: "write",
  })
  accept_proposal(args: z.input<typeof Content>): string {
    return this.append("User", parsed(Content, args).content, "accept");
  }

  @userTool({
    description: "Reject the assistant's pending proposal, saying why.",
    params: Content,
    op: "write",
  })
  reject_proposal(args: z.input<typeof Content>): string {
    return this.append("User", parsed(Content, args).content, "reject");
  }

  lastAgentMessage(): UiMessage | undefined {
    return [...this.messages].reverse().find((m) => m.sender === "Agent");
  }
}
