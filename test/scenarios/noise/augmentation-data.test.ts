import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  AUGMENTATION_COUNTS,
  DEFAULT_AUGMENTATION_SEED,
  generateAugmentationData,
  serializeAugmentationData,
  writeAugmentationData,
} from "../../../scripts/generate-augmentation-data.js";
import {
  APP_ALIASES,
  AugmentationDataError,
  defaultAugmentationDataPath,
  emailEntries,
  filesEntries,
  formatIssuePath,
  loadAugmentationData,
  messagingEntries,
  parseAugmentationData,
  projectRoot,
  resolveAppAlias,
  shoppingEntries,
} from "../../../src/scenarios/noise/augmentation-data.js";

const bundledPath = defaultAugmentationDataPath({});
const tempDirs: string[] = [];

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "pare-augmentation-"));
  tempDirs.push(dir);
  return dir;
}

afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

function errorOf(fn: () => unknown): AugmentationDataError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AugmentationDataError);
    return error as AugmentationDataError;
  }
  throw new Error("expected an AugmentationDataError");
}

const HEX32 = /^[0-9a-f]{32}$/;
const LATE_2025_START = Date.UTC(2025, 8, 1) / 1000;
const LATE_2025_END = Date.UTC(2026, 0, 1) / 1000;

const AGENT_TOOL_METHODS = [
  "send_email",
  "reply_to_email",
  "forward_email",
  "list_emails",
  "get_email_by_id",
  "search_emails",
  "delete_email",
  "move_email",
  "send_message",
  "send_message_to_group_conversation",
  "read_conversation",
  "list_recent_conversations",
  "search",
  "add_calendar_event",
  "edit_calendar_event",
  "delete_calendar_event",
  "get_calendar_events_from_to",
  "search_events",
  "search_contacts",
  "get_contact",
  "add_new_contact",
  "edit_contact",
  "list_all_products",
  "search_product",
  "get_product_details",
  "add_to_cart",
  "checkout",
  "cancel_order",
  "list_orders",
  "get_quotation",
  "order_ride",
  "user_cancel_ride",
  "list_all_apartments",
  "search_apartments",
  "save_apartment",
  "add_reminder",
  "get_all_reminders",
  "delete_reminder",
  "create_note",
  "update_note",
  "search_notes",
  "list_notes",
];

/**
 * Hand-written in the shape of PARE's original `metaare_augmentation_data.json`: maps keyed by
 * "<scenario>_<id>", phone-number and UUID participant ids, INBOX under `folders.INBOX.emails`, null
 * `parent_id` / `is_read`, empty `attachments` maps, an empty `RentAFlat` state, boolean option values,
 * fractional timestamps, and no tool mappings. Extra keys test passthrough.
 */
function originalFormatFixture(): Record<string, unknown> {
  return {
    apps: [
      {
        name: "Messages",
        app_state: {
          conversations: {
            scenario_fixture_1_aaaa_0123456789abcdef0123456789abcdef: {
              participant_ids: ["+15550100001", "+15550100002", "+15550100003"],
              messages: [
                {
                  sender_id: "+15550100002",
                  message_id: "11111111111111111111111111111111",
                  timestamp: 1730800000,
                  content: "Fixture message one.",
                },
                {
                  sender_id: "+15550100001",
                  message_id: "22222222222222222222222222222222",
                  timestamp: 1730800300,
                  content: "Fixture message two.",
                  reactions: ["thumbs_up"],
                },
              ],
              title: "Fixture group",
              conversation_id: "0123456789abcdef0123456789abcdef",
              last_updated: 1730700000,
            },
          },
        },
      },
      {
        name: "Chats",
        app_state: {
          conversations: {
            scenario_fixture_2_bbbb_fedcba9876543210fedcba9876543210: {
              participant_ids: [
                "00000000-1111-4222-8333-444444444444",
                "55555555-6666-4777-8888-999999999999",
              ],
              messages: [
                {
                  sender_id: "55555555-6666-4777-8888-999999999999",
                  message_id: "33333333333333333333333333333333",
                  timestamp: 1730900000,
                  content: "Fixture chat line.",
                },
              ],
              title: "Fixture Person",
              conversation_id: "fedcba9876543210fedcba9876543210",
              last_updated: 1730600000,
            },
          },
        },
      },
      {
        name: "Emails",
        app_state: {
          folders: {
            INBOX: {
              emails: [
                {
                  sender: "sender.one@example.com",
                  recipients: ["fixture.user@example.com"],
                  subject: "Fixture subject",
                  content: "Fixture body.",
                  email_id: "44444444444444444444444444444444",
                  parent_id: null,
                  cc: [],
                  attachments: {},
                  timestamp: 1731000123.45,
                  is_read: null,
                  labels: ["fixture"],
                },
              ],
            },
          },
        },
      },
      { name: "RentAFlat", app_state: {} },
      {
        name: "Shopping",
        app_state: {
          products: {
            scenario_fixture_3_cccc_66666666666666666666666666666666: {
              name: "Fixture Product - Large",
              product_id: "66666666666666666666666666666666",
              variants: {
                "77777777777777777777777777777777": {
                  item_id: "77777777777777777777777777777777",
                  options: { Color: "Green", Size: "Large", Waterproof: true },
                  available: false,
                  price: 13.99,
                },
              },
            },
          },
        },
      },
      { name: "Weather", app_state: { anything: [1, 2, 3] } },
    ],
    source: "hand-written fixture",
  };
}

describe("bundled augmentation data", () => {
  const data = loadAugmentationData(bundledPath);

  it("lives under data/augmentation in the project root", () => {
    expect(bundledPath).toBe(join(projectRoot(), "data", "augmentation", "pare_augmentation_data.json"));
    expect(readFileSync(join(projectRoot(), "package.json"), "utf8")).toContain('"name": "pare-ts"');
  });

  it("has the original's entries in the original's order", () => {
    expect(data.apps.map((app) => app.name)).toEqual([
      "Messages",
      "Chats",
      "Emails",
      "RentAFlat",
      "Shopping",
      "Files",
    ]);
    expect(data.apps[3]!.app_state).toEqual({});
  });

  it("has the expected counts", () => {
    const messaging = messagingEntries(data);
    expect(messaging.map((entry) => [entry.name, entry.conversations.length])).toEqual([
      ["Messages", AUGMENTATION_COUNTS.messagesConversations],
      ["Chats", AUGMENTATION_COUNTS.chatsConversations],
    ]);
    expect(emailEntries(data).map((entry) => [entry.name, entry.emails.length])).toEqual([
      ["Emails", AUGMENTATION_COUNTS.emails],
    ]);
    const shopping = shoppingEntries(data);
    expect(shopping.map((entry) => [entry.name, entry.products.length])).toEqual([
      ["Shopping", AUGMENTATION_COUNTS.products],
    ]);
    const files = filesEntries(data);
    expect(files.map((entry) => [entry.name, entry.files.length])).toEqual([
      ["Files", AUGMENTATION_COUNTS.files],
    ]);
    expect(AUGMENTATION_COUNTS).toEqual({
      messagesConversations: 40,
      chatsConversations: 20,
      emails: 80,
      products: 40,
      files: 24,
    });
  });

  it("has files that can arrive on a phone: unique paths, text where the type has text", () => {
    const [entry] = filesEntries(data);
    const paths = entry!.files.map((f) => f.path);
    expect(new Set(paths).size).toBe(paths.length);
    expect(paths.every((p) => /^(Downloads|Pictures|Music|Documents\/Shared)\//.test(p))).toBe(true);
    expect(entry!.files.some((f) => f.text !== undefined)).toBe(true);
    expect(entry!.files.some((f) => f.text === undefined && (f.size ?? 0) > 1_000_000)).toBe(true);
  });

  it("has well-formed conversations", () => {
    for (const entry of messagingEntries(data)) {
      for (const conversation of entry.conversations) {
        expect(conversation.conversation_id).toMatch(HEX32);
        expect(conversation.messages.length).toBeGreaterThanOrEqual(2);
        expect(conversation.messages.length).toBeLessThanOrEqual(6);
        expect(conversation.participant_ids.length).toBeGreaterThanOrEqual(2);
        for (const id of conversation.participant_ids) expect(id).toMatch(HEX32);
        const timestamps = conversation.messages.map((m) => m.timestamp);
        expect([...timestamps].sort((x, y) => x - y)).toEqual(timestamps);
        expect(conversation.last_updated).toBe(timestamps.at(-1));
        for (const message of conversation.messages) {
          expect(conversation.participant_ids).toContain(message.sender_id);
          expect(message.message_id).toMatch(HEX32);
          expect(message.content).not.toMatch(/[{}]/);
          expect(message.timestamp).toBeGreaterThanOrEqual(LATE_2025_START);
          expect(message.timestamp).toBeLessThan(LATE_2025_END);
        }
      }
    }
  });

  it("has well-formed, distinct emails", () => {
    const [entry] = emailEntries(data);
    const keys = new Set(entry!.emails.map((e) => `${e.sender}|${e.subject}|${e.content}`));
    expect(keys.size).toBe(entry!.emails.length);
    for (const email of entry!.emails) {
      expect(email.email_id).toMatch(HEX32);
      expect(email.recipients).toHaveLength(1);
      expect(email.parent_id).toBeNull();
      expect(email.is_read).toBeNull();
      expect(email.attachments).toEqual({});
      expect(`${email.subject}\n${email.content}`).not.toMatch(/[{}]/);
      expect(email.timestamp).toBeGreaterThanOrEqual(LATE_2025_START);
      expect(email.timestamp).toBeLessThan(LATE_2025_END);
    }
  });

  it("has products with one to four keyed variants", () => {
    const [entry] = shoppingEntries(data);
    expect(entry!.discountCodes).toEqual({});
    for (const product of entry!.products) {
      expect(product.product_id).toMatch(HEX32);
      const variants = Object.entries(product.variants);
      expect(variants.length).toBeGreaterThanOrEqual(1);
      expect(variants.length).toBeLessThanOrEqual(4);
      for (const [key, variant] of variants) {
        expect(key).toBe(variant.item_id);
        expect(variant.price).toBeGreaterThan(0);
        expect(Math.round(variant.price * 100) / 100).toBe(variant.price);
      }
    }
    const shoppingState = data.apps[4]!.app_state["products"] as Record<string, { product_id: string }>;
    for (const [key, product] of Object.entries(shoppingState))
      expect(key.endsWith(product.product_id)).toBe(true);
  });

  it("renames and re-describes the common agent tools", () => {
    expect(Object.keys(data.tool_names_mapping ?? {}).sort()).toEqual([...AGENT_TOOL_METHODS].sort());
    expect(Object.keys(data.tool_descriptions_mapping ?? {}).sort()).toEqual([...AGENT_TOOL_METHODS].sort());
    expect(data.tool_names_mapping?.["send_email"]).toBe("compose_and_send_mail");
    expect(data.tool_names_mapping?.["list_emails"]).toBe("browse_mailbox");
    const newNames = Object.values(data.tool_names_mapping ?? {});
    expect(new Set(newNames).size).toBe(newNames.length);
    for (const [method, name] of Object.entries(data.tool_names_mapping ?? {})) {
      expect(name).toMatch(/^[a-z][a-z0-9_]*$/);
      expect(name).not.toBe(method);
    }
  });

  it("stays small", () => {
    expect(readFileSync(bundledPath).byteLength).toBeLessThan(400_000);
  });
});

describe("generateAugmentationData", () => {
  it("is deterministic for a seed and matches the committed file", () => {
    const dir = tempDir();
    const first = join(dir, "first.json");
    const second = join(dir, "nested", "second.json");
    writeAugmentationData(first);
    writeAugmentationData(second, DEFAULT_AUGMENTATION_SEED);
    const firstBytes = readFileSync(first);
    expect(readFileSync(second).equals(firstBytes)).toBe(true);
    expect(readFileSync(bundledPath).equals(firstBytes)).toBe(true);
    expect(serializeAugmentationData(generateAugmentationData())).toBe(firstBytes.toString("utf8"));
  });

  it("changes with the seed", () => {
    const a = serializeAugmentationData(generateAugmentationData(1));
    const b = serializeAugmentationData(generateAugmentationData(2));
    expect(a).not.toBe(b);
    expect(serializeAugmentationData(generateAugmentationData(1))).toBe(a);
  });

  it("produces data its own loader accepts from disk", () => {
    const path = join(tempDir(), "seed-7.json");
    writeAugmentationData(path, 7);
    expect(loadAugmentationData(path)).toEqual(generateAugmentationData(7));
  });
});

describe("loadAugmentationData errors", () => {
  it("names the path of a missing file", () => {
    const path = join(tempDir(), "absent.json");
    const error = errorOf(() => loadAugmentationData(path));
    expect(error.path).toBe(path);
    expect(error.message).toContain(path);
    expect(error.message).toMatch(/not found/);
  });

  it("names the path and the parse error for invalid JSON", () => {
    const path = join(tempDir(), "broken.json");
    writeFileSync(path, '{"apps": [');
    const error = errorOf(() => loadAugmentationData(path));
    expect(error.message).toContain(path);
    expect(error.message).toMatch(/not valid JSON: .+/);
  });

  it("names the field path of a missing email field", () => {
    const fixture = originalFormatFixture();
    const apps = fixture["apps"] as Array<{ app_state: Record<string, unknown> }>;
    const inbox = (
      apps[2]!.app_state["folders"] as Record<string, { emails: Array<Record<string, unknown>> }>
    )["INBOX"]!;
    for (let i = 0; i < 5; i += 1) inbox.emails.push({ ...inbox.emails[0]!, email_id: `${i}`.repeat(32) });
    delete inbox.emails[5]!["sender"];
    const path = join(tempDir(), "missing-sender.json");
    writeFileSync(path, JSON.stringify(fixture));
    const error = errorOf(() => loadAugmentationData(path));
    expect(error.message).toContain(path);
    expect(error.message).toContain("apps[2].app_state.folders.INBOX.emails[5].sender");
  });

  it("names the field path of wrongly typed messaging and shopping fields", () => {
    const fixture = originalFormatFixture();
    const apps = fixture["apps"] as Array<{
      app_state: Record<string, Record<string, Record<string, unknown>>>;
    }>;
    const conversation = Object.values(apps[1]!.app_state["conversations"]!)[0]!;
    (conversation["messages"] as Array<Record<string, unknown>>)[0]!["content"] = 42;
    const product = Object.values(apps[4]!.app_state["products"]!)[0]!;
    const variant = Object.values(product["variants"] as Record<string, Record<string, unknown>>)[0]!;
    variant["price"] = "13.99";
    const error = errorOf(() => parseAugmentationData(fixture, "fixture.json"));
    expect(error.message).toContain("fixture.json");
    expect(error.message).toContain(
      "apps[1].app_state.conversations.scenario_fixture_2_bbbb_fedcba9876543210fedcba9876543210.messages[0].content",
    );
    expect(error.message).toContain(
      "apps[4].app_state.products.scenario_fixture_3_cccc_66666666666666666666666666666666.variants" +
        '["77777777777777777777777777777777"].price',
    );
  });

  it("rejects a file whose apps is not a list, or an entry without a name", () => {
    expect(errorOf(() => parseAugmentationData({ apps: {} })).message).toMatch(/apps: /);
    expect(errorOf(() => parseAugmentationData({ apps: [{ app_state: {} }] })).message).toContain(
      "apps[0].name",
    );
    expect(
      errorOf(() => parseAugmentationData({ apps: [], tool_names_mapping: { x: 1 } })).message,
    ).toContain("tool_names_mapping.x");
  });

  it("accessors re-check hand-built data", () => {
    const bad = { apps: [{ name: "Chats", app_state: { conversations: { c: { messages: [] } } } }] };
    const error = errorOf(() => messagingEntries(bad));
    expect(error.message).toContain("apps[0].app_state.conversations.c.participant_ids");
  });
});

describe("original-format data", () => {
  it("loads unchanged, keeping keys this port does not know", () => {
    const fixture = originalFormatFixture();
    const path = join(tempDir(), "original-format.json");
    writeFileSync(path, JSON.stringify(fixture, null, 2));
    const data = loadAugmentationData(path);
    expect(data).toEqual(fixture);
    expect(data["source"]).toBe("hand-written fixture");
    expect(data.tool_names_mapping).toBeUndefined();
  });

  it("exposes typed entries to the noise expander", () => {
    const data = parseAugmentationData(originalFormatFixture());
    const messaging = messagingEntries(data);
    expect(messaging.map((e) => [e.name, e.appClass, e.conversations.length])).toEqual([
      ["Messages", "StatefulMessagingApp", 1],
      ["Chats", "StatefulMessagingApp", 1],
    ]);
    expect(messaging[0]!.conversations[0]!.messages.map((m) => m.sender_id)).toEqual([
      "+15550100002",
      "+15550100001",
    ]);
    const [email] = emailEntries(data);
    expect(email!.emails[0]!).toMatchObject({ parent_id: null, is_read: null, timestamp: 1731000123.45 });
    const [shopping] = shoppingEntries(data);
    expect(Object.values(shopping!.products[0]!.variants)[0]!.options["Waterproof"]).toBe(true);
  });

  it("reads no INBOX as no emails", () => {
    const data = parseAugmentationData({
      apps: [{ name: "Mail", app_state: { folders: { SENT: { emails: [] } } } }],
    });
    expect(emailEntries(data)).toEqual([{ name: "Mail", appClass: "StatefulEmailApp", emails: [] }]);
  });
});

describe("app aliases", () => {
  it("maps data entry names to canonical classes", () => {
    expect(APP_ALIASES).toEqual({
      Messages: "StatefulMessagingApp",
      Chats: "StatefulMessagingApp",
      Emails: "StatefulEmailApp",
      Mail: "StatefulEmailApp",
      EmailClientV2: "StatefulEmailApp",
      Shopping: "StatefulShoppingApp",
      RentAFlat: "StatefulApartmentApp",
      Calendar: "StatefulCalendarApp",
      Contacts: "StatefulContactsApp",
      Cabs: "StatefulCabApp",
      Files: "StatefulFilesApp",
      SandboxLocalFileSystem: "StatefulFilesApp",
    });
    expect(resolveAppAlias("RentAFlat")).toBe("StatefulApartmentApp");
    expect(resolveAppAlias("Weather")).toBeUndefined();
    expect(resolveAppAlias("toString")).toBeUndefined();
  });

  it("accepts an entry named by its app class, as the original does", () => {
    expect(resolveAppAlias("StatefulEmailApp")).toBe("StatefulEmailApp");
    expect(resolveAppAlias("StatefulMessagingApp")).toBe("StatefulMessagingApp");
    expect(resolveAppAlias("StatefulShoppingApp")).toBe("StatefulShoppingApp");
    expect(resolveAppAlias("statefulemailapp")).toBeUndefined();
    expect(resolveAppAlias("StatefulNoSuchApp")).toBeUndefined();
    const data = parseAugmentationData({
      apps: [
        { name: "StatefulEmailApp", app_state: { folders: { INBOX: { emails: [] } } } },
        {
          name: "StatefulMessagingApp",
          app_state: {
            conversations: {
              c1: { conversation_id: "c1", participant_ids: ["a"], messages: [] },
            },
          },
        },
      ],
    });
    expect(emailEntries(data)).toEqual([
      { name: "StatefulEmailApp", appClass: "StatefulEmailApp", emails: [] },
    ]);
    expect(messagingEntries(data).map((e) => [e.name, e.conversations.length])).toEqual([
      ["StatefulMessagingApp", 1],
    ]);
    // A class-named entry is checked against its class's schema like an aliased one.
    expect(() =>
      parseAugmentationData({ apps: [{ name: "StatefulEmailApp", app_state: { folders: { INBOX: {} } } }] }),
    ).toThrow(/apps\[0\]\.app_state\.folders\.INBOX\.emails/);
  });
});

describe("defaultAugmentationDataPath", () => {
  it("uses ENV_AUGMENTATION_DATA_PATH, resolving relative paths from the project root", () => {
    expect(defaultAugmentationDataPath({ ENV_AUGMENTATION_DATA_PATH: "/tmp/aug.json" })).toBe(
      "/tmp/aug.json",
    );
    expect(defaultAugmentationDataPath({ ENV_AUGMENTATION_DATA_PATH: "fixtures/aug.json" })).toBe(
      join(projectRoot(), "fixtures", "aug.json"),
    );
    expect(defaultAugmentationDataPath({ ENV_AUGMENTATION_DATA_PATH: "" })).toBe(bundledPath);
  });
});

describe("formatIssuePath", () => {
  it("writes identifiers with dots, indices and other keys in brackets", () => {
    expect(formatIssuePath(["apps", 2, "app_state", "folders", "INBOX", "emails", 5, "sender"])).toBe(
      "apps[2].app_state.folders.INBOX.emails[5].sender",
    );
    expect(formatIssuePath(["options", "Track Type"])).toBe('options["Track Type"]');
    expect(formatIssuePath([])).toBe("(root)");
  });
});
