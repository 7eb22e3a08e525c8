import { describe, expect, it } from "vitest";
import { PAREAgentUserInterface } from "../../../src/apps/agent-ui/agent-ui-app.js";
import { StatefulEmailApp } from "../../../src/apps/email/app.js";
import { StatefulFilesApp } from "../../../src/apps/files/app.js";
import { HomeScreenSystemApp } from "../../../src/apps/home-screen/home-screen-app.js";
import { StatefulMessagingApp } from "../../../src/apps/messaging/app.js";
import { StatefulShoppingApp } from "../../../src/apps/shopping/app.js";
import type { Environment } from "../../../src/core/environment.js";
import { withCaptureMode } from "../../../src/core/event-context.js";
import { type AbstractEvent, type Event, withEventIdScope } from "../../../src/core/events.js";
import { ScenarioRunnerConfig } from "../../../src/runner/config.js";
import { runScenario } from "../../../src/runner/scenario-runner.js";
import {
  AugmentationDataError,
  attachmentFromBase64,
  parseAugmentationData,
} from "../../../src/scenarios/noise/augmentation-data.js";
import { expandEnvEvents, planNoise } from "../../../src/scenarios/noise/env-events-expander.js";
import { EnvEventsConfig } from "../../../src/scenarios/noise/noise-config.js";
import { augmentationData } from "../../../src/scenarios/noise/noise-data-source.js";
import { PAREScenario } from "../../../src/scenarios/pare-scenario.js";

class Phone extends PAREScenario {
  static override scenarioId = "noise_test_phone";
  constructor(private readonly kinds: ("email" | "messaging" | "shopping" | "files")[]) {
    super();
  }
  protected initAndPopulateApps(): void {
    this.apps = [new PAREAgentUserInterface(), new HomeScreenSystemApp()];
    if (this.kinds.includes("email")) this.apps.push(new StatefulEmailApp());
    if (this.kinds.includes("messaging")) this.apps.push(new StatefulMessagingApp());
    if (this.kinds.includes("shopping")) this.apps.push(new StatefulShoppingApp());
    if (this.kinds.includes("files")) this.apps.push(new StatefulFilesApp());
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
  return withEventIdScope(() => withCaptureMode(() => expandEnvEvents(s, config(over), augmentationData())))
    .events;
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

  it("schedules emails at seeded times within the horizon", () => {
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
    const events = withCaptureMode(() => expandEnvEvents(s, config({ numEnvEventsPerMinute: 10 }), data))
      .events as Event[];
    expect(events.map((e) => e.id)).toEqual(["env_expansion_email_e1"]);
  });

  it("spreads noise over the runner's planned span, planning exactly rate × span", () => {
    const s = new Phone(["email", "messaging", "shopping"]);
    s.noiseHorizon = 123;
    s.initialize();
    const cfg = config({ numEnvEventsPerMinute: 10 });
    const plan = planNoise(s, cfg, augmentationData());
    expect(plan.horizon).toBe(123);
    expect(plan.total).toBe(20);
    // Five entries share 20 events: the shares add up to the total instead of rounding some away.
    expect(Object.values(plan.budgets).reduce((a, b) => a + b, 0)).toBe(20);
    const { events, arrivalIds } = withEventIdScope(() =>
      withCaptureMode(() => expandEnvEvents(s, cfg, augmentationData())),
    );
    expect(arrivalIds).toHaveLength(20);
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
    // A scenario's own duration wins over the runner's span.
    const timed = new Phone(["email"]);
    timed.duration = 60;
    timed.noiseHorizon = 999;
    expect(planNoise(timed, cfg, augmentationData()).horizon).toBe(60);
  });

  it("drops no arrival: every planned event lands inside the horizon and an oracle run delivers them all", async () => {
    for (const seed of [0, 1, 2, 3, 4, 5, 6, 7]) {
      const s = new Phone(["email", "messaging"]);
      s.envEvents = config({ numEnvEventsPerMinute: 10, envEventsSeed: seed });
      const result = await runScenario(s, {
        config: ScenarioRunnerConfig.parse({
          oracle: true,
          maxTurns: 10,
          userMaxIterations: 1,
          observeMaxIterations: 1,
          executeMaxIterations: 1,
        }),
      });
      // The runner plans over the span an agent run would cover: 10 turns × 2 calls × 3 s.
      expect(s.noiseHorizon).toBe(60);
      expect(result.noisePlanned).toBe(10);
      expect(result.noiseDelivered).toBe(10);
      expect(result.stopReason).toBe("oracle_finished");
      expect(result.duration).toBeLessThanOrEqual(60);
    }
  });

  it("arrives at the same rate all along the span, message chains included", () => {
    for (const kind of ["email", "messaging", "shopping"] as const) {
      // Over ten seeds, the first quarter of the span holds about a quarter of the arrivals.
      let early = 0;
      let all = 0;
      for (let seed = 0; seed < 10; seed++) {
        const s = new Phone([kind]);
        s.noiseHorizon = 360;
        s.initialize();
        const cfg = config({ numEnvEventsPerMinute: 12, envEventsSeed: seed });
        const { events, arrivalIds } = withEventIdScope(() =>
          withCaptureMode(() => expandEnvEvents(s, cfg, augmentationData())),
        );
        expect(arrivalIds).toHaveLength(72);
        const times = arrivalTimes(events, arrivalIds);
        expect(Math.max(...times)).toBeLessThanOrEqual(360);
        early += times.filter((t) => t <= 90).length;
        all += times.length;
      }
      expect(early / all).toBeGreaterThan(0.2);
      expect(early / all).toBeLessThan(0.3);
    }
  });

  it("uses entries named by their app class", () => {
    const data = parseAugmentationData({
      apps: [
        {
          name: "StatefulEmailApp",
          app_state: {
            folders: {
              INBOX: {
                emails: [1, 2, 3].map((i) => ({
                  sender: `s${i}@x.example`,
                  recipients: [],
                  subject: `s${i}`,
                  content: "c",
                  email_id: `m${i}`,
                })),
              },
            },
          },
        },
      ],
    });
    const s = new Phone(["email"]);
    s.initialize();
    const { arrivalIds } = withCaptureMode(() =>
      expandEnvEvents(s, config({ numEnvEventsPerMinute: 1 }), data),
    );
    expect(arrivalIds.sort()).toEqual([
      "env_expansion_email_m1",
      "env_expansion_email_m2",
      "env_expansion_email_m3",
    ]);
  });
});

describe("file events in the data", () => {
  const b64 = (text: string) => Buffer.from(text, "utf8").toString("base64");
  const withFiles = () =>
    parseAugmentationData({
      apps: [
        {
          name: "Messages",
          app_state: {
            conversations: {
              c1: {
                conversation_id: "c1",
                participant_ids: ["+15550001", "+15550002"],
                title: "Climbing",
                messages: [
                  {
                    sender_id: "+15550001",
                    message_id: "m1",
                    timestamp: 1,
                    content: "Topo for Saturday",
                    attachment: b64("Route 1: 5.9\nRoute 2: 5.10a"),
                    attachment_name: "topo.txt",
                  },
                  { sender_id: "+15550002", message_id: "m2", timestamp: 2, content: "Nice" },
                ],
              },
            },
          },
        },
        {
          name: "Emails",
          app_state: {
            folders: {
              INBOX: {
                emails: ["e1", "e2", "e3", "e4"].map((email_id) => ({
                  sender: "lib@city.example",
                  recipients: [],
                  subject: `Your loans (${email_id})`,
                  content: "See attached.",
                  email_id,
                  attachments: {
                    "loans.csv": b64("title,due\nDune,2025-12-01"),
                    "logo.png": b64("PNGDATA!"),
                  },
                })),
              },
            },
          },
        },
        {
          name: "Files",
          app_state: {
            files: {
              name: "",
              type: "directory",
              children: [
                {
                  name: "Downloads",
                  type: "directory",
                  children: [
                    { name: "IMG_2041.jpg", type: "file", size: 2_100_000 },
                    { name: "gym-schedule.pdf", type: "file", content: "Mon spin 7:00", size: 40_000 },
                  ],
                },
                { name: "shared-notes.md", type: "file", content: "# Notes" },
              ],
            },
            tmpdir: "/tmp/are_simulation_fs_sandbox_x",
          },
        },
      ],
    });

  it("delivers files arriving in Files, attachments of emails and of messages, all landing", async () => {
    const s = new Phone(["email", "messaging", "files"]);
    s.initialize();
    const events = withEventIdScope(() =>
      withCaptureMode(() => expandEnvEvents(s, config({ numEnvEventsPerMinute: 10 }), withFiles())),
    ).events as Event[];
    const arrivals = events.filter((e) => e.action.functionName === "receive_file");
    expect(arrivals.map((e) => e.id).sort()).toEqual([
      "env_expansion_files_Files_0",
      "env_expansion_files_Files_1",
      "env_expansion_files_Files_2",
    ]);
    expect(arrivals.map((e) => e.action.args.path).sort()).toEqual([
      "Downloads/IMG_2041.jpg",
      "Downloads/gym-schedule.pdf",
      "shared-notes.md",
    ]);
    const mail = events.find((e) => e.action.functionName === "create_and_add_email");
    expect(mail?.action.args.attachments).toEqual([
      { name: "loans.csv", text: "title,due\nDune,2025-12-01" },
      { name: "logo.png", mime_type: "image/png", size: 8 },
    ]);
    const message = events.find((e) => e.action.functionName === "create_and_add_message");
    expect(message?.action.args.attachment).toEqual({
      name: "topo.txt",
      text: "Route 1: 5.9\nRoute 2: 5.10a",
    });
    // Run it: every noise event succeeds and the files are there with their content.
    const run = new Phone(["email", "messaging", "files"]);
    run.envEvents = config({ numEnvEventsPerMinute: 10 });
    const { installNoiseHooks } = await import("../../../src/scenarios/pare-scenario.js");
    installNoiseHooks({ expandNoise: (sc, c) => expandEnvEvents(sc, c, withFiles()) });
    let env: Environment | null = null;
    try {
      await runScenario(run, {
        config: ScenarioRunnerConfig.parse({ oracle: true }),
        onFinished: (r) => {
          env = r.env;
        },
      });
    } finally {
      installNoiseHooks({ expandNoise: null });
    }
    const log = (env as unknown as Environment).eventLog.listView();
    expect(log.filter((e) => e.metadata.exception !== null)).toEqual([]);
    const files = run.apps.find((a) => a instanceof StatefulFilesApp) as StatefulFilesApp;
    expect(files.read_document({ file_path: "Downloads/gym-schedule.pdf" })).toBe("Mon spin 7:00");
    const email = run.apps.find((a) => a instanceof StatefulEmailApp) as StatefulEmailApp;
    expect(email.list_emails().emails[0]?.attachments.map((a) => a.name)).toEqual(["loans.csv", "logo.png"]);
  });

  it("changes nothing for data without file events, or a phone without Files", () => {
    const s = new Phone(["email", "messaging"]);
    s.initialize();
    const plan = planNoise(s, config({ numEnvEventsPerMinute: 10 }), withFiles());
    expect(Object.keys(plan.budgets)).toEqual(["Messages", "Emails"]);
    const events = withEventIdScope(() =>
      withCaptureMode(() => expandEnvEvents(s, config({ numEnvEventsPerMinute: 10 }), augmentationData())),
    ).events as Event[];
    expect(events.some((e) => e.action.functionName === "receive_file")).toBe(false);
  });

  it("refuses bad file data with a line naming the entry and the file", () => {
    expect(() =>
      parseAugmentationData({
        apps: [
          {
            name: "Emails",
            app_state: {
              folders: {
                INBOX: {
                  emails: [
                    {
                      sender: "a@b.co",
                      recipients: [],
                      subject: "",
                      content: "",
                      email_id: "x",
                      attachments: { "a.txt": "not base64 !!" },
                    },
                  ],
                },
              },
            },
          },
        ],
      }),
    ).toThrow(/apps\[0\]\.app_state\.folders\.INBOX\.emails\[0\]\.attachments\["a\.txt"\]: expected base64/);
    const bad = (file: object) =>
      parseAugmentationData({
        apps: [{ name: "Files", app_state: { files: { name: "", type: "directory", children: [file] } } }],
      });
    const s = new Phone(["files"]);
    s.initialize();
    const expandWith = (data: ReturnType<typeof bad>) => () =>
      withCaptureMode(() => expandEnvEvents(s, config({ numEnvEventsPerMinute: 10 }), data));
    expect(expandWith(bad({ name: "cat.jpg", type: "file", content: "meow" }))).toThrow(
      AugmentationDataError,
    );
    expect(expandWith(bad({ name: "cat.jpg", type: "file", content: "meow" }))).toThrow(
      /file cat\.jpg: .*no text/,
    );
    expect(
      expandWith(bad({ name: "..", type: "directory", children: [{ name: "x.txt", type: "file" }] })),
    ).toThrow(/'\.\.' is not allowed/);
    expect(() => bad({ name: "x", type: "folder" })).toThrow(/type/);
  });

  it("keeps text attachments as text and everything else by name, type and size", () => {
    expect(attachmentFromBase64("a.md", Buffer.from("# hi").toString("base64"))).toEqual({
      name: "a.md",
      text: "# hi",
    });
    expect(attachmentFromBase64("a.txt", Buffer.from([0xff, 0xfe, 0x00]).toString("base64"))).toEqual({
      name: "a.txt",
      mime_type: "application/octet-stream",
      size: 3,
    });
    expect(attachmentFromBase64("r.pdf", Buffer.from("%PDF-1.7").toString("base64"))).toEqual({
      name: "r.pdf",
      mime_type: "application/pdf",
      size: 8,
    });
  });
});

/** When each arrival happens, following delays along dependencies (seconds from the start). */
function arrivalTimes(events: readonly AbstractEvent[], ids: readonly string[]): number[] {
  const at = new Map<AbstractEvent, number>();
  const timeOf = (e: AbstractEvent): number => {
    const known = at.get(e);
    if (known !== undefined) return known;
    const t = e.parents.length === 0 ? e.delay : Math.max(...e.parents.map(timeOf)) + e.delay;
    at.set(e, t);
    return t;
  };
  const wanted = new Set(ids);
  return events.filter((e) => wanted.has(e.id)).map(timeOf);
}
