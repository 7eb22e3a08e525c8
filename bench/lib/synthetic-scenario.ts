import { z } from "zod";
import { PAREAgentUserInterface } from "../../src/apps/agent-ui/agent-ui-app.js";
import { HomeScreenSystemApp } from "../../src/apps/home-screen/home-screen-app.js";
import { App } from "../../src/core/app.js";
import type { Environment } from "../../src/core/environment.js";
import { type AbstractEvent, ConditionCheckEvent, type Event } from "../../src/core/events.js";
import type { NotificationTemplates } from "../../src/core/notifications.js";
import { envTool, parsed } from "../../src/core/tool-decorators.js";
import { PAREScenario } from "../../src/scenarios/pare-scenario.js";
import type { ScenarioVerdict } from "../../src/scenarios/scenario-verdict.js";

const LedgerState = z.object({ entries: z.array(z.object({ id: z.string(), note: z.string() })) });
type LedgerState = z.infer<typeof LedgerState>;
const RecordParams = z.object({ note: z.string().describe("What happened") });

/**
 * The cheapest app that still goes through everything an event does: argument validation, the
 * placeholder resolution of scheduled arguments, logging, the return-value copy and a notification.
 * The event engine is measured, not an app.
 */
export class BenchLedgerApp extends App<LedgerState> {
  readonly stateSchema = LedgerState;
  entries: LedgerState["entries"] = [];

  static notificationTemplates: NotificationTemplates = {
    record: { agent: (args) => `Ledger: ${String(args.note)}` },
  };

  constructor() {
    super({ name: "Ledger" });
  }

  protected dumpState(): LedgerState {
    return { entries: this.entries };
  }
  protected restoreState(state: LedgerState): void {
    this.entries = state.entries.map((e) => ({ ...e }));
  }
  protected emptyState(): LedgerState {
    return { entries: [] };
  }

  @envTool({ description: "Record an entry.", params: RecordParams, op: "write" })
  record(args: z.input<typeof RecordParams>): string {
    const id = `entry-${this.entries.length}`;
    this.entries.push({ id, note: parsed(RecordParams, args).note });
    return id;
  }
}

export interface SyntheticShape {
  /** Independent chains of dependent events; they interleave on the clock. */
  chains: number;
  eventsPerChain: number;
  /** Every n-th event's argument refers to its parent's return value (`{{event_id}}`). */
  placeholderEvery: number;
  /** Condition checks polled every 60 ticks until their chain is done. */
  conditions: number;
}

export const SYNTHETIC_100K: SyntheticShape = {
  chains: 1000,
  eventsPerChain: 100,
  placeholderEvery: 10,
  conditions: 50,
};

/** A scenario made of nothing but scheduled environment events (and a few condition checks). */
export class SyntheticEventScenario extends PAREScenario {
  static override scenarioId = "bench_synthetic_events";
  override duration = 24 * 3600;
  private ledger!: BenchLedgerApp;

  constructor(readonly shape: SyntheticShape = SYNTHETIC_100K) {
    super();
  }

  get eventCount(): number {
    return this.shape.chains * this.shape.eventsPerChain;
  }

  protected initAndPopulateApps(): void {
    this.ledger = new BenchLedgerApp();
    this.apps = [new PAREAgentUserInterface(), new HomeScreenSystemApp(), this.ledger];
  }

  protected buildEventsFlow(): void {
    const { chains, eventsPerChain, placeholderEvery, conditions } = this.shape;
    const events: AbstractEvent[] = [];
    const lasts: Event[] = [];
    for (let c = 0; c < chains; c++) {
      let previous: Event | null = null;
      for (let i = 0; i < eventsPerChain; i++) {
        const note: string =
          previous !== null && i % placeholderEvery === 0 ? `{{${previous.id}}}` : `chain ${c} step ${i}`;
        const event: Event = (this.ledger.record({ note }) as unknown as Event).withId(`c${c}-e${i}`);
        if (previous === null) event.delayed(c % 600);
        else event.dependsOn(previous, { delaySeconds: 1 + ((c + i) % 3) });
        events.push(event);
        previous = event;
      }
      if (previous) lasts.push(previous);
    }
    const ledger = this.ledger;
    for (let k = 0; k < conditions; k++) {
      const target = Math.floor(((k + 1) * chains * eventsPerChain) / (conditions + 1));
      events.push(
        ConditionCheckEvent.fromCondition(() => ledger.entries.length >= target, {
          everyTicks: 60,
          description: `ledger reached ${target}`,
        }),
      );
    }
    this.events = events;
  }

  validate(env: Environment): ScenarioVerdict {
    const recorded = env.eventLog.length;
    return { success: recorded >= this.eventCount, rationale: `${recorded} events logged` };
  }
}
