import type { App } from "../core/app.js";
import { classNameOf, withAppConstruction } from "../core/app.js";
import { SimClock } from "../core/clock.js";
import type { Environment } from "../core/environment.js";
import { withCaptureMode } from "../core/event-context.js";
import { type AbstractEvent, Event, withEventIdScope } from "../core/events.js";
import type { JsonValue } from "../core/json.js";
import { isHomeScreenApp } from "../core/navigation.js";
import { AGENT_UI_CLASS } from "../core/notifications.js";
import { connectProtocols } from "../core/protocols.js";
import { hashValue } from "../util/stable-hash.js";
import { expandEnvEvents } from "./noise/env-events-expander.js";
import type { EnvEventsConfig, ToolAugmentationConfig } from "./noise/noise-config.js";
import { augmentationData, toolMappings } from "./noise/noise-data-source.js";
import type { ScenarioVerdict } from "./scenario-verdict.js";

export type ScenarioStatus = "Draft" | "Valid" | "Invalid" | "UnderReview";

/** 2025-11-18 09:00:00 UTC, the start of most PARE benchmark scenarios. */
export const DEFAULT_START_TIME = 1763456400;

/** Tool renames and re-descriptions, keyed by method name (the augmentation data's mappings). */
export interface ToolTextMappings {
  names: Record<string, string>;
  descriptions: Record<string, string>;
}

/** What the noise expander adds: its events, and which of them bring something to the phone (its arrivals). */
export interface NoiseExpansion {
  events: AbstractEvent[];
  /** Ids of the events that count as noise arriving (an email, a message, a product); bookkeeping is left out. */
  arrivalIds: string[];
}

/** Expands environmental noise into extra events (installed by the noise module). */
export type NoiseExpander = (scenario: PAREScenario, config: EnvEventsConfig) => NoiseExpansion;

/** Loads tool renames/re-descriptions for tool augmentation (installed by the noise module). */
export type ToolMappingsLoader = () => ToolTextMappings;

const defaultHooks: { expandNoise: NoiseExpander; loadToolMappings: ToolMappingsLoader } = {
  expandNoise: (scenario, config) => expandEnvEvents(scenario, config, augmentationData()),
  loadToolMappings: () => toolMappings(),
};
const hooks = { ...defaultHooks };

/** Replaces how noise is expanded or tool mappings are loaded (tests, custom data); `null` restores the default. */
export function installNoiseHooks(h: {
  expandNoise?: NoiseExpander | null;
  loadToolMappings?: ToolMappingsLoader | null;
}): void {
  if (h.expandNoise !== undefined) hooks.expandNoise = h.expandNoise ?? defaultHooks.expandNoise;
  if (h.loadToolMappings !== undefined)
    hooks.loadToolMappings = h.loadToolMappings ?? defaultHooks.loadToolMappings;
}

export interface InitialAppState {
  className: string;
  state: unknown;
}

/**
 * A proactive-assistance scenario: seeded apps, an event flow (environment events and the oracle's
 * reference solution) and a validator. Subclasses set their fields as class fields; they take effect.
 */
export abstract class PAREScenario {
  /** Set by `@registerScenario`. */
  static scenarioId: string | undefined;

  seed = 0;
  startTime = DEFAULT_START_TIME;
  /** Simulated seconds; null = unbounded (runs end by max turns). */
  duration: number | null = null;
  timeIncrement = 1;
  status: ScenarioStatus = "Draft";
  isBenchmarkReady = false;
  tags: string[] = [];
  /** What the scenario is about (one of the catalogue's THEMES); counted in docs/benchmark.md. */
  theme = "";
  description = "";
  /**
   * false: the right help is to wait, or the tempting proposal is wrong and the user should reject it. Then
   * the validator must pass when the assistant never proposes and fail when it proposes (`pare scenarios check`
   * verifies both); otherwise it must fail without the reference solution's proposal and writes.
   */
  expectsProposal = true;
  /** Persona and instructions for the simulated user (appended to its system prompt). */
  additionalSystemPrompt = "";
  toolAugmentation: ToolAugmentationConfig | null = null;
  envEvents: EnvEventsConfig | null = null;
  /**
   * Simulated seconds environmental noise is spread over when the scenario sets no duration: the runner sets it
   * to the span the run will cover (`plannedRunSpan`); null = PARE's 360-second horizon.
   */
  noiseHorizon: number | null = null;
  runNumber: number | null = null;

  apps: App[] = [];
  events: AbstractEvent[] = [];
  /** Ids of events added by the noise expander. */
  noiseEventIds: string[] = [];
  /** Ids of the noise events that are arrivals (what the planned and delivered noise counts count). */
  noiseArrivalIds: string[] = [];
  initialAppStates: Record<string, InitialAppState> = {};
  /** The clock apps use while they are populated: the scenario's start time, never the wall clock. */
  readonly setupClock = new SimClock(0);
  private initialized = false;

  get scenarioId(): string {
    const id = (this.constructor as typeof PAREScenario).scenarioId;
    if (!id) throw new Error(`${classNameOf(this)} is not registered; decorate it with @registerScenario`);
    return id;
  }

  get isInitialized(): boolean {
    return this.initialized;
  }

  /** Creates the apps (set `this.apps`) and fills them with data by calling their methods. */
  protected abstract initAndPopulateApps(): void;

  /** Scripts the events (set `this.events`). Runs in capture mode: app tool calls return Events. */
  protected abstract buildEventsFlow(): void;

  /** Decides success from the environment after the run (normally from its event log). */
  abstract validate(env: Environment): ScenarioVerdict;

  /**
   * Idempotent. In order: create and populate apps → connect their protocols (attachments reach the
   * Files app) → seed every app → tool augmentation (never the
   * home screen or the agent UI) → snapshot initial states → build the event flow → add noise events.
   */
  initialize(): void {
    if (this.initialized) return;
    this.setupClock.set(this.startTime);
    withAppConstruction({ clock: this.setupClock, seed: this.seed }, () => this.initAndPopulateApps());
    if (this.apps.length === 0) throw new Error(`scenario ${this.scenarioId} created no apps`);
    connectProtocols(this.apps);
    for (const app of this.apps) app.setSeed(this.seed);
    this.applyToolAugmentation();
    this.initialAppStates = Object.fromEntries(
      this.apps.map((app) => [app.name, { className: app.className, state: app.getState() }]),
    );
    withEventIdScope(() =>
      withCaptureMode(() => {
        this.buildEventsFlow();
      }),
    );
    if (this.envEvents && this.envEvents.numEnvEventsPerMinute > 0) {
      const config = this.envEvents;
      const noise = withEventIdScope(() => withCaptureMode(() => hooks.expandNoise(this, config)));
      this.noiseEventIds = noise.events.map((e) => e.id);
      this.noiseArrivalIds = [...noise.arrivalIds];
      this.events.push(...noise.events);
    }
    this.initialized = true;
  }

  private applyToolAugmentation(): void {
    const config = this.toolAugmentation;
    if (!config) return;
    const targets = this.apps.filter((app) => app.className !== AGENT_UI_CLASS && !isHomeScreenApp(app));
    for (const app of targets) app.setFailureProbability(config.toolFailureProbability);
    if (config.applyToolNameAugmentation || config.applyToolDescriptionAugmentation) {
      const mappings = hooks.loadToolMappings();
      for (const app of targets) {
        app.setToolOverrides(
          config.applyToolNameAugmentation ? mappings.names : {},
          config.applyToolDescriptionAugmentation ? mappings.descriptions : {},
        );
      }
    }
  }

  getApp(name: string): App {
    const app = this.apps.find((a) => a.name === name);
    if (!app)
      throw new Error(
        `scenario ${this.scenarioId} has no app named ${name}; apps: ${this.apps.map((a) => a.name).join(", ")}`,
      );
    return app;
  }

  getTypedApp<T extends App>(cls: abstract new (...args: never[]) => T, name?: string): T {
    const app = this.apps.find((a) => a instanceof cls && (name === undefined || a.name === name));
    if (!app)
      throw new Error(
        `scenario ${this.scenarioId} has no ${cls.name}${name ? ` named ${name}` : ""}; apps: ${this.apps.map((a) => `${a.name} (${a.className})`).join(", ")}`,
      );
    return app as T;
  }

  /** Oracle events of the flow (the reference solution). */
  oracleEvents(): Event[] {
    return this.events.filter((e): e is Event => e instanceof Event && e.isOracle);
  }

  /** Non-oracle events: what the world does. */
  environmentEvents(): AbstractEvent[] {
    return this.events.filter((e) => !(e instanceof Event && e.isOracle));
  }

  /**
   * Hash of what the scenario is: its data, flow and configuration. Editing a scenario's data or flow changes it.
   * Code (the validator included) is not hashed here: its text depends on the compiler that produced it (tsx's
   * esbuild, tsc's dist/, vitest), and the same scenario must hash the same however it is run. The result cache
   * covers code by the source hash of the scenario's module and its imports (`scenarioSourceHash`).
   */
  contentHash(): string {
    this.initialize();
    const describe = (e: AbstractEvent): JsonValue =>
      ({
        id: e.id,
        type: e.type,
        delay: e.delay,
        absoluteTime: e.absoluteTime,
        parents: e.parents.map((p) => p.id),
        action: e instanceof Event ? { ...e.action.toRecord() } : e.constructor.name,
        oracle: e instanceof Event ? e.isOracle : false,
      }) as unknown as JsonValue;
    return hashValue({
      scenarioId: this.scenarioId,
      className: classNameOf(this),
      seed: this.seed,
      startTime: this.startTime,
      duration: this.duration,
      timeIncrement: this.timeIncrement,
      additionalSystemPrompt: this.additionalSystemPrompt,
      tags: this.tags,
      toolAugmentation: this.toolAugmentation,
      envEvents: this.envEvents,
      apps: this.initialAppStates,
      events: this.events.map(describe),
    }).slice(0, 16);
  }
}
