import { describe, expect, it } from "vitest";
import { PAREAgentUserInterface } from "../../src/apps/agent-ui/agent-ui-app.js";
import { StatefulFilesApp } from "../../src/apps/files/index.js";
import { HomeScreenSystemApp } from "../../src/apps/home-screen/home-screen-app.js";
import {
  ConversationList,
  ConversationOpened,
  nameMatchScore,
  StatefulMessagingApp,
} from "../../src/apps/messaging/index.js";
import { parseDateTime } from "../../src/core/clock.js";
import { Environment } from "../../src/core/environment.js";
import { NotFoundError } from "../../src/core/errors.js";
import { withCaptureMode } from "../../src/core/event-context.js";
import type { Event } from "../../src/core/events.js";
import { connectProtocols } from "../../src/core/protocols.js";
import { expectToolError, undescribedParams } from "../support/phone.js";

const HEX32 = /^[0-9a-f]{32}$/;
const T0 = parseDateTime("2025-11-11 09:00:00") as number;

function seeded() {
  const app = new StatefulMessagingApp();
  const files = new StatefulFilesApp();
  files.add_file({ path: "Pictures/cat.jpg", size: 2_400_000 });
  connectProtocols([app, files]);
  const ids = app.add_users({ user_names: ["Alice Smith", "Bob Jones", "Carol White"] });
  const alice = ids["Alice Smith"] as string;
  const bob = ids["Bob Jones"] as string;
  const carol = ids["Carol White"] as string;
  const direct = app.add_conversation({
    participants: ["Alice Smith"],
    messages: [
      { sender: "Alice Smith", content: "Are we still on for Saturday?", time: "2025-11-10 18:00:00" },
      { sender: "John Doe", content: "Yes, 10am at the park", time: "2025-11-10 18:05:00" },
      { sender: alice, content: "Great, see you", time: "2025-11-10 18:06:00" },
    ],
  });
  const group = app.add_conversation({
    participants: [bob, "Carol White"],
    title: "Book club",
    messages: [{ sender: carol, content: "Next book: Dune", time: "2025-11-09 12:00:00" }],
  });
  return { app, files, alice, bob, carol, direct, group };
}

function inEnv(app: StatefulMessagingApp) {
  const env = new Environment({ startTime: T0 });
  env.registerApps([new HomeScreenSystemApp(), new PAREAgentUserInterface(), app]);
  env.start();
  env.openApp(app.name);
  const call = (name: string, args: Record<string, unknown> = {}) => {
    const t = env.getUserTools().find((x) => x.name === `${app.name}__${name}`);
    if (!t) throw new Error(`no user tool ${name} on ${env.describeLocation().screen}`);
    return t.call(args);
  };
  return { env, call, screen: () => env.describeLocation().screen };
}

describe("StatefulMessagingApp data", () => {
  it("is named Messages, with John Doe as the current user under a seeded id", () => {
    const app = new StatefulMessagingApp();
    expect(app.name).toBe("Messages");
    expect(app.currentUserName).toBe("John Doe");
    expect(app.currentUserId).toMatch(HEX32);
    expect(new StatefulMessagingApp().currentUserId).toBe(app.currentUserId);
    expect(new StatefulMessagingApp({ name: "Chats" }).currentUserId).not.toBe(app.currentUserId);
    expect(app.get_user_id({ user_name: "John Doe" })).toBe(app.currentUserId);
    expect(app.list_recent_conversations()).toEqual([]);
  });

  it("describes every tool parameter for models", () => {
    expect(undescribedParams(new StatefulMessagingApp(), [ConversationList, ConversationOpened])).toEqual([]);
  });

  it("exposes every original tool, marked truthfully", () => {
    const app = new StatefulMessagingApp();
    expect(Object.fromEntries(app.getAgentTools().map((t) => [t.methodName, t.operation]))).toEqual({
      get_user_id: "read",
      get_user_name_from_id: "read",
      lookup_user_id: "read",
      send_message: "write",
      send_message_to_group_conversation: "write",
      create_group_conversation: "write",
      get_existing_conversation_ids: "read",
      list_recent_conversations: "read",
      list_conversations_by_participant: "read",
      read_conversation: "read",
      add_participant_to_conversation: "write",
      remove_participant_from_conversation: "write",
      change_conversation_title: "write",
      search: "read",
      regex_search: "read",
      download_attachment: "write",
    });
    expect(app.getTools("env").map((t) => t.methodName)).toEqual([
      "create_group_conversation",
      "add_participant_to_conversation",
      "remove_participant_from_conversation",
      "change_conversation_title",
      "create_and_add_message",
      "receive_conversation",
    ]);
    expect(app.getTools("data").map((t) => t.methodName)).toEqual([
      "add_users",
      "add_contacts",
      "add_conversation",
      "create_and_add_message_with_time",
    ]);
  });

  it("registers users and looks them up exactly or loosely", () => {
    const { app, alice, bob } = seeded();
    expect(app.add_users({ user_names: ["Alice Smith", "Dan Brown"] })["Alice Smith"]).toBe(alice);
    expect(app.get_user_id({ user_name: "Bob Jones" })).toBe(bob);
    expect(app.get_user_id({ user_name: "bob" })).toBeNull();
    expect(app.get_user_name_from_id({ user_id: alice })).toBe("Alice Smith");
    expect(app.get_user_name_from_id({ user_id: "nope" })).toBeNull();
    expect(app.lookup_user_id({ user_name: "Alice Smith" })).toEqual({ "Alice Smith": alice });
    expect(app.lookup_user_id({ user_name: "alice" })).toEqual({ "Alice Smith": alice });
    expect(app.lookup_user_id({ user_name: "Alise Smith" })).toEqual({ "Alice Smith": alice });
    expect(app.lookup_user_id({ user_name: "jones bob" })).toEqual({ "Bob Jones": bob });
    expect(app.lookup_user_id({ user_name: "Zed" })).toEqual({});
    expect(nameMatchScore("Al", "Alice Smith")).toBeLessThan(80);
  });

  it("sends direct messages in the 1:1 conversation, creating it once", () => {
    const { app, alice, bob, direct } = seeded();
    app.clock.set(T0);
    expect(app.send_message({ user_id: alice, content: "Running late" })).toBe(direct);
    const read = app.read_conversation({ conversation_id: direct });
    expect(read.messages[0]).toMatchObject({
      sender_id: app.currentUserId,
      content: "Running late",
      timestamp: T0,
    });
    app.clock.set(T0 + 60);
    const fresh = app.send_message({ user_id: bob, content: "Hi Bob", attachment_path: "Pictures/cat.jpg" });
    expect(fresh).not.toBe(direct);
    expect(app.send_message({ user_id: bob, content: "Again" })).toBe(fresh);
    const conv = app.list_recent_conversations()[0];
    expect(conv).toMatchObject({ conversation_id: fresh, title: "Bob Jones", last_updated: T0 + 60 });
    expect(conv?.messages.map((m) => m.attachment)).toEqual([
      null,
      { name: "cat.jpg", mime_type: "image/jpeg", size: 2_400_000 },
    ]);
    expectToolError(
      () => app.send_message({ user_id: bob, content: "x", attachment_path: "Pictures/dog.jpg" }),
      /dog\.jpg does not exist/,
    );
    const before = app.getState();
    expect(() => app.send_message({ user_id: "ghost", content: "x" })).toThrow(NotFoundError);
    expectToolError(() => app.send_message({ user_id: alice }), /empty/, "content");
    expectToolError(
      () => app.send_message({ user_id: app.currentUserId, content: "me" }),
      /own id/,
      "user_id",
    );
    expect(app.getState()).toEqual(before);
  });

  it("creates groups of three or more and posts to them only", () => {
    const { app, alice, bob, carol, direct } = seeded();
    const g = app.create_group_conversation({ user_ids: [alice, bob] });
    expect(app.read_conversation({ conversation_id: g }).metadata.conversation_title).toBe(
      "Alice Smith, Bob Jones",
    );
    const named = app.create_group_conversation({ user_ids: [alice, bob, carol], title: "Hike" });
    expect(app.send_message_to_group_conversation({ conversation_id: named, content: "Sunday?" })).toBe(
      named,
    );
    const before = app.getState();
    expectToolError(
      () => app.create_group_conversation({ user_ids: [alice] }),
      /at least two other/,
      "user_ids",
    );
    expectToolError(
      () => app.create_group_conversation({ user_ids: [alice, app.currentUserId] }),
      /at least two other/,
    );
    expectToolError(
      () => app.create_group_conversation({ user_ids: [alice, "ghost"] }),
      /user_ids\.1: unknown user/,
    );
    expectToolError(
      () => app.send_message_to_group_conversation({ conversation_id: direct, content: "x" }),
      /not a group conversation/,
    );
    expect(() => app.send_message_to_group_conversation({ conversation_id: "nope", content: "x" })).toThrow(
      /Conversation nope does not exist/,
    );
    expect(app.getState()).toEqual(before);
  });

  it("finds conversations by exact participants and by participant", () => {
    const { app, alice, bob, carol, direct, group } = seeded();
    expect(app.get_existing_conversation_ids({ user_ids: [alice] })).toEqual([direct]);
    expect(app.get_existing_conversation_ids({ user_ids: [carol, bob] })).toEqual([group]);
    expect(app.get_existing_conversation_ids({ user_ids: [bob] })).toEqual([]);
    expect(app.list_conversations_by_participant({ user_id: bob }).map((c) => c.conversation_id)).toEqual([
      group,
    ]);
    expect(app.list_conversations_by_participant({ user_id: app.currentUserId })).toHaveLength(2);
    expect(() => app.list_conversations_by_participant({ user_id: "ghost" })).toThrow(
      /unknown user id ghost/,
    );
  });

  it("lists recent conversations with their newest messages, paged", () => {
    const { app, direct, group } = seeded();
    const all = app.list_recent_conversations();
    expect(all.map((c) => c.conversation_id)).toEqual([direct, group]);
    expect(all[0]?.messages.map((m) => m.content)).toEqual([
      "Great, see you",
      "Yes, 10am at the park",
      "Are we still on for Saturday?",
    ]);
    const trimmed = app.list_recent_conversations({
      offset: 0,
      limit: 1,
      offset_recent_messages_per_conversation: 1,
      limit_recent_messages_per_conversation: 1,
    });
    expect(trimmed.map((c) => c.messages.map((m) => m.content))).toEqual([["Yes, 10am at the park"]]);
    expect(app.list_recent_conversations({ offset: 1 }).map((c) => c.conversation_id)).toEqual([group]);
    expectToolError(() => app.list_recent_conversations({ limit: 6 }), /limit/, "limit");
  });

  it("reads a conversation newest first, paged and within a time window", () => {
    const { app, direct } = seeded();
    const all = app.read_conversation({ conversation_id: direct });
    expect(all.messages.map((m) => m.content)).toEqual([
      "Great, see you",
      "Yes, 10am at the park",
      "Are we still on for Saturday?",
    ]);
    expect(all.metadata).toEqual({
      message_range: [0, 3],
      conversation_length: 3,
      conversation_id: direct,
      conversation_title: "Alice Smith",
    });
    expect(app.read_conversation({ conversation_id: direct, offset: 1, limit: 1 }).messages[0]?.content).toBe(
      "Yes, 10am at the park",
    );
    const windowed = app.read_conversation({
      conversation_id: direct,
      min_date: "2025-11-10 18:01:00",
      max_date: "2025-11-10 18:05:00",
    });
    expect(windowed.messages.map((m) => m.content)).toEqual(["Yes, 10am at the park"]);
    expectToolError(
      () => app.read_conversation({ conversation_id: direct, min_date: "2025-13-01 00:00:00" }),
      /min_date/,
      "min_date",
    );
    expect(() => app.read_conversation({ conversation_id: "nope" })).toThrow(NotFoundError);
  });

  it("adds and removes participants, keeping custom titles and refreshing default ones", () => {
    const { app, alice, bob, carol, group } = seeded();
    const g = app.create_group_conversation({ user_ids: [alice, bob] });
    app.add_participant_to_conversation({ conversation_id: g, user_id: carol });
    expect(app.read_conversation({ conversation_id: g }).metadata.conversation_title).toBe(
      "Alice Smith, Bob Jones, Carol White",
    );
    app.remove_participant_from_conversation({ conversation_id: g, user_id: alice });
    expect(app.read_conversation({ conversation_id: g }).metadata.conversation_title).toBe(
      "Bob Jones, Carol White",
    );
    app.add_participant_to_conversation({ conversation_id: group, user_id: alice });
    expect(app.read_conversation({ conversation_id: group }).metadata.conversation_title).toBe("Book club");
    const before = app.getState();
    expect(() => app.add_participant_to_conversation({ conversation_id: group, user_id: alice })).toThrow(
      /already in conversation/,
    );
    expect(() => app.add_participant_to_conversation({ conversation_id: group, user_id: "ghost" })).toThrow(
      NotFoundError,
    );
    expect(() => app.remove_participant_from_conversation({ conversation_id: g, user_id: alice })).toThrow(
      /not in conversation/,
    );
    expect(app.getState()).toEqual(before);
    expect(app.change_conversation_title({ conversation_id: g, title: "Duo" })).toBe(g);
    expect(app.read_conversation({ conversation_id: g }).metadata.conversation_title).toBe("Duo");
    expectToolError(
      () => app.change_conversation_title({ conversation_id: g, title: " " }),
      /title/,
      "title",
    );
  });

  it("searches names, titles and messages, optionally in a time window", () => {
    const { app, direct, group } = seeded();
    expect(app.search({ query: "dune" })).toEqual([group]);
    expect(app.search({ query: "book club" })).toEqual([group]);
    expect(app.search({ query: "alice" })).toEqual([direct]);
    expect(app.search({ query: "o" })).toEqual([direct, group]);
    expect(app.search({ query: "o", min_date: "2025-11-10 00:00:00" })).toEqual([direct]);
    expect(app.search({ query: "dune", max_date: "2025-11-09 11:00:00" })).toEqual([]);
    expectToolError(() => app.search({ query: "x", max_date: "soon" }), /max_date/, "max_date");
  });

  it("searches with a regular expression, case-insensitively, in linear time", () => {
    const { app, direct, group } = seeded();
    expect(app.regex_search({ query: "^next book" })).toEqual([group]);
    expect(app.regex_search({ query: "saturday|dune" })).toEqual([direct, group]);
    expect(app.regex_search({ query: "ALICE\\s+smith" })).toEqual([direct]);
    expect(app.regex_search({ query: "10\\s?am", min_date: "2025-11-10 18:04:00" })).toEqual([direct]);
    expect(app.regex_search({ query: "10am", max_date: "2025-11-10 18:01:00" })).toEqual([]);
    app.create_and_add_message_with_time({
      conversation_id: direct,
      sender_id: "Alice Smith",
      content: "here",
      time: "2025-11-10 19:00:00",
      attachment: { name: "trail-map.pdf", text: "Loop trail", size: 90_000 },
    });
    expect(app.regex_search({ query: "trail-map\\.pdf$" })).toEqual([direct]);
    // A catastrophic pattern for backtracking engines returns at once on a long message.
    app.create_and_add_message_with_time({
      conversation_id: group,
      sender_id: "Carol White",
      content: `${"a".repeat(30_000)}!`,
      time: "2025-11-09 13:00:00",
    });
    expect(app.regex_search({ query: "^(a+)+$" })).toEqual([]);
    expectToolError(() => app.regex_search({ query: "(?<=x)y" }), /look-around/, "query");
    expectToolError(
      () => app.regex_search({ query: "(unclosed" }),
      /not a valid regular expression/,
      "query",
    );
    expectToolError(() => app.regex_search({ query: "x".repeat(501) }), /query/, "query");
    expectToolError(() => app.regex_search({ query: "" }), /query/, "query");
  });

  it("downloads a message's attachment into Files, with its content", () => {
    const { app, files, alice, direct } = seeded();
    const withFile = app.create_and_add_message_with_time({
      conversation_id: direct,
      sender_id: alice,
      content: "Recipe as promised",
      time: "2025-11-10 19:00:00",
      attachment: { name: "lasagne.txt", text: "Layer pasta, ragu, bechamel" },
    });
    const plain = app.read_conversation({ conversation_id: direct }).messages[1]?.message_id as string;
    expect(app.read_conversation({ conversation_id: direct }).messages[0]?.attachment).toEqual({
      name: "lasagne.txt",
      mime_type: "text/plain",
      size: 27,
    });
    expect(app.download_attachment({ conversation_id: direct, message_id: withFile })).toBe(
      "/Downloads/lasagne.txt",
    );
    expect(files.cat({ path: "Downloads/lasagne.txt" })).toBe("Layer pasta, ragu, bechamel");
    expect(
      app.download_attachment({ conversation_id: direct, message_id: withFile, download_path: "/Documents" }),
    ).toBe("/Documents/lasagne.txt");
    const before = files.getState();
    expect(() => app.download_attachment({ conversation_id: direct, message_id: plain })).toThrow(
      /no attachment/,
    );
    expect(() => app.download_attachment({ conversation_id: direct, message_id: "nope" })).toThrow(
      NotFoundError,
    );
    expect(() => app.download_attachment({ conversation_id: "nope", message_id: withFile })).toThrow(
      NotFoundError,
    );
    expectToolError(
      () => app.download_attachment({ conversation_id: direct, message_id: withFile, download_path: "../" }),
      /'\.\.' is not allowed/,
      "download_path",
    );
    expectToolError(
      () =>
        app.download_attachment({ conversation_id: direct, message_id: withFile, download_path: "Recipes" }),
      /Folder \/Recipes does not exist/,
    );
    expect(files.getState()).toEqual(before);
    const noFiles = new StatefulMessagingApp();
    noFiles.add_users({ user_names: ["Ann"] });
    const c = noFiles.add_conversation({
      participants: ["Ann"],
      messages: [{ sender: "Ann", content: "pic", time: "2025-11-10 10:00:00", attachment: "dog.jpg" }],
    });
    const m = noFiles.read_conversation({ conversation_id: c }).messages[0]?.message_id as string;
    expectToolError(() => noFiles.download_attachment({ conversation_id: c, message_id: m }), /no Files app/);
  });

  it("takes incoming messages from participants only, on whole seconds", () => {
    const { app, alice, bob, direct } = seeded();
    app.clock.set(T0 + 0.75);
    const id = app.create_and_add_message({
      conversation_id: direct,
      sender_id: alice,
      content: "Bring water",
    });
    expect(id).toMatch(HEX32);
    expect(app.read_conversation({ conversation_id: direct }).messages[0]).toMatchObject({
      message_id: id,
      timestamp: T0,
      sender_id: alice,
    });
    const before = app.getState();
    expect(() =>
      app.create_and_add_message({ conversation_id: direct, sender_id: bob, content: "x" }),
    ).toThrow(/not a participant/);
    expect(() =>
      app.create_and_add_message({ conversation_id: "nope", sender_id: bob, content: "x" }),
    ).toThrow(NotFoundError);
    expect(app.getState()).toEqual(before);
  });

  it("seeds conversations and timed messages by id or name, rejecting bad input whole", () => {
    const { app, alice, direct } = seeded();
    const m = app.create_and_add_message_with_time({
      conversation_id: direct,
      sender_id: "Alice Smith",
      content: "Earlier note",
      time: "2025-11-10 17:00:00",
    });
    const msgs = app.read_conversation({ conversation_id: direct }).messages;
    expect(msgs[msgs.length - 1]).toMatchObject({ message_id: m, sender_id: alice });
    const before = app.getState();
    expectToolError(
      () => app.add_conversation({ participants: ["Nobody Known"] }),
      /participants\.0: unknown user/,
    );
    expectToolError(
      () =>
        app.add_conversation({
          participants: [alice],
          messages: [{ sender: "Bob Jones", content: "hi", time: T0 }],
        }),
      /messages\.0\.sender: Bob Jones is not a participant/,
    );
    expectToolError(
      () =>
        app.create_and_add_message_with_time({
          conversation_id: direct,
          sender_id: alice,
          content: "x",
          time: "later",
        }),
      /time/,
    );
    expect(() => app.add_conversation({ participants: [alice], conversation_id: direct })).toThrow(
      /already exists/,
    );
    expect(app.getState()).toEqual(before);
    const phones = app.add_contacts({ contacts: [{ name: "Eve Phone", phone: "+1 555 0100" }] });
    expect(phones).toEqual({ "Eve Phone": "+1 555 0100" });
    expect(app.get_user_name_from_id({ user_id: "+1 555 0100" })).toBe("Eve Phone");
    expect(() => app.add_contacts({ contacts: [{ name: "Other", phone: "+1 555 0100" }] })).toThrow(
      /already belongs/,
    );
  });

  it("round-trips its state and resets to the same user", () => {
    const { app } = seeded();
    const state = app.getState();
    const fresh = new StatefulMessagingApp();
    fresh.loadState(state);
    expect(fresh.getState()).toEqual(state);
    expect(() => fresh.loadState({ ...state, conversations: { x: { title: 1 } } })).toThrow(
      /conversations\.x/,
    );
    const me = app.currentUserId;
    app.reset();
    expect(app.currentUserId).toBe(me);
    expect(app.getState()).toEqual({
      current_user_id: me,
      current_user_name: "John Doe",
      id_to_name: { [me]: "John Doe" },
      conversations: {},
    });
  });
});

describe("StatefulMessagingApp notifications", () => {
  it("tells the user and the assistant about incoming messages and group changes", () => {
    const { app, alice, bob, carol, direct, group } = seeded();
    const env = new Environment({ startTime: T0 });
    env.registerApps([new HomeScreenSystemApp(), new PAREAgentUserInterface(), app]);
    const capture = (fn: () => unknown) => withCaptureMode(fn) as unknown as Event;
    env.schedule([
      capture(() =>
        app.create_and_add_message({
          conversation_id: direct,
          sender_id: alice,
          content: "Can you pick up the tickets on your way?",
        }),
      )
        .withId("m1")
        .delayed(2),
      capture(() => app.create_group_conversation({ user_ids: [alice, bob], title: "Trip" }))
        .withId("g1")
        .delayed(3),
      capture(() => app.add_participant_to_conversation({ conversation_id: group, user_id: alice }))
        .withId("p1")
        .delayed(4),
      capture(() => app.remove_participant_from_conversation({ conversation_id: group, user_id: carol }))
        .withId("p2")
        .delayed(5),
      capture(() => app.change_conversation_title({ conversation_id: group, title: "Readers" }))
        .withId("t1")
        .delayed(6),
    ]);
    env.start();
    env.runUntilIdle();
    expect(env.eventLog.listView().every((e) => e.eventType === "ENV" && e.metadata.exception === null)).toBe(
      true,
    );
    expect(env.notifications.takeFor("user", env.now()).map((m) => m.text)).toEqual([
      `New message from Alice Smith in Alice Smith: Can you pick up the ...`,
      `New group chat created with ${alice}, ${bob} (Trip)`,
      `Added ${alice} to conversation ${group}`,
      `Removed ${carol} from conversation ${group}`,
      `Conversation ${group} renamed to: Readers`,
    ]);
    const agent = env.notifications.takeFor("agent", env.now()).map((m) => m.text);
    expect(agent[0]).toBe(
      `New message from Alice Smith (user id ${alice}) in conversation ${direct} (Alice Smith):\nCan you pick up the tickets on your way?`,
    );
    expect(agent[1]).toMatch(
      /^Messaging update: new group conversation created\nConversation: [0-9a-f]{32}\n/,
    );
    expect(agent[1]).toContain("\nTitle: Trip");
    expect(agent[4]).toBe(`Messaging update: title changed\nConversation: ${group}\nNew title: Readers`);
    expect(app.read_conversation({ conversation_id: direct }).messages[0]?.timestamp).toBe(T0 + 2);
  });
});

describe("StatefulMessagingApp attachments arriving", () => {
  it("names an arriving message's attachment to both sides, with the message id for the assistant", () => {
    const { app, alice, direct } = seeded();
    const env = new Environment({ startTime: T0 });
    env.registerApps([new HomeScreenSystemApp(), new PAREAgentUserInterface(), app]);
    env.schedule([
      (
        withCaptureMode(() =>
          app.create_and_add_message({
            conversation_id: direct,
            sender_id: alice,
            content: "Tickets!",
            attachment: { name: "tickets.pdf", text: "Row F seats 14-15", size: 64_000 },
          }),
        ) as unknown as Event
      )
        .withId("m1")
        .delayed(2),
    ]);
    env.start();
    env.runUntilIdle();
    const id = env.eventLog.byId("m1")?.metadata.returnValue as string;
    expect(env.notifications.takeFor("user", env.now()).map((m) => m.text)).toEqual([
      "New message from Alice Smith in Alice Smith: Tickets! [tickets.pdf]",
    ]);
    expect(env.notifications.takeFor("agent", env.now()).map((m) => m.text)).toEqual([
      `New message from Alice Smith (user id ${alice}) in conversation ${direct} (Alice Smith):\nTickets!\nAttachment: tickets.pdf (application/pdf, 63 KB) (message id ${id})`,
    ]);
  });
});

describe("StatefulMessagingApp screens", () => {
  it("opens a conversation from the list, reads it and goes back", () => {
    const { app, direct } = seeded();
    const { call, screen } = inEnv(app);
    expect(app.currentScreen).toBeInstanceOf(ConversationList);
    expect((call("list_recent_conversations") as unknown[]).length).toBe(2);
    expect(call("search_conversations", { query: "o", limit: 1 })).toEqual([direct]);
    const opened = call("open_conversation", { conversation_id: direct }) as { messages: unknown[] };
    expect(opened.messages).toHaveLength(3);
    expect(screen()).toBe("ConversationOpened");
    expect((app.currentScreen as ConversationOpened).conversationId).toBe(direct);
    const page = call("read_messages", { limit: 1 }) as { messages: { content: string }[] };
    expect(page.messages.map((m) => m.content)).toEqual(["Great, see you"]);
    expect(call("go_back")).toBe("Navigated back to the screen ConversationList.");
    expect(screen()).toBe("ConversationList");
  });

  it("lets the user send in 1:1 and group conversations", () => {
    const { app, alice, direct, group } = seeded();
    const { env, call } = inEnv(app);
    call("open_conversation", { conversation_id: direct });
    expect(call("send_message", { content: "On my way" })).toBe(direct);
    expect(app.read_conversation({ conversation_id: direct }).messages[0]).toMatchObject({
      content: "On my way",
      sender_id: app.currentUserId,
    });
    call("go_back");
    call("open_conversation", { conversation_id: group });
    expect(call("send_message", { content: "Loved it" })).toBe(group);
    expect(() => call("send_message", { content: "" })).toThrow(/empty/);
    const nested = env.eventLog
      .listView()
      .filter((e) => e.metadata.parentEventId !== null)
      .map((e) => [e.eventType, e.action?.function]);
    expect(nested).toContainEqual(["USER", "send_message"]);
    expect(nested).toContainEqual(["USER", "send_message_to_group_conversation"]);
    expect(app.get_existing_conversation_ids({ user_ids: [alice] })).toEqual([direct]);
  });

  it("lets the user save an attachment from the open conversation", () => {
    const { app, files, alice, direct } = seeded();
    const id = app.create_and_add_message_with_time({
      conversation_id: direct,
      sender_id: alice,
      content: "map",
      time: "2025-11-10 19:00:00",
      attachment: { name: "map.png", size: 500_000 },
    });
    const { call, screen } = inEnv(app);
    call("open_conversation", { conversation_id: direct });
    expect(call("download_attachment", { message_id: id })).toBe("/Downloads/map.png");
    expect(screen()).toBe("ConversationOpened");
    expect(files.info({ path: "Downloads/map.png" })).toMatchObject({
      size: 500_000,
      mime_type: "image/png",
    });
  });

  it("stays on the list when opening an unknown conversation", () => {
    const { app } = seeded();
    const { env, call, screen } = inEnv(app);
    expect(() => call("open_conversation", { conversation_id: "nope" })).toThrow(/does not exist/);
    expect(screen()).toBe("ConversationList");
    expect(env.getUserTools().some((t) => t.methodName === "go_back")).toBe(false);
    expect(() => call("search_conversations", { query: "x", min_date: "bad" })).toThrow(/min_date/);
  });

  it("logs the user's actions and nested backend calls as USER events", () => {
    const { app, direct } = seeded();
    const { env, call } = inEnv(app);
    call("open_conversation", { conversation_id: direct });
    call("send_message", { content: "hi" });
    const log = env.eventLog
      .listView()
      .filter((e) => e.action?.app === "Messages")
      .map((e) => [e.eventType, e.action?.function, e.action?.operation, e.metadata.parentEventId !== null]);
    expect(log).toEqual([
      ["USER", "read_conversation", "read", true],
      ["USER", "open_conversation", "read", false],
      ["USER", "send_message", "write", true],
      ["USER", "send_message", "write", false],
    ]);
    const seen = env.notifications.takeFor("agent", env.now()).map((m) => m.text);
    expect(seen).toEqual([
      `Messages__open_conversation(conversation_id='${direct}', offset=0, limit=20)`,
      "Messages__send_message(content='hi')",
    ]);
  });
});

describe("receive_conversation (noise and scenario env tool)", () => {
  it("creates a conversation with unknown participants registered under their ids", () => {
    const app = new StatefulMessagingApp();
    const id = app.receive_conversation({
      conversation_id: "c-noise",
      participant_ids: ["u1", "u2"],
      title: "Book club",
    });
    expect(id).toBe("c-noise");
    app.create_and_add_message({ conversation_id: "c-noise", sender_id: "u1", content: "hello" });
    const convo = app.read_conversation({ conversation_id: "c-noise" });
    expect(JSON.stringify(convo)).toContain("hello");
    expect(() => app.receive_conversation({ conversation_id: "c-noise", participant_ids: ["u3"] })).toThrow(
      /already exists/,
    );
  });
});
