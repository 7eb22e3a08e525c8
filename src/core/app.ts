import type { z } from "zod";
import { AppTool } from "./app-tool.js";
import { SimClock } from "./clock.js";
import { errorMessage, errorTypeName } from "./errors.js";
import { withEventsDisabled } from "./event-context.js";
import { EventType, type Operation, type ToolKind } from "./event-types.js";
import { Action, type CompletedEvent } from "./events.js";
import type { JsonValue } from "./json.js";
import type { Protocol, ProtocolProviders } from "./protocols.js";
import { derivedRng, type Rng } from "./random.js";
import { type ToolDefinition, type ToolHost, toolDefinitions } from "./tool-decorators.js";

/** Where an app sends what it logs: the environment's single sink. */
export type EventSink = (event: CompletedEvent) => void;

interface ConstructionContext {
  clock: SimClock;
  seed: number;
}

const constructionContexts: ConstructionContext[] = [];

/**
 * The source name of an object's class. esbuild (tsx, vitest) renames a decorated class that refers to
 * itself to `_Name`; class names are data here (event logs, validators), so the prefix is removed.
 */
export function classNameOf(value: object): string {
  return value.constructor.name.replace(/^_+/, "");
}

/**
 * Apps built inside this scope share the scenario's clock and seed, so data seeded during setup is
 * timestamped on the scenario's clock (not the wall clock, as in the original) and reproducible.
 */
export function withAppConstruction<T>(context: ConstructionContext, fn: () => T): T {
  constructionContexts.push(context);
  try {
    return fn();
  } finally {
    constructionContexts.pop();
  }
}

export interface AppOptions {
  name?: string;
}

/**
 * Base of every app: a name, a clock, a seeded generator, serialisable state and decorated tools.
 * Subclasses define `stateSchema`, `dumpState`, `restoreState` and `emptyState`.
 */
export abstract class App<S = unknown> implements ToolHost {
  readonly name: string;
  clock: SimClock;
  seed = 0;
  failureProbability = 0;
  /** What the generator is derived from, taken when it is (re)seeded; it is created on first use, see `rng`. */
  private rngSeed: number | string;
  private rngName: string;
  private rngCache: Rng | undefined;
  private sink: EventSink | undefined;
  private sequence = 0;
  private toolRngs = new Map<string, Rng>();
  private publicNames = new Map<string, string>();
  private publicDescriptions = new Map<string, string>();
  private classNameCache: string | undefined;

  abstract readonly stateSchema: z.ZodType<S>;
  protected abstract dumpState(): S;
  protected abstract restoreState(state: S): void;
  protected abstract emptyState(): S;

  constructor(options: AppOptions = {}) {
    this.name = options.name ?? classNameOf(this);
    const context = constructionContexts[constructionContexts.length - 1];
    this.clock = context?.clock ?? new SimClock(0);
    this.rngSeed = `${context?.seed ?? 0}_setup`;
    this.rngName = this.name;
  }

  /**
   * The app's seeded generator. Derived when first drawn from (many apps of a run never draw, and seeding
   * costs more than a draw); the draws are the same as with an eager generator.
   */
  get rng(): Rng {
    this.rngCache ??= derivedRng(this.rngSeed, this.rngName);
    return this.rngCache;
  }

  set rng(rng: Rng) {
    this.rngCache = rng;
  }

  get toolApp(): App {
    return this;
  }

  /** The class name, computed once (the engine stamps it on every logged event). */
  get className(): string {
    this.classNameCache ??= classNameOf(this);
    return this.classNameCache;
  }

  /** Re-seeds the app's generator from the scenario seed and the app name (stable across processes). */
  setSeed(seed: number): void {
    this.seed = seed;
    this.rngSeed = seed;
    this.rngName = this.name;
    this.rngCache = undefined;
    this.toolRngs.clear();
  }

  /** A 32-hex-character id from the app's generator. */
  newId(): string {
    return this.rng.hex(32);
  }

  nextSequence(): number {
    this.sequence += 1;
    return this.sequence;
  }

  newEventId(type: EventType, functionName: string): string {
    return `${type}-${this.name}.${functionName}-${this.nextSequence()}`;
  }

  // --- state -------------------------------------------------------------------------------------

  getState(): S {
    return JSON.parse(JSON.stringify(this.dumpState())) as S;
  }

  /** Loads a state after validating it; a bad state is an error naming the field. */
  loadState(raw: unknown): void {
    const result = this.stateSchema.safeParse(raw);
    if (!result.success) {
      const issue = result.error.issues[0];
      const path = issue?.path.map(String).join(".") || "(state)";
      throw new TypeError(`Invalid state for app ${this.name}: ${path}: ${issue?.message ?? "invalid"}`);
    }
    this.restoreState(result.data);
  }

  /** Back to empty, freshly constructed state, with the generator restarted from the current seed. */
  reset(): void {
    this.restoreState(this.emptyState());
    this.rngSeed = this.seed;
    this.rngName = this.name;
    this.rngCache = undefined;
    this.toolRngs.clear();
    this.sequence = 0;
  }

  // --- protocols (services between apps) ---------------------------------------------------------

  /** The services this app offers the other apps of the phone (the Files app: the file system). */
  implementedProtocols(): readonly Protocol[] {
    return [];
  }

  /** Receives the services the other apps provide; apps that use one keep a reference to its provider. */
  connectToProtocols(_providers: ProtocolProviders): void {}

  // --- event logging -----------------------------------------------------------------------------

  connect(sink: EventSink, clock: SimClock): void {
    this.sink = sink;
    this.clock = clock;
  }

  isObserved(): boolean {
    return this.sink !== undefined;
  }

  makeAction(
    functionName: string,
    args: Record<string, JsonValue>,
    op: Operation,
    kinds: ToolKind[],
  ): Action {
    return new Action(this, functionName, args, op, kinds);
  }

  logCall(
    type: EventType,
    functionName: string,
    args: Record<string, JsonValue>,
    op: Operation,
    returnValue: unknown,
    error: unknown,
    parentEventId: string | null,
    at?: { eventId: string; time: number },
    injectedFailure = false,
  ): void {
    if (!this.sink) return;
    this.sink({
      eventId: at?.eventId ?? this.newEventId(type, functionName),
      eventType: type,
      eventTime: at?.time ?? this.clock.now(),
      action: { app: this.name, className: this.className, function: functionName, args, operation: op },
      metadata: {
        returnValue: error === null || error === undefined ? (returnValue ?? null) : null,
        exception: error === null || error === undefined ? null : errorMessage(error),
        exceptionType: error === null || error === undefined ? null : errorTypeName(error),
        proactiveMode: null,
        turn: null,
        parentEventId,
        injectedFailure,
        oracle: false,
      },
      dependencies: [],
    });
  }

  logInjectedFailure(def: ToolDefinition, args: unknown, error: Error): void {
    const raw = (args ?? {}) as Record<string, JsonValue>;
    this.logCall(EventType.AGENT, def.methodName, raw, def.op, null, error, null, undefined, true);
  }

  /** Seeded draw for tool-failure injection: one generator per tool, derived from the app seed. */
  drawToolFailure(toolName: string): number {
    let rng = this.toolRngs.get(toolName);
    if (!rng) {
      rng = derivedRng(this.seed, `failure:${toolName}`);
      this.toolRngs.set(toolName, rng);
    }
    return rng.next();
  }

  // --- tools -------------------------------------------------------------------------------------

  setFailureProbability(p: number): void {
    if (!(p >= 0 && p <= 1)) throw new RangeError(`failure probability must be in [0, 1], got ${p}`);
    this.failureProbability = p;
  }

  /** Tool augmentation: renames and re-describes tools for models, keyed by method name. */
  setToolOverrides(names: Record<string, string>, descriptions: Record<string, string>): void {
    this.publicNames.clear();
    this.publicDescriptions.clear();
    const defs = toolDefinitions(this.constructor as never);
    for (const [method, name] of Object.entries(names))
      if (defs.has(method)) this.publicNames.set(method, name);
    for (const [method, text] of Object.entries(descriptions))
      if (defs.has(method)) this.publicDescriptions.set(method, text);
  }

  publicToolName(methodName: string): string | undefined {
    const renamed = this.publicNames.get(methodName);
    return renamed === undefined ? undefined : `${this.name}__${renamed}`;
  }

  publicToolDescription(methodName: string): string | undefined {
    return this.publicDescriptions.get(methodName);
  }

  /** Tools of one kind, in declaration order. Agent tools carry the app's failure probability. */
  getTools(kind: ToolKind): AppTool[] {
    const out: AppTool[] = [];
    for (const def of toolDefinitions(this.constructor as never).values()) {
      if (def.kinds.has(kind))
        out.push(new AppTool(this, this, def, kind, kind === "agent" ? this.failureProbability : 0));
    }
    return out;
  }

  getAgentTools(): AppTool[] {
    return this.getTools("agent");
  }

  /** Looks a tool up by method name or internal name, in every registry. */
  getTool(name: string): AppTool | undefined {
    const method = name.startsWith(`${this.name}__`) ? name.slice(this.name.length + 2) : name;
    const def = toolDefinitions(this.constructor as never).get(method);
    if (!def) return undefined;
    const kind: ToolKind = def.kinds.has("agent") ? "agent" : ([...def.kinds][0] as ToolKind);
    return new AppTool(this, this, def, kind, kind === "agent" ? this.failureProbability : 0);
  }

  /** Runs `fn` without logging nested calls (an app's internal bookkeeping). */
  protected quietly<T>(fn: () => T): T {
    return withEventsDisabled(fn);
  }

  /** Per-tick notifications that depend on time (due reminders); called by the environment, never logged. */
  timeBasedNotifications(_now: number): { user: string | null; agent: string | null }[] {
    return [];
  }
}
