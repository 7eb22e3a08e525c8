import type { DeliberationRecord } from "../agents/deliberation-log.js";
import type { ModelCallRecord, ModelOutput } from "../agents/llm/call-record.js";
import type { ChatMessage, ToolSpec } from "../agents/llm/types.js";
import type { PareTrace } from "./trace-schema.js";

export interface TracePromptsOptions {
  /** Print a repeated body again in full instead of by reference. */
  repeat?: boolean;
}

const indent = (text: string, by = "    ") =>
  text
    .split("\n")
    .map((line) => by + line)
    .join("\n");

/**
 * Every model call of a trace with its full request (messages, tools, sampling options) and output, in step order.
 * A body seen before is printed by reference (`same as before, <hash>`) unless `repeat` is set. A lite trace has
 * only the hashes, which is what is printed then.
 */
export function formatTracePrompts(trace: PareTrace, options: TracePromptsOptions = {}): string {
  const contents = trace.contents ?? {};
  const hasBodies = trace.contents !== undefined;
  const seen = new Set<string>();
  const out: string[] = [];
  let calls = 0;
  const body = (hash: string, render: (value: unknown) => string, label: string): string => {
    if (!hasBodies) return `${label} ${hash}`;
    const value = contents[hash];
    if (value === undefined) return `${label} ${hash} (missing from the trace's contents)`;
    if (seen.has(hash) && !options.repeat) return `${label} (same as before, ${hash})`;
    seen.add(hash);
    return render(value);
  };
  for (const step of trace.deliberations) {
    const stepCalls = step.calls ?? [];
    stepCalls.forEach((call, index) => {
      calls += 1;
      out.push(header(step, call, index, stepCalls.length));
      const optionText = JSON.stringify(call.request.options);
      if (optionText !== "{}") out.push(`  options: ${optionText}`);
      if (call.request.tools !== null) out.push(`  ${body(call.request.tools, renderTools, "tools:")}`);
      for (const hash of call.request.messages)
        out.push(indent(body(hash, renderMessage, "[message]"), "  "));
      out.push(
        call.output === null
          ? "  → (no output: the call failed)"
          : indent(body(call.output, renderOutput, "→ output"), "  "),
      );
      out.push("");
    });
  }
  if (calls === 0) return "(no model calls in this trace)";
  if (!hasBodies)
    out.unshift(`(${trace.format} trace: request and output bodies are not kept, only their hashes)`, "");
  return out.join("\n").trimEnd();
}

function header(step: DeliberationRecord, call: ModelCallRecord, index: number, of: number): string {
  const usage = call.usage
    ? `${call.usage.promptTokens} prompt + ${call.usage.completionTokens} completion tokens${call.usage.estimated ? " (estimated)" : ""}${call.usage.providerCachedPromptTokens !== undefined ? `, ${call.usage.providerCachedPromptTokens} from the provider's prompt cache` : ""}`
    : "no usage";
  const share = call.requestChars > 0 ? Math.round((call.reusablePrefixChars / call.requestChars) * 100) : 0;
  return `── turn ${step.turn} · ${step.role} · step ${step.iteration} · call ${index + 1}/${of} · ${call.provider}/${call.model}${call.cached ? " · from the response cache" : ""} · ${usage} · ${share}% reusable prefix`;
}

function renderMessage(value: unknown): string {
  const m = value as ChatMessage;
  const label = m.role === "tool" ? `[tool ${m.toolCallId ?? "?"}]` : `[${m.role}]`;
  const calls = (m.toolCalls ?? []).map((c) => `  ⇒ ${c.name} ${c.arguments} (${c.id})`);
  return [`${label} ${m.content}`, ...calls].join("\n");
}

function renderTools(value: unknown): string {
  const tools = value as ToolSpec[];
  return `tools (${tools.length}): ${tools.map((t) => t.name).join(", ")}`;
}

function renderOutput(value: unknown): string {
  const o = value as ModelOutput;
  const lines = [`→ [${o.finishReason}] ${o.rawContent ?? o.content}`];
  for (const c of o.toolCalls ?? []) lines.push(`  ⇒ ${c.name} ${c.arguments} (${c.id})`);
  return lines.join("\n");
}
