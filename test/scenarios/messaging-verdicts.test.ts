import { describe, expect, it } from "vitest";
import { PAREAgentUserInterface } from "../../src/apps/agent-ui/agent-ui-app.js";
import { HomeScreenSystemApp } from "../../src/apps/home-screen/home-screen-app.js";
import { StatefulMessagingApp } from "../../src/apps/messaging/app.js";
import { parseDateTime } from "../../src/core/clock.js";
import { Environment } from "../../src/core/environment.js";
import {
  assistantMessages,
  directMessagesTo,
  groupPosts,
  messagesElsewhere,
} from "../../src/scenarios/messaging-verdicts.js";

const T0 = parseDateTime("2025-11-18 09:00:00") as number;
const ANA = "+15550201";
const BEN = "+15550202";
const CAL = "+15550203";

/** A phone with a group (Ana, Ben, Cal) and a 1:1 with Ana; the assistant then writes through agent tools. */
function phone() {
  const chat = new StatefulMessagingApp();
  chat.add_contacts({
    contacts: [
      { name: "Ana Sousa", phone: ANA },
      { name: "Ben Okoro", phone: BEN },
      { name: "Cal Reyes", phone: CAL },
    ],
  });
  chat.add_conversation({ conversation_id: "group", title: "Crew", participants: [ANA, BEN, CAL] });
  chat.add_conversation({ conversation_id: "other-group", title: "Other", participants: [ANA, BEN] });
  chat.add_conversation({
    conversation_id: "ana",
    participants: [ANA],
    messages: [{ sender: ANA, content: "hi", time: "2025-11-17 10:00:00" }],
  });
  const env = new Environment({ startTime: T0 });
  env.registerApps([new HomeScreenSystemApp(), new PAREAgentUserInterface(), chat]);
  env.start();
  return { env, chat };
}

describe("messaging verdicts", () => {
  it("are empty when the assistant sent nothing", () => {
    const { env } = phone();
    expect(assistantMessages(env.eventLog)).toEqual([]);
    expect(groupPosts(env.eventLog, "group")).toEqual([]);
    expect(directMessagesTo(env.eventLog, ANA)).toEqual([]);
    expect(messagesElsewhere(env.eventLog, {})).toEqual([]);
  });

  it("tell group posts from direct messages, by conversation and by person", () => {
    const { env, chat } = phone();
    chat.send_message_to_group_conversation({ conversation_id: "group", content: "Wednesday!" });
    chat.send_message({ user_id: ANA, content: "see you" });
    chat.send_message({ user_id: BEN, content: "and you" });
    chat.send_message_to_group_conversation({ conversation_id: "other-group", content: "oops" });
    const log = env.eventLog;
    expect(assistantMessages(log)).toHaveLength(4);
    expect(groupPosts(log, "group").map((e) => e.action?.args.content)).toEqual(["Wednesday!"]);
    expect(groupPosts(log, "ana")).toEqual([]);
    expect(directMessagesTo(log, ANA).map((e) => e.action?.args.content)).toEqual(["see you"]);
    expect(directMessagesTo(log, CAL)).toEqual([]);
    const extra = messagesElsewhere(log, { conversations: ["group"], users: [ANA] });
    expect(extra.map((e) => e.action?.args.content)).toEqual(["and you", "oops"]);
    expect(messagesElsewhere(log, { conversations: ["group", "other-group"], users: [ANA, BEN] })).toEqual(
      [],
    );
  });

  it("ignore failed sends and the other participants' messages", () => {
    const { env, chat } = phone();
    expect(() => chat.send_message({ user_id: "+19999999", content: "who?" })).toThrow();
    expect(() =>
      chat.send_message_to_group_conversation({ conversation_id: "ana", content: "1:1" }),
    ).toThrow();
    expect(() => chat.send_message({ user_id: ANA, content: "   " })).toThrow();
    chat.create_and_add_message({ conversation_id: "group", sender_id: BEN, content: "from Ben" });
    expect(assistantMessages(env.eventLog)).toEqual([]);
  });

  it("survive hostile and huge content and ids", () => {
    const { env, chat } = phone();
    const huge = `${"(.*)+$".repeat(10_000)} Wednesday`;
    chat.send_message_to_group_conversation({ conversation_id: "group", content: huge });
    expect(groupPosts(env.eventLog, "group")[0]?.action?.args.content).toBe(huge);
    expect(groupPosts(env.eventLog, "(.*)+$")).toEqual([]);
    expect(directMessagesTo(env.eventLog, "")).toEqual([]);
  });
});
