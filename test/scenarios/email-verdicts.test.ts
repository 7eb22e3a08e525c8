import { describe, expect, it } from "vitest";
import { PAREAgentUserInterface } from "../../src/apps/agent-ui/agent-ui-app.js";
import { StatefulEmailApp } from "../../src/apps/email/app.js";
import { HomeScreenSystemApp } from "../../src/apps/home-screen/home-screen-app.js";
import { parseDateTime } from "../../src/core/clock.js";
import { Environment } from "../../src/core/environment.js";
import { assistantEmails, assistantEmailsTo } from "../../src/scenarios/email-verdicts.js";

const T0 = parseDateTime("2025-11-18 09:00:00") as number;

/** A phone with a mailbox holding one email from a shop; the assistant then writes through agent tools. */
function phone() {
  const mail = new StatefulEmailApp();
  mail.add_email({
    email_id: "shop-1",
    sender: "Orders@Shop.example",
    subject: "Order 42 confirmed",
    content: "Thanks for order 42.",
    time: "2025-11-17 10:00:00",
  });
  const env = new Environment({ startTime: T0 });
  env.registerApps([new HomeScreenSystemApp(), new PAREAgentUserInterface(), mail]);
  env.start();
  return { env, mail };
}

describe("assistantEmails", () => {
  it("is empty without an email app or without emails from the assistant", () => {
    const bare = new Environment({ startTime: T0 });
    bare.registerApps([new HomeScreenSystemApp(), new PAREAgentUserInterface()]);
    expect(assistantEmails(bare)).toEqual([]);
    expect(assistantEmails(phone().env)).toEqual([]);
  });

  it("resolves new emails and replies to who they reached, cc included, addresses lower-cased", () => {
    const { env, mail } = phone();
    mail.send_email({ recipients: ["help@shop.example"], cc: ["Me@Home.example"], content: "Where is 42?" });
    mail.reply_to_email({ email_id: "shop-1", content: "Please refund order 42." });
    const sent = assistantEmails(env);
    expect(sent.map((m) => m.recipients)).toEqual([
      ["help@shop.example", "me@home.example"],
      ["orders@shop.example"],
    ]);
    expect(sent[1]?.parentId).toBe("shop-1");
    expect(sent[1]?.subject).toBe("Re: Order 42 confirmed");
    expect(assistantEmailsTo(env, "ORDERS@shop.example").map((m) => m.content)).toEqual([
      "Please refund order 42.",
    ]);
    expect(assistantEmailsTo(env, "me@home.example")).toHaveLength(1);
    expect(assistantEmailsTo(env, "nobody@shop.example")).toEqual([]);
  });

  it("ignores failed calls, forwards and emails seeded into SENT", () => {
    const { env, mail } = phone();
    mail.add_email({ folder_name: "SENT", recipients: ["help@shop.example"], content: "seeded" });
    expect(() => mail.reply_to_email({ email_id: "no-such-email", content: "x" })).toThrow();
    expect(() => mail.send_email({ content: "nobody to send to" })).toThrow();
    mail.forward_email({ email_id: "shop-1", recipients: ["help@shop.example"] });
    expect(assistantEmails(env)).toEqual([]);
  });

  it("survives hostile and huge content", () => {
    const { env, mail } = phone();
    const huge = `${"(.*)+$".repeat(10_000)} order 42`;
    mail.send_email({ recipients: ["help@shop.example"], content: huge });
    expect(assistantEmailsTo(env, "help@shop.example")[0]?.content).toBe(huge);
  });
});
