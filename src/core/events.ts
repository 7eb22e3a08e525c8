import type { App } from "./app.js";
import type { Environment } from "./environment.js";
import { EventType, type Operation, type ToolKind } from "./event-types.js";
import type { JsonValue } from "./json.js";

/** A call of an app function, recorded or scheduled. Holds the app by reference only to execute it. */
export class Action {
  constructor(
    readonly app: App,
    readonly functionName: string,
    readonly args: Record<string, JsonValue>,
    readonly operation: Operation,
    readonly kinds: readonly ToolKind[],
  ) {}

  get appName(): string {
    return this.app.name;
  }

  get className(): string {
    return this.app.className;
  }

  toRecord(): ActionRecord {
    return {
      app: this.app.name,
      className: this.app.className,
      function: this.functionName,
      args: this.args,
      operation: this.operation,
    };
  }
}

/** The serialisable form of an action as it appears in the event log and in traces. */
export interface ActionRecord {
  app: string;
  className: string;
  function: string;
  args: Record<string, JsonValue>;
  operation: Operation;
}

export interface EventMetadata {
  returnValue: unknown;
  exception: string | null;
  exceptionType: string | null;
  /** Proactive agent mode when the event was logged; only for AGENT events. */
  proactiveMode: string | null;
  /** Runner turn when the event was logged. */
  turn: number | null;
  /** The outer logged call this one happened inside (a screen tool calling the app's backend). */
  parentEventId: string | null;
  /** The call was refused by seeded tool-failure injection and never ran. */
  injectedFailure: boolean;
  /** The event was an oracle (reference-solution) event executed in oracle mode. */
  oracle: boolean;
}

/** A record of something that happened; the event log holds these. */
export interface CompletedEvent {
  eventId: string;
  eventType: EventType;
  eventTime: number;
  action: ActionRecord | null;
  /** For CONDITION events: the condition's description. */
  condition?: string;
  metadata: EventMetadata;
  dependencies: string[];
}

export function isFailed(event: CompletedEvent): boolean {
  return event.metadata.exception !== null;
}

let fallbackCounter = 0;
const idCounters: number[] = [];

/** Ids of events built inside `withEventIdScope` restart at 0, so a scenario build is reproducible. */
export function withEventIdScope<T>(fn: () => T): T {
  idCounters.push(0);
  try {
    return fn();
  } finally {
    idCounters.pop();
  }
}

function nextId(prefix: string): string {
  const top = idCounters.length - 1;
  if (top >= 0) {
    idCounters[top] = (idCounters[top] as number) + 1;
    return `${prefix}-${idCounters[top]}`;
  }
  fallbackCounter += 1;
  return `${prefix}-g${fallbackCounter}`;
}

export interface DependsOnOptions {
  delaySeconds?: number;
}

/** Fields and graph API shared by every schedulable event. Instances are templates: run state lives in the environment. */
export abstract class AbstractEvent {
  id: string;
  type: EventType;
  /** Seconds after the last parent completed (or after the start, without parents). */
  delay = 0;
  /** A fixed simulated time, overriding the delay. */
  absoluteTime: number | null = null;
  readonly parents: AbstractEvent[] = [];
  readonly children: AbstractEvent[] = [];
  /**
   * The environment run that numbered this event and its number there (see RunMarks): a cache key for that
   * run's bookkeeping, never state of the event. 0 = not numbered yet.
   */
  runMark = 0;
  runSlot = 0;

  protected constructor(type: EventType, id: string) {
    this.type = type;
    this.id = id;
  }

  dependsOn(parents: AbstractEvent | readonly AbstractEvent[] | null, options: DependsOnOptions = {}): this {
    const delay = options.delaySeconds ?? 0;
    if (!(delay >= 0)) throw new RangeError(`delaySeconds must be >= 0, got ${delay}`);
    this.delay = delay;
    const list = parents === null ? [] : Array.isArray(parents) ? parents : [parents as AbstractEvent];
    for (const parent of list) {
      if (parent === this) throw new Error(`event ${this.id} cannot depend on itself`);
      if (!this.parents.includes(parent)) this.parents.push(parent);
      if (!parent.children.includes(this)) parent.children.push(this);
    }
    return this;
  }

  followedBy(
    children: AbstractEvent | readonly AbstractEvent[],
    delaySeconds: number | readonly number[] = 0,
  ): this {
    const list = Array.isArray(children) ? children : [children as AbstractEvent];
    const delays = typeof delaySeconds === "number" ? list.map(() => delaySeconds) : delaySeconds;
    if (delays.length !== list.length) throw new RangeError("followedBy: one delay per child is required");
    list.forEach((child, i) => {
      child.dependsOn(this, { delaySeconds: delays[i] as number });
    });
    return this;
  }

  delayed(seconds: number): this {
    if (!(seconds >= 0)) throw new RangeError(`delay must be >= 0, got ${seconds}`);
    this.delay = seconds;
    return this;
  }

  withId(id: string): this {
    this.id = id;
    return this;
  }

  withType(type: EventType): this {
    this.type = type;
    return this;
  }

  atAbsoluteTime(time: number): this {
    this.absoluteTime = time;
    return this;
  }
}

/** A scheduled app call. `oracle()` marks it as part of the reference solution: run only in oracle mode. */
export class Event extends AbstractEvent {
  isOracle = false;

  constructor(
    readonly action: Action,
    type: EventType = EventType.ENV,
    id?: string,
  ) {
    super(type, id ?? `${type}-${action.appName}.${action.functionName}-${action.app.nextSequence()}`);
  }

  /**
   * Marks the event as an oracle event. It keeps the actor of the captured tool: a user tool (e.g.
   * accepting a proposal) runs as USER, anything else as AGENT.
   */
  oracle(): this {
    this.isOracle = true;
    this.type =
      this.action.kinds.includes("user") && !this.action.kinds.includes("agent")
        ? EventType.USER
        : EventType.AGENT;
    return this;
  }
}

export type ConditionPredicate = (env: Environment) => boolean;

export interface ConditionOptions {
  /** Poll every N ticks (default 1). */
  everyTicks?: number;
  /** Give up after this many ticks (default: never). */
  timeoutTicks?: number | null;
  description?: string;
}

/** A predicate over the environment, polled every N ticks; its children are scheduled once it holds. */
export class ConditionCheckEvent extends AbstractEvent {
  readonly everyTicks: number;
  readonly timeoutTicks: number | null;
  readonly description: string;

  constructor(
    readonly predicate: ConditionPredicate,
    options: ConditionOptions = {},
  ) {
    super(EventType.CONDITION, nextId("CONDITION"));
    this.everyTicks = options.everyTicks ?? 1;
    if (!(this.everyTicks >= 1)) throw new RangeError("everyTicks must be >= 1");
    this.timeoutTicks = options.timeoutTicks ?? null;
    this.description = options.description ?? (predicate.name || "condition");
  }

  static fromCondition(predicate: ConditionPredicate, options: ConditionOptions = {}): ConditionCheckEvent {
    return new ConditionCheckEvent(predicate, options);
  }
}

/** Stops the environment when processed. */
export class StopEvent extends AbstractEvent {
  constructor() {
    super(EventType.STOP, nextId("STOP"));
  }
}
