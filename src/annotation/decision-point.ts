import { z } from "zod";

/** The simulated (or human) user's answer to a proposal (spec §13.3): "gather_context" = looked something up first. */
export const TernaryDecision = z.enum(["accept", "reject", "gather_context"]);
export type TernaryDecision = z.infer<typeof TernaryDecision>;
export const TERNARY_LABELS: readonly TernaryDecision[] = ["accept", "reject", "gather_context"];

export const MessageType = z.enum([
  "system_prompt",
  "user_action",
  "tool_observation",
  "proposal",
  "environment_notification",
  "available_tools",
  "current_app_state",
  "unknown",
]);
export type MessageType = z.infer<typeof MessageType>;

/** One message of a model input, annotated with what it is and when (simulated epoch seconds) it happened. */
export const AnnotatedMessage = z.object({
  role: z.string(),
  content: z.string(),
  msg_type: MessageType,
  timestamp: z.number().nullable(),
});
export type AnnotatedMessage = z.infer<typeof AnnotatedMessage>;

/** One timeline line an annotator reads (derived from the model input or from the trace's events). */
export const TimelineEntry = z.object({
  msg_type: z.enum(["user_action", "tool_observation", "proposal", "environment_notification"]),
  content: z.string(),
  timestamp: z.number().nullable(),
});
export type TimelineEntry = z.infer<typeof TimelineEntry>;

/**
 * A proposal and the simulated user's answer to it, with the exact model input the user saw at that moment (PARE's
 * `DecisionPoint`, spec §13.3; field names as PARE's sample columns so files can be compared). `llm_input` is null
 * when the trace does not keep model inputs; such a sample can be annotated but not re-asked.
 */
export const DecisionPoint = z.object({
  sample_id: z.string().min(1),
  scenario_id: z.string().min(1),
  run_number: z.number().int(),
  proactive_model_id: z.string(),
  user_model_id: z.string(),
  trace_file: z.string(),
  /** Which trace format it came from. */
  source: z.enum(["pare_trace_v1", "are_simulation_v1", "tutorial"]),
  user_agent_decision: TernaryDecision,
  llm_input: z.array(AnnotatedMessage).nullable(),
  agent_proposal: z.string(),
  /** True when the user finally accepted. */
  final_decision: z.boolean(),
  meta_task_description: z.string().nullable(),
  gather_context_delta: z.array(AnnotatedMessage).nullable(),
  /** What the annotation page shows, oldest first, ending with the proposal. */
  timeline: z.array(TimelineEntry),
});
export type DecisionPoint = z.infer<typeof DecisionPoint>;

/** A decision point in an annotation set: real samples, or tutorial examples with a correct answer. */
export const AnnotationSample = DecisionPoint.extend({
  tutorial: z.boolean(),
  correct_decision: TernaryDecision.nullable(),
  explanation: z.string().nullable(),
});
export type AnnotationSample = z.infer<typeof AnnotationSample>;

/**
 * A sample id: PARE's `<scenario>_run_<n>_p<index>` prefixed by `<scope>:`, the proactive model (ARE traces) or the
 * run fingerprint (pare-ts traces). PARE's bare ids collide when two models ran the same scenario, and its
 * de-duplication then silently drops one model's proposals (docs/departures.md).
 */
export function sampleId(
  scope: string,
  scenarioId: string,
  runNumber: number,
  proposalIndex: number,
): string {
  return `${scope}:${scenarioId}_run_${runNumber}_p${proposalIndex}`;
}

/** The text between `<meta_task_description>` tags, stripped; null when absent. */
export function metaTaskDescription(text: string): string | null {
  const match = /<meta_task_description>([\s\S]*?)<\/meta_task_description>/.exec(text);
  return match ? (match[1] as string).trim() : null;
}

const NOTIFICATION_LINE = /^\[(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2})\]\s*(.*)$/;

/** Timestamp (epoch s, UTC) of the last `[YYYY-MM-DD HH:MM:SS] text` line whose text is not empty or `None`. */
export function lastNotificationTime(content: string): number | null {
  let found: number | null = null;
  for (const line of content.split("\n")) {
    const match = NOTIFICATION_LINE.exec(line.trim());
    if (!match) continue;
    const text = (match[2] as string).trim();
    if (text === "" || text === "None") continue;
    const ms = Date.parse(`${(match[1] as string).replace(" ", "T")}Z`);
    if (Number.isFinite(ms)) found = ms / 1000;
  }
  return found;
}

/** The text between the first pair of `***` lines (PARE's message templates), else the whole text trimmed. */
export function betweenStars(content: string): string {
  const lines = content.split("\n");
  const first = lines.findIndex((l) => l.trim() === "***");
  if (first === -1) return content.trim();
  const second = lines.findIndex((l, i) => i > first && l.trim() === "***");
  return lines
    .slice(first + 1, second === -1 ? undefined : second)
    .join("\n")
    .trim();
}

/**
 * The annotator's timeline from an annotated model input: system prompt, tool list, app state and unknown
 * messages dropped; notification lines that say `None` dropped; the proposal reduced to the assistant's message.
 */
export function timelineFromMessages(messages: readonly AnnotatedMessage[]): TimelineEntry[] {
  const out: TimelineEntry[] = [];
  for (const message of messages) {
    switch (message.msg_type) {
      case "user_action":
        out.push({ msg_type: "user_action", content: message.content.trim(), timestamp: message.timestamp });
        break;
      case "tool_observation": {
        const text = betweenStars(message.content);
        out.push({
          msg_type: "tool_observation",
          content: text.length > 1500 ? `${text.slice(0, 1500)}…` : text,
          timestamp: message.timestamp,
        });
        break;
      }
      case "proposal": {
        const match = /Message:\s*([\s\S]*?)(?:\nAlready read:|$)/.exec(message.content);
        out.push({
          msg_type: "proposal",
          content: (match ? (match[1] as string) : message.content).trim(),
          timestamp: message.timestamp,
        });
        break;
      }
      case "environment_notification": {
        const text = betweenStars(message.content)
          .split("\n")
          .filter((line) => !/^\[[^\]]+\]\s*None\s*$/.test(line.trim()))
          .join("\n")
          .trim();
        if (text !== "")
          out.push({ msg_type: "environment_notification", content: text, timestamp: message.timestamp });
        break;
      }
      default:
        break;
    }
  }
  return out;
}
