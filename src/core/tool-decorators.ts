// Node 20 lacks Symbol.metadata; tsc output needs it for decorator metadata (esbuild falls back to this symbol).
(Symbol as { metadata?: symbol }).metadata ??= Symbol.for("Symbol.metadata");

import { z } from "zod";
import type { App } from "./app.js";
import { ToolError } from "./errors.js";
import { currentActor, eventsActive, isCaptureMode, popActor, pushActor } from "./event-context.js";
import { EventType, type Operation, type ToolKind } from "./event-types.js";
import { type Action as ActionType, Event } from "./events.js";
import { cloneJson, type JsonValue } from "./json.js";

/** Anything that owns tool methods: an app, or a screen of an app. */
export interface ToolHost {
  readonly toolApp: App;
}

export interface ToolSpec {
  /** What the tool does, as shown to models. */
  description: string;
  /** Parameters as a zod object; the JSON Schema shown to models is derived from it. */
  params?: z.ZodObject;
  /** Read or write (default read). */
  op?: Operation;
  /** Event type of a direct (non-scheduled) call; defaults from the tool kinds. When a method carries several
   * markers, the first marker's spec (description, params, op) is the one used: give them the same spec. */
  eventType?: EventType;
  /** Human-readable return type shown to models, e.g. "Email" or "list[Email]". */
  returns?: string;
  /** Applied to the result only when the call goes through an agent-facing tool. */
  llmFormatter?: (result: unknown) => unknown;
}

export interface ToolDefinition {
  methodName: string;
  kinds: Set<ToolKind>;
  description: string;
  params: z.ZodObject;
  op: Operation;
  eventType: EventType | undefined;
  returns: string | undefined;
  llmFormatter: ((result: unknown) => unknown) | undefined;
}

const TOOLS = Symbol.for("pare.tools");
const WRAPPED = Symbol.for("pare.wrapped");
const EMPTY = z.object({});

type ToolTable = Map<string, ToolDefinition>;

function ownTable(metadata: DecoratorMetadataObject): ToolTable {
  if (!Object.hasOwn(metadata, TOOLS)) {
    const inherited = metadata[TOOLS] as ToolTable | undefined;
    metadata[TOOLS] = new Map(inherited ?? []);
  }
  return metadata[TOOLS] as ToolTable;
}

/** Tool definitions of a class, inherited ones included (a subclass's redefinition wins). */
export function toolDefinitions(cls: abstract new (...args: never[]) => unknown): ToolTable {
  const metadata = (cls as unknown as Record<symbol, DecoratorMetadataObject | undefined>)[Symbol.metadata];
  return (metadata?.[TOOLS] as ToolTable | undefined) ?? new Map();
}

function defaultEventType(kinds: Set<ToolKind>): EventType {
  if (kinds.has("agent")) return EventType.AGENT;
  if (kinds.has("user")) return EventType.USER;
  if (kinds.has("env")) return EventType.ENV;
  return EventType.AGENT;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path.length ? issue.path.map(String).join(".") : "(arguments)";
  return `${path}: ${issue.message}`;
}

/** Validates raw arguments against a tool's parameters; the error names the tool (`App__method`) and the field. */
export function parseToolArgs(appName: string, def: ToolDefinition, raw: unknown): Record<string, JsonValue> {
  const result = def.params.safeParse(raw ?? {});
  if (result.success) return result.data as Record<string, JsonValue>;
  const first = result.error.issues[0];
  const field = first?.path.map(String).join(".") || undefined;
  const detail = result.error.issues.map(describeIssue).join("; ");
  throw new ToolError(
    "invalid_arguments",
    `Invalid arguments for ${appName}__${def.methodName}: ${detail}`,
    field,
  );
}

/**
 * The wrapper every tool method gets. Arguments are always validated. In capture mode the call becomes
 * an Event; with events active it runs and logs one completed event (nested calls inherit the outer
 * call's event type, so a user's screen action stays the user's all the way down).
 */
function registeredCall(
  host: ToolHost,
  def: ToolDefinition,
  original: (args: unknown) => unknown,
  raw: unknown,
): unknown {
  const app = host.toolApp;
  let args: Record<string, JsonValue>;
  try {
    args = parseToolArgs(app.name, def, raw);
  } catch (error) {
    if (eventsActive() && !isCaptureMode() && app.isObserved()) {
      const outer = currentActor();
      const type = outer?.type ?? def.eventType ?? defaultEventType(def.kinds);
      app.logCall(
        type,
        def.methodName,
        (raw ?? {}) as Record<string, JsonValue>,
        def.op,
        null,
        error,
        outer?.eventId ?? null,
      );
    }
    throw error;
  }
  if (isCaptureMode()) {
    const action: ActionType = app.makeAction(def.methodName, args, def.op, [...def.kinds]);
    return new Event(action, EventType.ENV);
  }
  if (!eventsActive() || !app.isObserved()) return original.call(host, args);
  const outer = currentActor();
  const type = outer?.type ?? def.eventType ?? defaultEventType(def.kinds);
  const eventId = app.newEventId(type, def.methodName);
  const time = app.clock.now();
  pushActor(type, eventId);
  let result: unknown;
  let failure: unknown = null;
  let failed = false;
  try {
    result = original.call(host, args);
    if (result instanceof Promise)
      throw new TypeError(`tool ${app.name}__${def.methodName} must be synchronous`);
  } catch (error) {
    failure = error;
    failed = true;
  } finally {
    popActor();
  }
  app.logCall(
    type,
    def.methodName,
    args,
    def.op,
    failed ? null : cloneJson(result),
    failed ? failure : null,
    outer?.eventId ?? null,
    {
      eventId,
      time,
    },
  );
  if (failed) throw failure;
  return result;
}

function marker(kind: ToolKind) {
  return (spec: ToolSpec) =>
    // biome-ignore lint/suspicious/noExplicitAny: a method decorator must accept every method signature.
    <M extends (this: any, ...args: any[]) => any>(method: M, context: ClassMethodDecoratorContext): M => {
      if (context.kind !== "method") throw new TypeError("tool decorators apply to methods");
      const methodName = String(context.name);
      const table = ownTable(context.metadata);
      const existing = table.get(methodName);
      const def: ToolDefinition = existing
        ? { ...existing, kinds: new Set([...existing.kinds, kind]) }
        : {
            methodName,
            kinds: new Set([kind]),
            description: spec.description,
            params: spec.params ?? EMPTY,
            op: spec.op ?? "read",
            eventType: spec.eventType,
            returns: spec.returns,
            llmFormatter: spec.llmFormatter,
          };
      if (!def.description.trim()) throw new TypeError(`tool ${methodName} needs a description`);
      table.set(methodName, def);
      if ((method as unknown as Record<symbol, unknown>)[WRAPPED]) return method;
      const original = method;
      const wrapped = function (this: ToolHost, raw?: unknown) {
        // Resolve the definition at call time so every marker on the method is merged in.
        const current = toolDefinitions((this as object).constructor as never).get(methodName) ?? def;
        return registeredCall(this, current, original, raw);
      } as unknown as M;
      (wrapped as unknown as Record<symbol, unknown>)[WRAPPED] = original;
      return wrapped;
    };
}

/** A tool the assistant can call (flat API access). */
export const agentTool = marker("agent");
/** A tool the simulated user can call on a screen. */
export const userTool = marker("user");
/** A tool the world uses (scheduled environment events, noise). */
export const envTool = marker("env");
/** A tool for seeding scenario data. */
export const dataTool = marker("data");

/** The arguments a tool method receives: validated, with defaults applied (the decorator parsed them). */
export function parsed<P extends z.ZodObject>(_schema: P, args: z.input<P> | undefined): z.output<P> {
  return args as z.output<P>;
}
