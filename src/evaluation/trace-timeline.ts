import { formatDateTime } from "../core/clock.js";
import { EventType } from "../core/event-types.js";
import type { PareTrace, TraceEvent } from "./trace-schema.js";
import { trajectoryFromTrace } from "./trace-trajectory.js";
import type { TrajectoryStep } from "./trajectory.js";

export interface TimelineOptions {
  /** Also list condition checks and calls nested inside another call. */
  all?: boolean;
  /** Print the agents' thoughts under their calls. */
  thoughts?: boolean;
  /** Longest rendering of an argument list or a return value. */
  width?: number;
}

function clip(text: string, width: number): string {
  const flat = text.replace(/\s+/g, " ");
  return flat.length <= width ? flat : `${flat.slice(0, Math.max(1, width - 1))}…`;
}

const renderValue = (v: unknown): string =>
  typeof v === "string" ? JSON.stringify(v) : (JSON.stringify(v) ?? "null");

function callText(app: string, fn: string, args: Record<string, unknown>, width: number): string {
  const list = Object.entries(args)
    .map(([k, v]) => `${k}=${renderValue(v)}`)
    .join(", ");
  return `${app}.${fn}(${clip(list, width)})`;
}

function verdictLine(trace: PareTrace): string {
  const r = trace.result;
  if (r.exception) return `EXCEPTION ${r.exception.type} (${r.exception.kind}): ${r.exception.message}`;
  if (r.success === null) return "no verdict";
  return `${r.success ? "SUCCESS" : "FAILED"}${r.rationale ? ` — ${r.rationale}` : ""}`;
}

const WHO: Record<string, string> = {
  [EventType.AGENT]: "assistant",
  [EventType.USER]: "user",
  [EventType.ENV]: "world",
  [EventType.CONDITION]: "condition",
  [EventType.STOP]: "stop",
  [EventType.VALIDATION]: "validation",
};

const WHO_WIDTH = 24;

const relative = (seconds: number) => `+${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)}s`;

function eventLine(e: TraceEvent, width: number, depth: number): string {
  const who =
    e.eventType === EventType.AGENT && e.proactiveMode ? `assistant/${e.proactiveMode}` : WHO[e.eventType];
  const head = `${relative(e.relativeTime).padStart(8)}  ${(e.turn === null ? "" : `t${e.turn}`).padEnd(4)} ${(who ?? e.eventType).padEnd(WHO_WIDTH)}`;
  const indent = "  ".repeat(depth) + (depth > 0 ? "↳ " : "");
  let body: string;
  if (e.eventType === EventType.CONDITION) body = `${e.condition ?? "condition"}`;
  else if (e.action) body = callText(e.action.app, e.action.function, e.action.args, width);
  else body = e.eventId;
  let outcome = "";
  if (e.exception !== null)
    outcome = `  ✗ ${e.exceptionType ?? "Error"}: ${clip(e.exception, width)}${e.injectedFailure ? " (injected)" : ""}`;
  else if (e.returnValue !== undefined && e.returnValue !== null)
    outcome = ` → ${clip(renderValue(e.returnValue), width)}`;
  const tags = [e.oracle ? "oracle" : "", e.noise ? "noise" : ""].filter(Boolean);
  return `${head} ${indent}${body}${outcome}${tags.length ? `  [${tags.join(", ")}]` : ""}`;
}

function orphanLine(s: TrajectoryStep, width: number): string {
  const who =
    s.speaker === "assistant" && s.systemState.proactiveMode
      ? `assistant/${s.systemState.proactiveMode}`
      : s.speaker;
  const head = `${relative(s.systemState.relativeTime).padStart(8)}  ${`t${s.round}`.padEnd(4)} ${who.padEnd(WHO_WIDTH)}`;
  const body = s.action ? callText(s.action.app, s.action.function, s.action.args, width) : "(no action)";
  return `${head} ${body}  ✗ ${clip(s.error ?? "failed", width)}  [not executed]`;
}

/** A readable, line-per-event account of a trace: header, verdict, then the timeline on the simulated clock. */
export function formatTraceTimeline(trace: PareTrace, options: TimelineOptions = {}): string {
  const width = options.width ?? 80;
  const lines: string[] = [];
  const s = trace.scenario;
  const r = trace.result;
  lines.push(`${trace.scenarioId} · run ${trace.runNumber ?? "single"} · ${trace.version} (${trace.format})`);
  lines.push(
    `config ${trace.manifest.configHash} · run id ${trace.manifest.runId ?? "-"} · seed ${s.seed} · start ${formatDateTime(s.startTime)}`,
  );
  lines.push(`result: ${verdictLine(trace)}`);
  lines.push(
    `turns ${r.numberOfTurns} · proposals ${r.proposalCount} · accepted ${r.acceptanceCount} · reads ${r.readOnlyActions} · writes ${r.writeActions} · ${r.duration} simulated s`,
  );
  if (trace.environment)
    lines.push(
      `ended: ${trace.environment.state}${trace.environment.stopReason ? ` (${trace.environment.stopReason})` : ""}` +
        (r.stopReason && r.stopReason !== trace.environment.stopReason
          ? ` · stop reason ${r.stopReason}`
          : ""),
    );
  if (r.noisePlanned)
    lines.push(
      `noise: ${r.noiseDelivered ?? 0} of ${r.noisePlanned} planned arrivals delivered` +
        (s.noiseHorizon !== undefined ? ` (spread over ${s.noiseHorizon} simulated s)` : ""),
    );
  lines.push("");

  const trajectory = trajectoryFromTrace(trace);
  const thoughts = new Map<string, string>();
  for (const step of trajectory.steps)
    if (step.metadata.eventId && step.metadata.thought)
      thoughts.set(step.metadata.eventId, step.metadata.thought);
  const depthOf = new Map<string, number>();
  const rows: { time: number; order: number; text: string[] }[] = [];
  trace.events.forEach((e, order) => {
    const depth = e.parentEventId === null ? 0 : (depthOf.get(e.parentEventId) ?? 0) + 1;
    depthOf.set(e.eventId, depth);
    const bookkeeping = e.eventType === EventType.CONDITION || e.parentEventId !== null;
    if (bookkeeping && !options.all) return;
    const text = [eventLine(e, width, options.all ? depth : 0)];
    const thought = options.thoughts ? thoughts.get(e.eventId) : undefined;
    if (thought) text.push(`${" ".repeat(16 + WHO_WIDTH)}“${clip(thought, width)}”`);
    rows.push({ time: e.eventTime, order, text });
  });
  trajectory.steps
    .filter((st) => st.metadata.source === "deliberation")
    .forEach((st, k) => {
      rows.push({ time: st.systemState.time, order: trace.events.length + k, text: [orphanLine(st, width)] });
    });
  trace.loopEvents.forEach((l, k) => {
    const head = `${relative(l.simulatedTime - s.startTime).padStart(8)}  ${`t${l.turn}`.padEnd(4)} ${"loop".padEnd(WHO_WIDTH)}`;
    rows.push({
      time: l.simulatedTime,
      order: trace.events.length + trace.deliberations.length + k,
      text: [`${head} ${l.kind}: ${clip(l.detail, width)}`],
    });
  });
  rows.sort((a, b) => a.time - b.time || a.order - b.order);
  for (const row of rows) lines.push(...row.text);
  if (rows.length === 0) lines.push("(no events)");
  lines.push("");
  lines.push(`${trace.events.length} events · ${trace.deliberations.length} agent steps`);
  return lines.join("\n");
}
