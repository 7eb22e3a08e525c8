import { describe, expect, it } from "vitest";
import { PAREAgentUserInterface } from "../../../src/apps/agent-ui/agent-ui-app.js";
import { StatefulEmailApp } from "../../../src/apps/email/app.js";
import { HomeScreenSystemApp } from "../../../src/apps/home-screen/home-screen-app.js";
import { StatefulMessagingApp } from "../../../src/apps/messaging/app.js";
import { StatefulShoppingApp } from "../../../src/apps/shopping/app.js";
import type { Environment } from "../../../src/core/environment.js";
import { withCaptureMode } from "../../../src/core/event-context.js";
import { type Event, withEventIdScope } from "../../../src/core/events.js";
import { ScenarioRunnerConfig } from "../../../src/runner/config.js";
import { runScenario } from "../../../src/runner/scenario-runner.js";
import { parseAugmentationData } from "../../../src/scenarios/noise/augmentation-data.js";
import { expandEnvEvents, planNoise } from "../../../src/scenarios/noise/env-events-expander.js";
import { EnvEventsConfig } from "../../../src/scenarios/noise/noise-config.js";
import { augmentationData } from "../../../src/scenarios/noise/noise-data-source.js";
import { PAREScenario } from "../../../src/scenarios/pare-scenario.js";

class Phone extends PAREScenario {
  static override scenarioId = "noise_test_phone";
  constructor(private readonly kinds: ("email" | "messaging" | "shopping")[]) {
    super();
  }
  protected initAndPopulateApps(): void {
    this.apps = [new PAREAgentUserInterface(), new HomeScreenSystemApp()];
    if (this.kinds.includes("email")) this.apps.push(new StatefulEmailApp());
    if (this.kinds.includes("messaging")) this.apps.push(new StatefulMessagingApp());
    if (this.kinds.includes("shopping")) this.apps.push(new StatefulShoppingApp());
  }
  protected buildEventsFlow(): void {
    this.events = [];
  }
  validate(_env: Environment) {
    return { success: true, rationale: "" };
  }
}

const config = (over: Partial<EnvEventsConfig> = {}) => EnvEventsConfig.parse({ envEventsSeed: 1, ...over });

function expand(
  kinds: ("email" | "messaging" | "shopping")[],
  over: Partial<EnvEventsConfig> = {},
  duration: number | null = null,
) {
  const s = new Phone(kinds);
  s.duration = duration;
  s.initialize();
  return withEventIdScope(() => withCaptureMode(() => expandEnvEvents(s, config(over), augmentationData())));
}

describe("environmental noise", () => {
  it("budgets rate × horizon split by weight over the apps present", () => {
    const s = new Phone(["email", "messaging"]);
    s.initialize();
    const plan = planNoise(s, config({ numEnvEventsPerMinute: 10 }), augmentationData());
    expect(plan.horizon).toBe(360);
    expect(plan.total).toBe(60);
    // Messages, Chats (both messaging) and Emails share the weight; shopping is absent.
    expect(plan.budgets).toEqual({ Messages: 20, Chats: 20, Emails: 20 });
    const weighted = planNoise(
      s,
      config({
        numEnvEventsPerMinute: 10,
        weightPerAppClass: { StatefulEmailApp: 2, StatefulMessagingApp: 1 },
      }),
      augmentationData(),
    );
    expect(weighted.budgets).toEqual({ Messages: 15, Chats: 15, Emails: 30 });
  });

  it("schedules emails at seeded exponential times within the horizon", () => {
    const events = expand(["email"], { numEnvEventsPerMinute: 5 }) as Event[];
    expect(events.length).toBeGreaterThan(0);
    expect(events.length).toBeLessThanOrEqual(30);
    for (const e of events) {
      expect(e.id.startsWith("env_expansion_email_")).toBe(true);
      expect(e.action.functionName).toBe("create_and_add_email");
      expect(e.delay).toBeGreaterThan(0);
      expect(e.delay).toBeLessThanOrEqual(360);
    }
    const delays = events.map((e) => e.delay);
    expect(delays).toEqual([...delays].sort((a, b) => a - b));
  });

  it("creates message chains in conversations that exist when the messages land", async () => {
    const events = expand(["messaging"], {
      numEnvEventsPerMinute: 4,
      nMessageEventsPerConversation: 3,
    }) as Event[];
    const opens = events.filter((e) => e.action.functionName === "receive_conversation");
    const messages = events.filter((e) => e.action.functionName === "create_and_add_message");
    expect(opens.length).toBeGreaterThan(0);
    expect(messages.length).toBeLessThanOrEqual(24);
    for (const m of messages) expect(m.parents).toHaveLength(1);
    // Run it: every noise event succeeds.
    const s = new Phone(["messaging"]);
    s.envEvents = config({ numEnvEventsPerMinute: 4, nMessageEventsPerConversation: 3 });
    let env: Environment | null = null;
    await runScenario(s, {
      config: ScenarioRunnerConfig.parse({ oracle: true }),
      onFinished: (r) => {
        env = r.env;
      },
    });
    const log = (env as unknown as Environment).eventLog.listView();
    expect(log.length).toBe(s.noiseEventIds.length);
    expect(log.filter((e) => e.metadata.exception !== null)).toEqual([]);
  });

  it("adds products with items when shopping is present", () => {
    const events = expand(["shopping"], { numEnvEventsPerMinute: 3, nItemEventsPerProduct: 2 }) as Event[];
    const products = events.filter((e) => e.action.functionName === "add_product");
    const items = events.filter((e) => e.action.functionName === "add_item_to_product");
    expect(products.length).toBeGreaterThan(0);
    expect(products.length + items.length).toBeLessThanOrEqual(18);
    expect(
      items.every((i) => String(i.action.args.product_id).startsWith("{{env_expansion_shopping_product_")),
    ).toBe(true);
  });

  it("gives the same events for the same seed and different ones for another", () => {
    const describe = (events: unknown[]) =>
      JSON.stringify((events as Event[]).map((e) => [e.id, e.delay, e.action.args]));
    const a = describe(expand(["email", "messaging"], { numEnvEventsPerMinute: 6 }));
    expect(describe(expand(["email", "messaging"], { numEnvEventsPerMinute: 6 }))).toBe(a);
    expect(describe(expand(["email", "messaging"], { numEnvEventsPerMinute: 6, envEventsSeed: 2 }))).not.toBe(
      a,
    );
  });

  it("reads data in the original project's format", () => {
    const data = parseAugmentationData({
      apps: [
        {
          name: "Emails",
          app_state: {
            folders: {
              INBOX: {
                emails: [
                  {
                    sender: "a@x.example",
                    recipients: ["b@x.example"],
                    subject: "s",
                    content: "c",
                    email_id: "e1",
                    parent_id: null,
                    cc: [],
                    attachments: {},
                    timestamp: 1,
                    is_read: null,
                  },
                ],
              },
            },
          },
        },
      ],
    });
    const s = new Phone(["email"]);
    s.initialize();
    const events = withCaptureMode(() =>
      expandEnvEvents(s, config({ numEnvEventsPerMinute: 10 }), data),
    ) as Event[];
    expect(events.map((e) => e.id)).toEqual(["env_expansion_email_e1"]);
  });
});
