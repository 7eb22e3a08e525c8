import { EXECUTE_PROMPT_IDENTITY } from "../../../src/agents/llm-policy/execute-prompt.js";
import { OBSERVE_PROMPT_IDENTITY } from "../../../src/agents/llm-policy/observe-prompt.js";
import { USER_PROMPT_IDENTITY } from "../../../src/agents/llm-policy/user-prompt.js";
import type { AgentRole } from "../../../src/agents/types.js";
import type { MockHandler, MockStep } from "../../support/mock-openai-server.js";
import { TodoFollowupScenario } from "../../support/todo-scenario.js";

export class LlmTodoScenario extends TodoFollowupScenario {
  static override scenarioId = "llm_policy_todo";
}

/** Runner settings under which the scripted phone below completes the scenario. */
export const TODO_RUN = { maxTurns: 5, observeMaxIterations: 2, executeMaxIterations: 4 };

export const PROMPT_TOKENS = 100;
export const COMPLETION_TOKENS = 10;

interface Msg {
  role: string;
  content: string;
}

/** Which agent sent a request, told apart by its system prompt (as a trace reader would). */
export function roleOf(messages: readonly Msg[]): AgentRole {
  const system = messages[0]?.content ?? "";
  if (system.includes(USER_PROMPT_IDENTITY)) return "user";
  if (system.includes(OBSERVE_PROMPT_IDENTITY)) return "observe";
  if (system.includes(EXECUTE_PROMPT_IDENTITY)) return "execute";
  throw new Error(`unrecognised system prompt: ${system.slice(0, 80)}`);
}

const act = (thought: string, tool: string, args: Record<string, unknown> = {}) =>
  `Thought: ${thought}\nAction:\n${JSON.stringify({ action: tool, action_input: args })}<end_action>`;

/** The ideal phone owner and assistant for the Todo scenario, as a function of the conversation. */
export function todoReply(messages: readonly Msg[]): string {
  const role = roleOf(messages);
  const last = messages[messages.length - 1]?.content ?? "";
  const said = (text: string) => messages.some((m) => m.role === "assistant" && m.content.includes(text));
  if (role === "user") {
    if (last.includes("Sender: Agent") && last.includes("Shall I"))
      return act("The assistant offers exactly what I need.", "PAREAgentUserInterface__accept_proposal", {
        content: "Yes, please do.",
      });
    if (last.includes("Current active app: HomeScreen"))
      return act("Let me check my todo list.", "System__open_app", { app_name: "Todo" });
    return act("I look at my items.", "Todo__list");
  }
  if (role === "observe") {
    if (said("send_message_to_user")) return act("I already offered help.", "PAREAgentUserInterface__wait");
    if (last.includes("Call Bob"))
      return act("A new item arrived.", "PAREAgentUserInterface__send_message_to_user", {
        content: "Shall I mark 'Call Bob' as done?",
      });
    if (last.includes("[OUTPUT OF STEP")) return act("Nothing to do yet.", "PAREAgentUserInterface__wait");
    return act("Let me see the list.", "Todo__list_items");
  }
  if (!said("list_items")) return act("Find the item.", "Todo__list_items");
  const id = messages.map((m) => /"id":"([0-9a-f]+)","title":"Call Bob"/.exec(m.content)?.[1]).find(Boolean);
  if (!said("complete_item")) return act("Complete it.", "Todo__complete_item", { item_id: id ?? "missing" });
  return act("Report back.", "PAREAgentUserInterface__send_message_to_user", {
    content: "Done: 'Call Bob' is marked as done.",
  });
}

export function todoStep(body: unknown): MockStep {
  const messages = (body as { messages: Msg[] }).messages;
  return {
    type: "reply",
    content: todoReply(messages),
    usage: { prompt_tokens: PROMPT_TOKENS, completion_tokens: COMPLETION_TOKENS },
  };
}

export const todoHandler: MockHandler = (body) => todoStep(body);
