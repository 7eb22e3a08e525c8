import type { DeliberationRecord } from "../agents/deliberation-log.js";
import type { PareTrace, TraceEvent } from "../evaluation/trace-schema.js";
import {
  type AnnotatedMessage,
  type DecisionPoint,
  type MessageType,
  metaTaskDescription,
  sampleId,
  type TernaryDecision,
  type TimelineEntry,
} from "./decision-point.js";

const AUI = /Agent(User)?Interface$/;

const isProposal = (e: TraceEvent) =>
  e.eventType === "AGENT" &&
  e.action !== null &&
  AUI.test(e.action.app) &&
  e.action.function === "send_message_to_user" &&
  e.proactiveMode !== "execute";

const isAnswer = (e: TraceEvent) =>
  e.eventType === "USER" &&
  e.action !== null &&
  (e.action.function === "accept_proposal" || e.action.function === "reject_proposal");

const clip = (text: string, width: number) => (text.length <= width ? text : `${text.slice(0, width - 1)}…`);

function callText(e: TraceEvent): string {
  if (!e.action) return e.eventId;
  const args = Object.entries(e.action.args)
    .map(([k, v]) => `${k}=${typeof v === "string" ? JSON.stringify(v) : JSON.stringify(v)}`)
    .join(", ");
  return `${e.action.app}.${e.action.function}(${clip(args, 400)})`;
}

function valueText(value: unknown): string {
  if (value === undefined || value === null) return "";
  return clip(typeof value === "string" ? value : JSON.stringify(value), 1500);
}

/**
 * The model input a deliberation record holds, when the trace keeps one: the step's first model call's messages
 * by content hash (`calls[0].request.messages`, bodies in the trace's `contents`), or a plain list of
 * `{role, content}` as `input` or `messages`; null for traces that keep only the model's output.
 */
export function deliberationInput(
  record: DeliberationRecord,
  contents: Readonly<Record<string, unknown>> | undefined = undefined,
): { role: string; content: string }[] | null {
  const bag = record as unknown as Record<string, unknown>;
  const calls = bag.calls;
  if (Array.isArray(calls) && contents) {
    const first = calls[0] as { request?: { messages?: unknown } } | undefined;
    const hashes = first?.request?.messages;
    if (Array.isArray(hashes)) {
      const bodies = hashes.map((h) => (typeof h === "string" ? contents[h] : undefined));
      const messages = messageList(bodies);
      if (messages.length > 0 && messages.length === bodies.length) return messages;
    }
  }
  const candidates = [
    bag.input,
    bag.messages,
    (bag.request as Record<string, unknown> | undefined)?.messages,
  ];
  for (const value of candidates) {
    const list =
      value && typeof value === "object" && !Array.isArray(value) && "messages" in value
        ? (value as { messages: unknown }).messages
        : value;
    if (!Array.isArray(list)) continue;
    const messages = messageList(list);
    if (messages.length > 0) return messages;
  }
  return null;
}

function messageList(list: readonly unknown[]): { role: string; content: string }[] {
  return list
    .filter(
      (m): m is { role: string; content: unknown } =>
        !!m && typeof m === "object" && typeof (m as { role?: unknown }).role === "string",
    )
    .map((m) => ({
      role: m.role,
      content: typeof m.content === "string" ? m.content : JSON.stringify(m.content ?? ""),
    }));
}

function messageType(role: string, content: string): MessageType {
  if (role === "system") return "system_prompt";
  if (role === "assistant") return "user_action";
  if (role === "tool" || role === "tool-response") return "tool_observation";
  const text = content.trimStart();
  if (text.startsWith("[TASK]:") || /proactive assistant|assistant proposes/i.test(text.slice(0, 80)))
    return "proposal";
  if (/^(Environment )?notifications?/i.test(text)) return "environment_notification";
  if (/^Available (Actions|tools)/i.test(text)) return "available_tools";
  if (/^Current app state/i.test(text)) return "current_app_state";
  return "unknown";
}

/**
 * Decision points of a pare-ts trace (`pare_trace_v1`), by the same rules as PARE's parser (spec §13.3) read from
 * the event log: proposals are the assistant's `send_message_to_user` calls outside execution before the first
 * execute-mode call; the answer is the user's next accept/reject; any other top-level user call in between makes
 * it `gather_context`. The timeline is built from the events before the answer (notifications, the user's screens
 * and taps with what they showed, the proposal). The model input is the user's first model call after the
 * proposal when the trace keeps inputs, else null.
 */
export function extractPareDecisionPoints(trace: PareTrace, file: string): DecisionPoint[] {
  const events = trace.events;
  const firstExecute = events.findIndex((e) => e.eventType === "AGENT" && e.proactiveMode === "execute");
  const cutoff = firstExecute === -1 ? events.length : firstExecute;
  const userModel = String(trace.config.userModelAlias ?? trace.config.userModel ?? "unknown");
  const proactiveModel = String(trace.config.observeModelAlias ?? trace.config.observeModel ?? "unknown");
  const runNumber = trace.runNumber ?? 1;
  const userSteps = trace.deliberations.filter((d) => d.role === "user");
  const contents = (trace as unknown as { contents?: Record<string, unknown> }).contents;
  const inputOf = (d: DeliberationRecord) => deliberationInput(d, contents);
  const firstInput = userSteps.map(inputOf).find((m) => m !== null) ?? null;
  const meta = firstInput
    ? (firstInput
        .filter((m) => m.role === "system")
        .map((m) => metaTaskDescription(m.content))
        .find((m) => m !== null) ?? null)
    : null;
  const out: DecisionPoint[] = [];
  let proposalIndex = -1;
  for (let at = 0; at < cutoff; at++) {
    const proposal = events[at] as TraceEvent;
    if (!isProposal(proposal)) continue;
    proposalIndex += 1;
    let answerAt = -1;
    let otherCall = false;
    for (let i = at + 1; i < cutoff; i++) {
      const e = events[i] as TraceEvent;
      if (e.eventType !== "USER" || e.parentEventId !== null) continue;
      if (isAnswer(e)) {
        answerAt = i;
        break;
      }
      otherCall = true;
    }
    if (answerAt === -1) continue;
    const answer = events[answerAt] as TraceEvent;
    const accepted = answer.action?.function === "accept_proposal";
    const decision: TernaryDecision = otherCall ? "gather_context" : accepted ? "accept" : "reject";
    const content = String(proposal.action?.args.content ?? "");
    const timeline: TimelineEntry[] = [];
    for (let i = 0; i <= at; i++) {
      const e = events[i] as TraceEvent;
      if (e.parentEventId !== null || e.action === null || e.injectedFailure) continue;
      if (e.eventType === "ENV") {
        timeline.push({ msg_type: "environment_notification", content: callText(e), timestamp: e.eventTime });
      } else if (e.eventType === "USER") {
        timeline.push({ msg_type: "user_action", content: callText(e), timestamp: e.eventTime });
        const shown = e.exception ? `error: ${e.exception}` : valueText(e.returnValue);
        if (shown !== "")
          timeline.push({ msg_type: "tool_observation", content: shown, timestamp: e.eventTime });
      } else if (isProposal(e)) {
        timeline.push({
          msg_type: "proposal",
          content: String(e.action.args.content ?? ""),
          timestamp: e.eventTime,
        });
      }
    }
    const step = userSteps.find((d) => d.simulatedTime >= proposal.eventTime && inputOf(d) !== null);
    const input = step ? inputOf(step) : null;
    const annotated: AnnotatedMessage[] | null = input
      ? input.map((m) => ({
          role: m.role,
          content: m.content,
          msg_type: messageType(m.role, m.content),
          timestamp: null,
        }))
      : null;
    out.push({
      sample_id: sampleId(trace.manifest.configHash, trace.scenarioId, runNumber, proposalIndex),
      scenario_id: trace.scenarioId,
      run_number: runNumber,
      proactive_model_id: proactiveModel,
      user_model_id: userModel,
      trace_file: file,
      source: "pare_trace_v1",
      user_agent_decision: decision,
      llm_input: annotated,
      agent_proposal: content,
      final_decision: accepted,
      meta_task_description: meta,
      gather_context_delta: null,
      timeline,
    });
  }
  return out;
}
