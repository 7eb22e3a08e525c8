import { z } from "zod";
import type { App } from "./app.js";
import type { AppTool } from "./app-tool.js";
import { SimClock } from "./clock.js";
import { errorMessage, errorTypeName, ToolError } from "./errors.js";
import { callWithEventsDisabled, withEventsDisabled } from "./event-context.js";
import { EventLog } from "./event-log.js";
import { EventQueue } from "./event-queue.js";
import { EventType } from "./event-types.js";
import {
  type AbstractEvent,
  type CompletedEvent,
  ConditionCheckEvent,
  Event,
  type EventMetadata,
  StopEvent,
} from "./events.js";
import { cloneJson, type JsonValue } from "./json.js";
import { isHomeScreenApp, isNavigableApp, type Navigator } from "./navigation.js";
import { AGENT_UI_CLASS, MessageType, NotificationSystem } from "./notifications.js";
import { connectProtocols } from "./protocols.js";
import { RunMarks } from "./run-marks.js";

export const EnvironmentConfig = z.object({
  startTime: z.number().default(0),
  /** Simulated seconds after which the environment stops; null = unbounded. */
  duration: z.number().positive().nullable().default(null),
  /** Simulated seconds per tick (condition checks are polled per tick). */
  timeIncrement: z.number().min(1).default(1),
  oracleMode: z.boolean().default(false),
  /** Emit `None` notifications for template-less events (PARE's HIGH verbosity). */
  nullNotifications: z.boolean().default(false),
});
export type EnvironmentConfig = z.infer<typeof EnvironmentConfig>;
export type EnvironmentConfigInput = z.input<typeof EnvironmentConfig>;

export type EnvironmentState = "SETUP" | "RUNNING" | "STOPPED" | "FAILED";

/** What stopped the environment: its duration passed, a stop event fired, or someone asked. */
export type StopCause = "duration" | "stop_event" | "idle" | "requested";

export type EventListener = (event: CompletedEvent) => void;

const PLACEHOLDER = /^\{\{([^}]+)\}\}$/;

/** The ids of an event's parents, as logged: a fresh array of exactly their number (a push would reserve 17). */
function dependencyIds(event: AbstractEvent): string[] {
  const parents = event.parents;
  if (parents.length === 0) return [];
  if (parents.length === 1) return [(parents[0] as AbstractEvent).id];
  return parents.map((p) => p.id);
}

/**
 * The simulated world: apps, the clock, the queue of scheduled events, the event log and the
 * notifications. Everything happens on the simulated clock, so the same inputs give the same log.
 */
export class Environment implements Navigator {
  readonly config: EnvironmentConfig;
  readonly clock: SimClock;
  readonly eventLog = new EventLog();
  readonly notifications: NotificationSystem;
  readonly apps = new Map<string, App>();
  state: EnvironmentState = "SETUP";
  stopReason: string | null = null;
  stopCause: StopCause | null = null;
  /** Stamped on every logged event: the runner's turn and the assistant's mode. */
  readonly context: { turn: number | null; proactiveMode: string | null } = {
    turn: null,
    proactiveMode: null,
  };

  private readonly queue = new EventQueue();
  private readonly templates: AbstractEvent[] = [];
  /** Which events were queued and completed, and how often each condition was polled. */
  private readonly marks = new RunMarks();
  private readonly listeners: EventListener[] = [];
  private active: string | null = null;
  private readonly background: string[] = [];

  constructor(config: EnvironmentConfigInput = {}) {
    this.config = EnvironmentConfig.parse(config);
    this.clock = new SimClock(this.config.startTime);
    this.notifications = new NotificationSystem({ nullNotifications: this.config.nullNotifications });
  }

  get startTime(): number {
    return this.config.startTime;
  }

  get oracleMode(): boolean {
    return this.config.oracleMode;
  }

  now(): number {
    return this.clock.now();
  }

  get tickCount(): number {
    return Math.ceil((this.clock.now() - this.startTime) / this.config.timeIncrement);
  }

  // --- apps --------------------------------------------------------------------------------------

  registerApps(apps: readonly App[]): void {
    for (const app of apps) {
      if (this.apps.has(app.name)) throw new Error(`two apps are named ${app.name}`);
      app.connect((event) => this.addToLog(event), this.clock);
      this.apps.set(app.name, app);
      if (isHomeScreenApp(app)) app.attachNavigator(this);
    }
    connectProtocols([...this.apps.values()]);
  }

  getApp(name: string): App {
    const app = this.apps.get(name);
    if (!app) throw new Error(`no app named ${name}; apps: ${[...this.apps.keys()].join(", ")}`);
    return app;
  }

  getAppByClass<T extends App>(cls: abstract new (...args: never[]) => T): T | undefined {
    for (const app of this.apps.values()) if (app instanceof cls) return app as T;
    return undefined;
  }

  onEvent(listener: EventListener): void {
    this.listeners.push(listener);
  }

  // --- logging -----------------------------------------------------------------------------------

  /** The single sink of everything that happens. */
  addToLog(event: CompletedEvent): void {
    event.metadata.turn = this.context.turn;
    event.metadata.proactiveMode = event.eventType === EventType.AGENT ? this.context.proactiveMode : null;
    this.eventLog.put(event);
    const app = event.action ? this.apps.get(event.action.app) : undefined;
    this.notifications.handleEvent(event, app, this.clock.now());
    for (const listener of this.listeners) listener(event);
  }

  // --- scheduling --------------------------------------------------------------------------------

  /** Adds event templates; events without parents are queued at start (or now, if already running). */
  schedule(events: readonly AbstractEvent[]): void {
    for (const event of events) {
      this.templates.push(event);
      if (this.state === "RUNNING" && event.parents.length === 0) this.enqueueRoot(event);
    }
  }

  private enqueueRoot(event: AbstractEvent): void {
    const time = event.absoluteTime ?? this.startTime + event.delay;
    this.enqueue(event, time);
  }

  private enqueue(event: AbstractEvent, time: number): void {
    if (!this.marks.markQueued(event)) return;
    const id = event instanceof ConditionCheckEvent ? `${event.id}-CHECK_0` : event.id;
    this.queue.push(Math.max(time, this.startTime), event, id);
  }

  start(): void {
    if (this.state === "RUNNING") return;
    this.state = "RUNNING";
    for (const event of this.templates) if (event.parents.length === 0) this.enqueueRoot(event);
    this.tick();
  }

  get pendingEvents(): number {
    return this.queue.size;
  }

  /**
   * Can a scheduled event still happen in this run? Queued events and condition checks count; outside oracle
   * mode queued oracle events do not (they never run there).
   */
  hasScheduledEvents(): boolean {
    if (this.config.oracleMode) return this.queue.size > 0;
    return this.queue.someEvent((event) => !(event instanceof Event && event.isOracle));
  }

  nextEventTime(): number | null {
    return this.queue.nextTime() ?? null;
  }

  /** Processes everything due now, including zero-delay successors, and time-based notifications. */
  tick(): void {
    if (this.state !== "RUNNING") return;
    const now = this.clock.now();
    for (const app of this.apps.values()) {
      for (const n of app.timeBasedNotifications(now)) {
        if (n.user !== null)
          this.notifications.push({
            type: MessageType.ENVIRONMENT_NOTIFICATION_USER,
            text: n.user,
            timestamp: now,
            eventId: null,
          });
        if (n.agent !== null)
          this.notifications.push({
            type: MessageType.ENVIRONMENT_NOTIFICATION_AGENT,
            text: n.agent,
            timestamp: now,
            eventId: null,
          });
      }
    }
    const queue = this.queue;
    for (;;) {
      const time = queue.nextTime();
      if (time === undefined || time > now || this.state !== "RUNNING") break;
      const event = queue.popEvent() as AbstractEvent;
      this.process(event, time, queue.poppedId);
    }
    const duration = this.config.duration;
    if (duration !== null && now - this.startTime >= duration)
      this.stop("duration reached", "STOPPED", "duration");
  }

  /** Moves the clock to `time`, ticking at every queued event time on the way. */
  advanceTo(time: number): void {
    while (this.state === "RUNNING") {
      const next = this.queue.nextTime();
      if (next === undefined || next > time) break;
      if (next > this.clock.now()) this.clock.set(next);
      this.tick();
    }
    if (this.state !== "RUNNING") return;
    if (time > this.clock.now()) this.clock.set(time);
    this.tick();
  }

  advanceBy(seconds: number): void {
    this.advanceTo(this.clock.now() + seconds);
  }

  /** Oracle (queue-based) loop: jump from event to event until the queue is empty or the env stops. */
  runUntilIdle(maxEvents = 1_000_000): void {
    let steps = 0;
    while (this.state === "RUNNING" && this.queue.size > 0) {
      const next = this.queue.nextTime() as number;
      if (this.config.duration !== null && next - this.startTime > this.config.duration) {
        this.stop("duration reached", "STOPPED", "duration");
        break;
      }
      if (next > this.clock.now()) this.clock.set(next);
      this.tick();
      steps += 1;
      if (steps > maxEvents)
        throw new Error(`runUntilIdle: more than ${maxEvents} ticks; a condition may never hold`);
    }
  }

  stop(reason = "stopped", state: EnvironmentState = "STOPPED", cause: StopCause = "requested"): void {
    if (this.state === "STOPPED" || this.state === "FAILED") return;
    this.state = state;
    this.stopReason = reason;
    this.stopCause = cause;
    this.notifications.push({
      type: MessageType.ENVIRONMENT_STOP,
      text: reason,
      timestamp: this.clock.now(),
      eventId: null,
    });
  }

  private complete(event: AbstractEvent, time: number): void {
    const marks = this.marks;
    marks.markCompleted(event, time);
    for (const child of event.children) {
      // Ready once every parent completed, at the latest completion (one pass, no arrays: this runs per event).
      let ready = true;
      let parentTime = Number.NEGATIVE_INFINITY;
      for (const parent of child.parents) {
        const done = marks.completedAt(parent);
        if (done === undefined) {
          ready = false;
          break;
        }
        parentTime = Math.max(parentTime, done);
      }
      if (!ready) continue;
      this.enqueue(child, child.absoluteTime ?? parentTime + child.delay);
    }
  }

  private process(event: AbstractEvent, time: number, runId: string): void {
    // The three kinds are unrelated classes; app calls, by far the most frequent, are tested first.
    if (event instanceof Event) {
      // Oracle events are the reference solution: outside oracle mode they never run, so what
      // depends only on them never runs either.
      if (event.isOracle && !this.config.oracleMode) return;
      this.addToLog(this.execute(event, time));
      this.complete(event, time);
      return;
    }
    if (event instanceof StopEvent) {
      this.stop(`stop event ${event.id}`, "STOPPED", "stop_event");
      this.complete(event, time);
      return;
    }
    if (event instanceof ConditionCheckEvent) this.processCondition(event, time, runId);
  }

  private processCondition(event: ConditionCheckEvent, time: number, runId: string): void {
    const count = this.marks.countPoll(event);
    let holds = false;
    let exception: unknown = null;
    try {
      holds = withEventsDisabled(() => event.predicate(this)) === true;
    } catch (error) {
      exception = error;
    }
    this.addToLog({
      eventId: runId,
      eventType: EventType.CONDITION,
      eventTime: time,
      action: null,
      condition: event.description,
      metadata: this.metadata(holds, exception),
      dependencies: dependencyIds(event),
    });
    if (holds) {
      this.complete(event, time);
      return;
    }
    if (event.timeoutTicks !== null && count * event.everyTicks > event.timeoutTicks) return;
    this.queue.push(time + event.everyTicks * this.config.timeIncrement, event, `${event.id}-CHECK_${count}`);
  }

  private metadata(returnValue: unknown, error: unknown): EventMetadata {
    return {
      returnValue: error === null ? returnValue : null,
      exception: error === null ? null : errorMessage(error),
      exceptionType: error === null ? null : errorTypeName(error),
      proactiveMode: null,
      turn: null,
      parentEventId: null,
      injectedFailure: false,
      oracle: false,
    };
  }

  /** Replaces `{{event_id}}` / `{{event_id.key.key}}` arguments with earlier events' return values. */
  private resolveArgs(args: Record<string, JsonValue>): Record<string, JsonValue> {
    let out: Record<string, JsonValue> | undefined;
    // `for in` with an own-property check visits what Object.entries would, in its order, without an array per key.
    for (const key in args) {
      if (!Object.hasOwn(args, key)) continue;
      const value = args[key];
      // Most arguments hold no placeholder; `{{` is required by PLACEHOLDER, and far cheaper to look for.
      if (typeof value !== "string" || !value.includes("{{")) continue;
      const m = PLACEHOLDER.exec(value.trim());
      if (!m) continue;
      const [eventId, ...path] = (m[1] as string).split(".");
      const source = this.eventLog.byId(eventId as string);
      if (!source) continue;
      let resolved: unknown = source.metadata.returnValue;
      for (const part of path) {
        resolved =
          resolved !== null && typeof resolved === "object"
            ? (resolved as Record<string, unknown>)[part]
            : undefined;
      }
      if (resolved === undefined) continue;
      out ??= { ...args };
      out[key] = resolved as JsonValue;
    }
    return out ?? args;
  }

  private execute(event: Event, time: number): CompletedEvent {
    const action = event.action;
    const args = this.resolveArgs(action.args);
    let result: unknown = null;
    let error: unknown = null;
    try {
      const method = (action.app as unknown as Record<string, unknown>)[action.functionName];
      if (typeof method !== "function")
        throw new ToolError("unknown_tool", `${action.appName} has no function ${action.functionName}`);
      result = callWithEventsDisabled(method as (a: unknown) => unknown, action.app, args);
    } catch (e) {
      error = e;
    }
    const metadata = this.metadata(cloneJson(result) ?? null, error);
    metadata.oracle = event.isOracle;
    const app = action.app;
    return {
      eventId: event.id,
      eventType: event.type,
      eventTime: time,
      // Action.toRecord with the resolved arguments, keys in its order.
      action: {
        app: app.name,
        className: app.className,
        function: action.functionName,
        args,
        operation: action.operation,
      },
      metadata,
      dependencies: dependencyIds(event),
    };
  }

  // --- navigation (the home screen's callbacks) ---------------------------------------------------

  activeAppName(): string | null {
    return this.active;
  }

  private navigableApp(name: string, verb: string) {
    const app = this.apps.get(name);
    if (!app) throw new ToolError("not_found", `App ${name} is not available.`);
    if (!isNavigableApp(app))
      throw new ToolError(
        "not_available",
        `Cannot ${verb} ${name}: system apps cannot be opened; use go_home or the agent UI tools.`,
      );
    return app;
  }

  openApp(name: string): string {
    const app = this.navigableApp(name, "open");
    if (this.active === name) return `${name} App is already open. You are already on it.`;
    this.removeBackground(name);
    if (this.active !== null) this.background.push(this.active);
    this.active = name;
    app.resetToRoot();
    return `Opened ${name} App.`;
  }

  switchApp(name: string): string {
    this.navigableApp(name, "switch to");
    if (this.active === name) return `App ${name} is already active.`;
    if (!this.background.includes(name))
      throw new ToolError("invalid_state", `App ${name} is not open. You have to open it first.`);
    this.removeBackground(name);
    if (this.active !== null) this.background.push(this.active);
    this.active = name;
    return `Switched to ${name} App successfully.`;
  }

  goHome(): string {
    if (this.active === null) return "You are already on the home screen.";
    this.removeBackground(this.active);
    this.background.push(this.active);
    this.active = null;
    return "Switched to home screen.";
  }

  private removeBackground(name: string): void {
    const i = this.background.indexOf(name);
    if (i >= 0) this.background.splice(i, 1);
  }

  waitForNotification(timeoutSeconds: number): string {
    const deadline = this.clock.now() + Math.max(0, timeoutSeconds);
    const agentTypes = [
      MessageType.ENVIRONMENT_NOTIFICATION_AGENT,
      MessageType.USER_MESSAGE,
      MessageType.USER_ACTION,
    ];
    const hasNews = () => this.notifications.pending.some((m) => agentTypes.includes(m.type as never));
    while (this.state === "RUNNING" && !hasNews()) {
      const next = this.queue.nextTime();
      if (next === undefined || next > deadline) break;
      if (next > this.clock.now()) this.clock.set(next);
      this.tick();
    }
    if (hasNews()) return `Notification received at ${this.clock.now()}.`;
    if (deadline > this.clock.now()) this.clock.set(deadline);
    this.tick();
    return `Wait for notification timeout reached after ${timeoutSeconds} seconds`;
  }

  /** Apps opened earlier and still in the background (switchable). */
  backgroundApps(): readonly string[] {
    return this.background;
  }

  // --- tool surfaces -----------------------------------------------------------------------------

  /** What the user can do right now: the agent UI's answers, home navigation, the active screen's tools. */
  getUserTools(): AppTool[] {
    const tools: AppTool[] = [];
    for (const app of this.apps.values())
      if (app.className === AGENT_UI_CLASS) tools.push(...app.getTools("user"));
    for (const app of this.apps.values())
      if (isHomeScreenApp(app)) tools.push(...app.homeUserTools(this.active === null));
    if (this.active !== null) {
      const app = this.apps.get(this.active);
      if (app && isNavigableApp(app)) tools.push(...app.getUserTools());
    }
    return tools;
  }

  /** Every agent tool of every app, in registration order (the assistant's flat API). */
  getAgentTools(): AppTool[] {
    const tools: AppTool[] = [];
    for (const app of this.apps.values()) tools.push(...app.getAgentTools());
    return tools;
  }

  /** Name of the active app and its screen, for the user's prompt. */
  describeLocation(): { app: string; screen: string } {
    if (this.active === null) return { app: "HomeScreen", screen: "Home" };
    const app = this.apps.get(this.active);
    return { app: this.active, screen: app && isNavigableApp(app) ? app.currentScreenName() : "" };
  }
}
