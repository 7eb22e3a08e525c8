import { EXECUTE_PROMPT_IDENTITY } from "../../src/agents/llm-policy/execute-prompt.js";
import { OBSERVE_PROMPT_IDENTITY } from "../../src/agents/llm-policy/observe-prompt.js";
import { USER_PROMPT_IDENTITY } from "../../src/agents/llm-policy/user-prompt.js";
import type { MockHandler } from "../../test/support/mock-openai-server.js";

/*
 * Plausible model replies for any bundled scenario, as a function of the conversation only (so every
 * run makes the same calls at any concurrency). The user opens an app and looks at lists; the
 * assistant reads, then waits, and after two quiet turns proposes; the user accepts; the executor reads
 * once and reports back. That is a realistic call pattern, not a good agent.
 */

interface Msg {
  role: string;
  content: string;
}

type Role = "user" | "observe" | "execute";

function roleOf(messages: readonly Msg[]): Role {
  const system = messages[0]?.content ?? "";
  if (system.includes(USER_PROMPT_IDENTITY)) return "user";
  if (system.includes(OBSERVE_PROMPT_IDENTITY)) return "observe";
  if (system.includes(EXECUTE_PROMPT_IDENTITY)) return "execute";
  throw new Error(`unrecognised system prompt: ${system.slice(0, 80)}`);
}

const act = (thought: string, tool: string, args: Record<string, unknown> = {}) =>
  `Thought: ${thought}\nAction:\n${JSON.stringify({ action: tool, action_input: args })}<end_action>`;

/** Tool names in a rendered tool list that take no required input and only look (list/get/search/view). */
function readToolsWithoutInputs(text: string): string[] {
  const out: string[] = [];
  for (const block of text.split("\n- ").slice(1)) {
    const name = block.slice(0, block.indexOf(":"));
    if (block.includes("Required inputs:")) continue;
    if (name.startsWith("System__") || name.startsWith("PAREAgentUserInterface__")) continue;
    if (/__(list|get|view|show|open|read)/i.test(name)) out.push(name);
  }
  return out;
}

/** Navigable app names from the user's system prompt. */
function openableApps(system: string): string[] {
  const start = system.indexOf("Apps you can open");
  const end = system.indexOf("System apps", start);
  if (start < 0 || end < 0) return [];
  return system
    .slice(start, end)
    .split("\n")
    .filter((l) => l.startsWith("- "))
    .map((l) => l.slice(2).trim());
}

const assistantReplies = (messages: readonly Msg[]) => messages.filter((m) => m.role === "assistant");

export function phoneReply(messages: readonly Msg[]): string {
  const role = roleOf(messages);
  const last = messages[messages.length - 1]?.content ?? "";
  const mine = assistantReplies(messages);
  if (role === "user") {
    if (last.includes("Sender: Agent") && last.includes("Shall I"))
      return act("That is exactly what I need.", "PAREAgentUserInterface__accept_proposal", {
        content: "Yes, please go ahead.",
      });
    if (last.includes("Current active app: HomeScreen")) {
      const apps = openableApps(messages[0]?.content ?? "");
      const app = apps[mine.length % Math.max(1, apps.length)] ?? "Email";
      return act(`Let me check ${app}.`, "System__open_app", { app_name: app });
    }
    const reads = readToolsWithoutInputs(last);
    const read = reads[mine.length % Math.max(1, reads.length)];
    if (read) return act("Let me look at what is here.", read);
    return act("Nothing to see here.", "System__go_home");
  }
  const tools = readToolsWithoutInputs(messages[0]?.content ?? "");
  const read = tools[mine.length % Math.max(1, tools.length)] ?? "PAREAgentUserInterface__wait";
  if (role === "observe") {
    const proposed = mine.some((m) => m.content.includes("send_message_to_user"));
    const waits = mine.filter((m) => m.content.includes("__wait")).length;
    const previous = mine[mine.length - 1]?.content ?? "";
    if (!proposed && waits >= 2)
      return act("I have seen enough to help.", "PAREAgentUserInterface__send_message_to_user", {
        content: "I noticed something that needs attention. Shall I take care of it for you?",
      });
    if (previous !== "" && !previous.includes("__wait") && !previous.includes("send_message_to_user"))
      return act("Nothing to do yet.", "PAREAgentUserInterface__wait");
    return act("Let me see what changed.", read);
  }
  if (mine.length === 0) return act("First, gather the details.", read);
  return act("Report back.", "PAREAgentUserInterface__send_message_to_user", {
    content: "Done: I took care of it.",
  });
}

/** Mock-server handler: the reply above, with token counts of the size a real model would report. */
export const phoneHandler: MockHandler = (body) => {
  const messages = (body as { messages: Msg[] }).messages;
  let chars = 0;
  for (const m of messages) chars += m.content.length;
  const content = phoneReply(messages);
  return {
    type: "reply",
    content,
    usage: { prompt_tokens: Math.ceil(chars / 4), completion_tokens: Math.ceil(content.length / 4) },
  };
};
