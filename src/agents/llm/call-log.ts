import type { ChatMessage, ChatRequest, ChatResponse, ToolSpec } from "./types.js";

/** One model call as it was made: the full request and the full reply (for traces and audits). */
export interface ModelCallLog {
  model: string;
  provider: string;
  request: ChatRequest;
  /** Null when the call failed (the error is the step's). */
  response: ChatResponse | null;
  /** Characters of this request that repeat the previous request of the same conversation (see `prefixShare`). */
  reusablePrefixChars: number;
  /** Characters of this request in the same linearisation. */
  requestChars: number;
}

/**
 * A request as the sequence a provider's prefix cache sees: the tool list first (OpenAI-compatible servers render
 * tools ahead of the messages), then every message with its role, content and tool calls.
 */
export function linearise(request: Pick<ChatRequest, "messages" | "tools">): string[] {
  const parts: string[] = [];
  if (request.tools) parts.push(toolsText(request.tools));
  for (const m of request.messages) parts.push(messageText(m));
  return parts;
}

const toolTexts = new WeakMap<readonly ToolSpec[], string>();
function toolsText(tools: readonly ToolSpec[]): string {
  let text = toolTexts.get(tools);
  if (text === undefined) {
    text = `tools:${JSON.stringify(tools)}`;
    toolTexts.set(tools, text);
  }
  return text;
}

function messageText(m: ChatMessage): string {
  const calls = m.toolCalls ? `\u0000${JSON.stringify(m.toolCalls)}` : "";
  const id = m.toolCallId ? `\u0000${m.toolCallId}` : "";
  return `${m.role}${id}:${m.content}${calls}\u0001`;
}

/** Characters that `next` shares with the start of `previous` (whole parts, then the common start of the first differing part). */
export function sharedPrefixChars(previous: readonly string[], next: readonly string[]): number {
  let shared = 0;
  for (let i = 0; i < next.length && i < previous.length; i++) {
    const a = previous[i] as string;
    const b = next[i] as string;
    if (a === b) {
      shared += b.length;
      continue;
    }
    let j = 0;
    const max = Math.min(a.length, b.length);
    while (j < max && a.charCodeAt(j) === b.charCodeAt(j)) j++;
    return shared + j;
  }
  return shared;
}

export function totalChars(parts: readonly string[]): number {
  let n = 0;
  for (const p of parts) n += p.length;
  return n;
}
