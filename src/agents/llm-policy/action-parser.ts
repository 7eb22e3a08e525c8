import { z } from "zod";
import { findStopSequence } from "../llm/text-post-process.js";
import type { AgentAction } from "../types.js";

/** The token that ends an action; also sent as a stop sequence so the model stops writing there. */
export const END_ACTION = "<end_action>";
/** Stop sequences of every agent call: the end of the action, and a model starting to invent the result. */
export const ACTION_STOP_SEQUENCES = [END_ACTION, "Observation:"] as const;

/** An `action_input` given as a JSON-encoded string (`"{\"id\": 3}"`) is read as the object it encodes. */
function decodeInputString(value: unknown): unknown {
  if (typeof value !== "string") return value;
  if (value.trim() === "") return "";
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/** The JSON object a model writes after `Action:`. */
export const ActionJson = z.object({
  action: z
    .string({ error: "field 'action' must be a string naming the tool" })
    .trim()
    .min(1, "field 'action' must name a tool"),
  // An empty or missing input means a call without arguments.
  action_input: z
    .preprocess(
      decodeInputString,
      z.union([z.record(z.string(), z.unknown()), z.null(), z.literal("")], {
        error: "field 'action_input' must be a JSON object of arguments ({} when there are none)",
      }),
    )
    .optional(),
});
export type ActionJson = z.infer<typeof ActionJson>;

export type ParsedOutput =
  | { ok: true; action: AgentAction; thought: string | undefined }
  | { ok: false; error: string; thought: string | undefined };

/** `Action:` at the start of a line, tolerating markdown emphasis (`**Action:**`) around it. */
const ACTION_TOKEN = /(?:^|\n)[ \t>#*_]*Action[ \t*_]*:[ \t*_]*/g;
const THOUGHT_LABEL = /^[ \t>#*_]*Thought[ \t*_]*:[ \t*_]*/i;
const FENCE = /```[a-zA-Z]*[ \t]*\n?|```/g;

function cleanThought(text: string): string | undefined {
  const thought = text.replace(THOUGHT_LABEL, "").trim();
  return thought === "" ? undefined : thought;
}

/**
 * The first complete `{…}` object at or after `from`, respecting JSON strings (braces inside strings do
 * not count). Returns null when there is no `{`; `end` is -1 when the object never closes.
 */
export function findJsonObject(text: string, from = 0): { start: number; end: number } | null {
  const start = text.indexOf("{", from);
  if (start === -1) return null;
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === "{") depth++;
    else if (c === "}") {
      depth--;
      if (depth === 0) return { start, end: i + 1 };
    }
  }
  return { start, end: -1 };
}

/**
 * Fixes what models commonly get wrong in otherwise good JSON: Python triple-quoted strings, raw line
 * breaks and tabs inside strings, Python literals (True/False/None) outside strings and trailing commas.
 * String contents are never rewritten, which is why model output is not lowercased wholesale.
 */
export function repairJson(text: string): string {
  const tripleFixed = text.replace(/"""([\s\S]*?)"""/g, (_m, body: string) => JSON.stringify(body));
  let out = "";
  let inString = false;
  for (let i = 0; i < tripleFixed.length; i++) {
    const c = tripleFixed[i] as string;
    if (inString) {
      if (c === "\\") {
        out += c + (tripleFixed[i + 1] ?? "");
        i++;
      } else if (c === '"') {
        inString = false;
        out += c;
      } else if (c === "\n") out += "\\n";
      else if (c === "\r") out += "\\r";
      else if (c === "\t") out += "\\t";
      else out += c;
      continue;
    }
    if (c === '"') {
      inString = true;
      out += c;
      continue;
    }
    const word = /^(True|False|None)\b/.exec(tripleFixed.slice(i));
    if (word && !/[A-Za-z0-9_]/.test(tripleFixed[i - 1] ?? "")) {
      out += word[1] === "True" ? "true" : word[1] === "False" ? "false" : "null";
      i += (word[1] as string).length - 1;
      continue;
    }
    out += c;
  }
  return out.replace(/,(\s*[}\]])/g, "$1");
}

function parseJson(blob: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(blob) };
  } catch (first) {
    try {
      return { ok: true, value: JSON.parse(repairJson(blob)) };
    } catch {
      const snippet = blob.length > 300 ? `${blob.slice(0, 300)}…` : blob;
      return { ok: false, error: `the action is not valid JSON (${(first as Error).message}): ${snippet}` };
    }
  }
}

function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => issue.message).join("; ");
}

/**
 * Reads a model output of the form `Thought: …` / `Action:` / one JSON object
 * `{"action": "<tool>", "action_input": {…}}` (optionally followed by `<end_action>`). Code fences and
 * text after the object are tolerated; without an `Action:` line the first JSON object is used.
 * Never throws: a bad output becomes an error message written for the model.
 */
export function parseActionOutput(raw: string): ParsedOutput {
  // An `<end_action>` inside an argument's string is part of the argument, not the end of the action.
  const endAt = findStopSequence(raw, [END_ACTION]);
  const text = endAt === -1 ? raw : raw.slice(0, endAt);
  const tokens = [...text.matchAll(ACTION_TOKEN)];
  const first = tokens[0];
  const thought = cleanThought(first ? text.slice(0, first.index) : "");
  const fail = (error: string, withThought = thought): ParsedOutput => ({
    ok: false,
    error,
    thought: withThought,
  });
  if (text.trim() === "") return fail("the output is empty");

  const body = (first ? text.slice((first.index ?? 0) + first[0].length) : text).replace(FENCE, "");
  const found = findJsonObject(body);
  if (!found) {
    return fail(
      first ? "no JSON object follows 'Action:'" : "no 'Action:' line and no JSON action object were found",
      first ? thought : cleanThought(text),
    );
  }
  if (found.end === -1) return fail("the JSON action object is not closed (a '}' is missing)");
  const preamble = first ? thought : cleanThought(body.slice(0, found.start));

  const rest = body.slice(found.end);
  const another = findJsonObject(rest);
  if (another && another.end !== -1 && /"action"\s*:/.test(rest.slice(another.start, another.end))) {
    return fail("more than one action was given; give exactly one tool call per step", preamble);
  }

  const json = parseJson(body.slice(found.start, found.end));
  if (!json.ok) return fail(json.error, preamble);
  const checked = ActionJson.safeParse(json.value);
  if (!checked.success) return fail(describeIssues(checked.error), preamble);
  const input = checked.data.action_input;
  const args = input && typeof input === "object" ? input : {};
  return { ok: true, action: { tool: checked.data.action, args }, thought: preamble };
}

/** The message that answers an unusable output, asking for the same step again in the right format. */
export function correctionMessage(error: string): string {
  return [
    `Your last reply could not be used: ${error}.`,
    "Reply again in the required format: a line starting with 'Thought:' with your reasoning, then a line 'Action:' followed by exactly one JSON object such as",
    `{"action": "<tool name>", "action_input": {"<argument>": "<value>"}}${END_ACTION}`,
  ].join("\n");
}
