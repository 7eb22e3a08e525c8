import type { ToolCall } from "../llm/types.js";
import { renderObservation } from "../observation.js";
import type { AgentAction, StepObservation } from "../types.js";
import { repairJson } from "./action-parser.js";

/** One usable native call: the call as the model made it and the action it stands for. */
export interface NativeCall {
  call: ToolCall;
  action: AgentAction;
}

export type NativeReply =
  | { ok: true; calls: NativeCall[]; thought: string | undefined }
  /** `badCalls`: the reply had tool calls, and these errors answer them one by one (same order). */
  | { ok: false; error: string; thought: string | undefined; badCalls?: string[] };

const THOUGHT_LABEL = /^[ \t>#*_]*Thought[ \t*_]*:[ \t*_]*/i;

/** The reasoning a native reply writes beside its calls (a leading `Thought:` label is dropped). */
export function nativeThought(content: string): string | undefined {
  const thought = content.replace(THOUGHT_LABEL, "").trim();
  return thought === "" ? undefined : thought;
}

function parseArguments(
  text: string,
): { ok: true; args: Record<string, unknown> } | { ok: false; error: string } {
  if (text.trim() === "") return { ok: true, args: {} };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (first) {
    try {
      value = JSON.parse(repairJson(text));
    } catch {
      const snippet = text.length > 300 ? `${text.slice(0, 300)}…` : text;
      return {
        ok: false,
        error: `its arguments are not valid JSON (${(first as Error).message}): ${snippet}`,
      };
    }
  }
  if (value === null) return { ok: true, args: {} };
  if (typeof value !== "object" || Array.isArray(value))
    return { ok: false, error: "its arguments must be a JSON object ({} when there are none)" };
  return { ok: true, args: value as Record<string, unknown> };
}

/**
 * Reads a native reply. Every tool call must carry a JSON object of arguments; a wire name is mapped back to the
 * tool's public name (an unknown name is passed on as written, and the loop answers it as an unknown tool, as in
 * text mode). A reply without tool calls is a failure answered with a correction, like unparsable text.
 */
export function readNativeReply(
  content: string,
  toolCalls: readonly ToolCall[] | undefined,
  toPublic: ReadonlyMap<string, string>,
): NativeReply {
  const thought = nativeThought(content);
  if (!toolCalls || toolCalls.length === 0) {
    return {
      ok: false,
      error: content.trim() === "" ? "the reply is empty and calls no tool" : "the reply calls no tool",
      thought,
    };
  }
  const calls: NativeCall[] = [];
  const answers: string[] = [];
  let firstError: string | undefined;
  for (const call of toolCalls) {
    const parsed = parseArguments(call.arguments);
    if (!parsed.ok) {
      firstError ??= `the call of ${call.name} is unusable: ${parsed.error}`;
      answers.push(`Not run: ${parsed.error}.`);
      continue;
    }
    answers.push("Not run: another call of the same reply was unusable; call again.");
    calls.push({ call, action: { tool: toPublic.get(call.name) ?? call.name, args: parsed.args } });
  }
  if (firstError === undefined) return { ok: true, calls, thought };
  // Calls that were fine are not run either: the whole reply is asked again.
  return { ok: false, error: firstError, thought, badCalls: answers };
}

/** A tool result as the content of its `tool` message (output as in text mode; errors say what to do next). */
export function renderToolResult(observation: StepObservation, limit: number | null): string {
  if (observation.error !== undefined)
    return `ERROR: ${observation.error}\n\nTry again without repeating the mistake. If the same approach keeps failing, change approach.`;
  return renderObservation(observation.output, limit);
}

/** Answers calls that were never run because the turn ended before their step. */
export const NOT_RUN_TURN_ENDED =
  "Not run: only one tool call runs per step, and your turn ended before this one's step.";

/** The message that answers a reply without a tool call. */
export function nativeCorrectionMessage(error: string): string {
  return `Your last reply could not be used: ${error}. Reply again: say briefly what you will do next, and call exactly one of your tools.`;
}

/** The decision's raw output in native mode: the text, then one line per call (`name arguments`). */
export function renderNativeRaw(content: string, toolCalls: readonly ToolCall[] | undefined): string {
  const lines = (toolCalls ?? []).map((c) => `[tool call ${c.id}] ${c.name} ${c.arguments}`);
  return [content, ...lines].filter((l) => l !== "").join("\n");
}
