import { basename } from "node:path";
import { z } from "zod";
import {
  type AnnotatedMessage,
  type DecisionPoint,
  lastNotificationTime,
  type MessageType,
  metaTaskDescription,
  sampleId,
  type TernaryDecision,
  timelineFromMessages,
} from "./decision-point.js";

/** One `world_logs` entry of an `are_simulation_v1` trace, once parsed (only the fields the parser reads). */
const WorldLog = z
  .object({
    log_type: z.string(),
    timestamp: z.number().nullable().catch(null),
    agent_id: z.string().catch("unknown"),
    content: z.unknown().optional(),
    tool_name: z.string().optional(),
    tool_arguments: z.unknown().optional(),
  })
  .passthrough();
type WorldLog = z.infer<typeof WorldLog>;

const AreTrace = z.object({
  version: z.literal("are_simulation_v1"),
  world_logs: z.array(z.unknown()),
  metadata: z
    .object({
      definition: z
        .object({ scenario_id: z.string().nullish(), run_number: z.number().int().nullish() })
        .passthrough()
        .nullish(),
    })
    .passthrough()
    .nullish(),
});

const InputMessage = z.object({ role: z.string(), content: z.unknown() });

export interface AreExtraction {
  points: DecisionPoint[];
  /** Why entries or proposals were skipped (malformed logs, no decision, no model input). */
  warnings: string[];
  /** Set when the whole trace yields nothing by rule (rate-limited run, agents not found). */
  skippedReason: string | null;
}

type Role = "user" | "observe" | "execute";

function contentText(value: unknown): string {
  if (typeof value === "string") return value;
  if (Array.isArray(value))
    return value
      .map((part) =>
        typeof part === "string"
          ? part
          : part && typeof part === "object" && "text" in part
            ? String((part as { text: unknown }).text)
            : "",
      )
      .join("");
  return value === undefined || value === null ? "" : JSON.stringify(value);
}

function classify(role: string, content: string): MessageType {
  if (role === "assistant") return "user_action";
  if (role === "tool-response") return "tool_observation";
  if (role === "system") return "system_prompt";
  const text = content.trimStart();
  if (text.startsWith("[TASK]:")) return "proposal";
  if (text.startsWith("Environment notifications")) return "environment_notification";
  if (text.startsWith("Available Actions")) return "available_tools";
  if (text.startsWith("Current app state")) return "current_app_state";
  return "unknown";
}

/** The message list of an `llm_input` log (a list, or a JSON string of one); null when it is neither. */
function inputMessages(log: WorldLog): { role: string; content: string }[] | null {
  let value = log.content;
  if (typeof value === "string") {
    try {
      value = JSON.parse(value);
    } catch {
      return null;
    }
  }
  const parsed = z.array(InputMessage).safeParse(value);
  if (!parsed.success) return null;
  return parsed.data.map((m) => ({ role: m.role, content: contentText(m.content) }));
}

/**
 * Extracts decision points from an ARE/PARE `hf` trace (`are_simulation_v1`), following PARE's parser (spec §13.3):
 * agents found by their system prompts, proposals before the executor's first tool call, the user's next
 * accept/reject (any other user tool call in between → gather_context), the user's next model input as the
 * sample's input. `text` is the file's content; `file` names it in the samples.
 */
export function extractAreDecisionPoints(
  text: string,
  file: string,
  proactiveModelId: string,
  userModelId = "unknown",
): AreExtraction {
  const warnings: string[] = [];
  const none = (reason: string): AreExtraction => ({ points: [], warnings, skippedReason: reason });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`${file}: not JSON (${(error as Error).message})`);
  }
  const parsed = AreTrace.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(
      `${file}: not an are_simulation_v1 trace (${issue ? `${issue.path.join(".") || "top level"}: ${issue.message}` : "invalid"})`,
    );
  }
  if (text.includes("RateLimitError"))
    return none("the trace mentions RateLimitError (PARE skips such runs)");
  const trace = parsed.data;
  const logs: WorldLog[] = [];
  trace.world_logs.forEach((entry, index) => {
    if (typeof entry !== "string") return;
    try {
      const log = WorldLog.safeParse(JSON.parse(entry));
      if (log.success) logs.push(log.data);
      else warnings.push(`world_logs.${index}: not an agent log, skipped`);
    } catch {
      warnings.push(`world_logs.${index}: malformed JSON, skipped`);
    }
  });
  const stem = basename(file).replace(/\.json$/i, "");
  const runIndex = stem.lastIndexOf("_run_");
  const scenarioId =
    trace.metadata?.definition?.scenario_id ?? (runIndex > 0 ? stem.slice(0, runIndex) : stem);
  const runNumber = trace.metadata?.definition?.run_number ?? 1;

  let meta: string | null = null;
  for (const log of logs.slice(0, 50)) {
    if (log.log_type !== "system_prompt") continue;
    const found = metaTaskDescription(contentText(log.content));
    if (found !== null) {
      meta = found;
      break;
    }
  }
  const roles = new Map<string, Role>();
  for (const log of logs) {
    if (log.log_type !== "system_prompt") continue;
    const content = contentText(log.content);
    if (content.includes("simulating a real human user")) roles.set(log.agent_id, "user");
    else if (content.includes("proactive assistant that monitors")) roles.set(log.agent_id, "observe");
    else if (content.includes("proactive assistant executing")) roles.set(log.agent_id, "execute");
  }
  const roleOf = (log: WorldLog): Role | undefined => roles.get(log.agent_id);
  if (![...roles.values()].includes("user") || ![...roles.values()].includes("observe"))
    return none("no user or no observe agent found by their system prompts");

  const firstExecution = logs.find((l) => roleOf(l) === "execute" && l.log_type === "tool_call");
  const cutoff = firstExecution?.timestamp ?? Number.POSITIVE_INFINITY;
  const before = (log: WorldLog) => (log.timestamp ?? Number.NEGATIVE_INFINITY) < cutoff;

  const points: DecisionPoint[] = [];
  const proposals = logs
    .map((log, index) => ({ log, index }))
    .filter(
      ({ log }) =>
        roleOf(log) === "observe" &&
        log.log_type === "tool_call" &&
        (log.tool_name ?? "").includes("send_message_to_user") &&
        before(log),
    );
  proposals.forEach(({ log: proposal, index: at }, proposalIndex) => {
    const id = sampleId(proactiveModelId, scenarioId, runNumber, proposalIndex);
    let decisionAt = -1;
    let otherCall = false;
    for (let i = at + 1; i < logs.length; i++) {
      const log = logs[i] as WorldLog;
      if (!before(log)) break;
      if (roleOf(log) !== "user" || log.log_type !== "tool_call") continue;
      const name = log.tool_name ?? "";
      if (name.includes("accept_proposal") || name.includes("reject_proposal")) {
        decisionAt = i;
        break;
      }
      otherCall = true;
    }
    if (decisionAt === -1) {
      warnings.push(`${id}: no accept or reject before the execution starts, skipped`);
      return;
    }
    const accepted = ((logs[decisionAt] as WorldLog).tool_name ?? "").includes("accept_proposal");
    const decision: TernaryDecision = otherCall ? "gather_context" : accepted ? "accept" : "reject";
    let inputAt = -1;
    for (let i = at + 1; i < Math.min(logs.length, at + 50); i++) {
      const log = logs[i] as WorldLog;
      if (roleOf(log) === "user" && log.log_type === "llm_input") {
        inputAt = i;
        break;
      }
    }
    const raw = inputAt === -1 ? null : inputMessages(logs[inputAt] as WorldLog);
    if (raw === null) {
      warnings.push(`${id}: no user model input after the proposal, skipped`);
      return;
    }
    const annotated = annotate(raw, logs, inputAt, roleOf);
    let delta: AnnotatedMessage[] | null = null;
    if (decision === "gather_context") {
      for (let i = decisionAt - 1; i >= Math.max(0, decisionAt - 29); i--) {
        const log = logs[i] as WorldLog;
        if (roleOf(log) === "user" && log.log_type === "llm_input") {
          const later = inputMessages(log);
          if (later) delta = annotate(later, logs, i, roleOf).slice(annotated.length);
          break;
        }
      }
    }
    const args = proposal.tool_arguments;
    const proposalText =
      args && typeof args === "object" && "content" in args
        ? contentText((args as { content: unknown }).content)
        : contentText(args);
    points.push({
      sample_id: id,
      scenario_id: scenarioId,
      run_number: runNumber,
      proactive_model_id: proactiveModelId,
      user_model_id: userModelId,
      trace_file: file,
      source: "are_simulation_v1",
      user_agent_decision: decision,
      llm_input: annotated,
      agent_proposal: proposalText,
      final_decision: accepted,
      meta_task_description: meta,
      gather_context_delta: delta,
      timeline: timelineFromMessages(annotated),
    });
  });
  return { points, warnings, skippedReason: null };
}

/** Step 10 of PARE's parser: each message's type and timestamp, from the logs before the input. */
function annotate(
  messages: readonly { role: string; content: string }[],
  logs: readonly WorldLog[],
  inputAt: number,
  roleOf: (log: WorldLog) => Role | undefined,
): AnnotatedMessage[] {
  const earlier = logs.slice(0, inputAt).filter((l) => roleOf(l) === "user");
  const outputTimes = earlier.filter((l) => l.log_type === "llm_output").map((l) => l.timestamp);
  const taskTimes = earlier
    .filter((l) => l.log_type === "task" && contentText(l.content).trim() !== "")
    .map((l) => l.timestamp);
  let assistants = 0;
  let tasks = 0;
  let lastAssistantTime: number | null = null;
  return messages.map((message) => {
    const msgType = classify(message.role, message.content);
    let timestamp: number | null = null;
    if (msgType === "user_action") {
      timestamp = outputTimes[assistants] ?? null;
      assistants += 1;
      lastAssistantTime = timestamp;
    } else if (msgType === "tool_observation") {
      timestamp = lastAssistantTime;
    } else if (msgType === "proposal") {
      timestamp = taskTimes[tasks] ?? null;
      tasks += 1;
    } else if (msgType === "environment_notification") {
      timestamp = lastNotificationTime(message.content);
    }
    return { role: message.role, content: message.content, msg_type: msgType, timestamp };
  });
}
