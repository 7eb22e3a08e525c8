import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import { StatefulMessagingApp } from "../../apps/messaging/app.js";
import { StatefulNotesApp } from "../../apps/notes/app.js";
import { StatefulShoppingApp } from "../../apps/shopping/app.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { directMessagesTo, messagesElsewhere } from "../messaging-verdicts.js";
import { PAREScenario } from "../pare-scenario.js";
import { argText, Checklist, mentionsAmount, mentionsAny, proposals } from "../scenario-verdict.js";
import { assistantOrders } from "../shopping-verdicts.js";

const ev = (x: unknown) => x as Event;

const WANTED: Record<string, number> = {
  "itm-boxes-medium-10": 2,
  "itm-tape-roll": 3,
  "itm-bubble-10m": 1,
};
const UNWANTED = ["itm-boxes-small-10", "itm-boxes-large-10", "itm-bubble-50m", "itm-marker-pens"];
/** 2 x $18.50 + 3 x $2.40 + $8.80 = $53.00; Noor pays half. */
const HALF = 26.5;

/**
 * Flatmate Noor asks John to order the packing supplies on their moving note and says she'll pay half. The
 * note: 20 medium boxes, 3 rolls of tape, one 10 m roll of bubble wrap; marker pens already bought. The shop
 * sells boxes in packs of 10 (small, medium, large), single tape rolls, bubble wrap in 10 m and 50 m. Ideal
 * help: offer the exact order, place it (2 packs of medium boxes, 3 tape rolls, one 10 m roll) and tell Noor
 * her half, $26.50.
 */
@registerScenario("packing_supplies_for_move")
export class PackingSuppliesForMove extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["follow-up"];
  override theme = "errands-shopping";
  override description =
    "The flatmate asks to order the packing supplies on the moving note; buy the right packs and sizes and tell her half the total.";

  private messaging!: StatefulMessagingApp;
  private notes!: StatefulNotesApp;
  private shopping!: StatefulShoppingApp;
  private aui!: PAREAgentUserInterface;
  private noor = "";

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.messaging = new StatefulMessagingApp();
    this.notes = new StatefulNotesApp();
    this.shopping = new StatefulShoppingApp();
    const ids = this.messaging.add_users({ user_names: ["Noor Haddad", "Noel Harker"] });
    this.noor = ids["Noor Haddad"] as string;
    this.messaging.add_conversation({
      conversation_id: "conv-noor",
      participants: [this.noor],
      messages: [{ sender: this.noor, content: "Got the marker pens today!", time: "2025-11-17 18:30:00" }],
    });
    this.messaging.add_conversation({
      participants: [ids["Noel Harker"] as string],
      messages: [
        {
          sender: ids["Noel Harker"] as string,
          content: "Five-a-side Thursday?",
          time: "2025-11-17 09:00:00",
        },
      ],
    });
    this.notes.create_note_with_time({
      folder: "Personal",
      title: "Move with Noor: packing supplies",
      content:
        "Need:\n- 20 medium boxes\n- 3 rolls of packing tape\n- 1 roll of bubble wrap (the 10 m one is plenty)\n\n" +
        "Already have: marker pens (Noor).\nWe split all moving costs 50/50.",
      created_at: "2025-11-12 20:00:00",
      updated_at: "2025-11-17 18:40:00",
    });
    this.notes.create_note_with_time({
      folder: "Personal",
      title: "Office supplies",
      content: "Printer paper, 2 boxes of staples.",
      created_at: "2025-11-03 09:00:00",
    });
    const product = (
      name: string,
      variants: { item_id: string; price: number; options?: Record<string, string> }[],
    ) => this.shopping.add_product_with_variants({ name, variants });
    product("Moving Boxes (pack of 10)", [
      { item_id: "itm-boxes-small-10", price: 14.0, options: { size: "small" } },
      { item_id: "itm-boxes-medium-10", price: 18.5, options: { size: "medium" } },
      { item_id: "itm-boxes-large-10", price: 24.0, options: { size: "large" } },
    ]);
    product("Packing Tape Roll", [{ item_id: "itm-tape-roll", price: 2.4, options: { length: "50 m" } }]);
    product("Bubble Wrap Roll", [
      { item_id: "itm-bubble-10m", price: 8.8, options: { length: "10 m" } },
      { item_id: "itm-bubble-50m", price: 29.0, options: { length: "50 m" } },
    ]);
    product("Permanent Marker Pens", [{ item_id: "itm-marker-pens", price: 4.5, options: { pack: "4" } }]);
    product("Storage Box with Lid", [{ item_id: "itm-storage-box", price: 11.0 }]);
    this.apps = [this.aui, new HomeScreenSystemApp(), this.messaging, this.notes, this.shopping];
  }

  protected buildEventsFlow(): void {
    const ask = ev(
      this.messaging.create_and_add_message({
        conversation_id: "conv-noor",
        sender_id: this.noor,
        content:
          "10 days to go! Can you order the packing stuff on our moving note? Tell me what I owe, I'll pay half.",
      }),
    )
      .withId("noor_asks")
      .delayed(8);
    const note = ev(this.notes.search_notes({ query: "packing" }))
      .oracle()
      .dependsOn(ask, { delaySeconds: 3 });
    let prev: Event = note;
    const searches: Event[] = [];
    for (const product_name of ["boxes", "tape", "bubble wrap"]) {
      prev = ev(this.shopping.search_product({ product_name })).oracle().dependsOn(prev, { delaySeconds: 1 });
      searches.push(prev);
    }
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "Noor asks you to order the packing supplies on your moving note. Shall I buy 2 packs of 10 medium boxes " +
          "(itm-boxes-medium-10, $18.50 each), 3 tape rolls (itm-tape-roll, $2.40 each) and one 10 m bubble wrap " +
          "(itm-bubble-10m, $8.80), $53.00 in all, and tell Noor her half is $26.50? The marker pens are already bought.",
      }),
    )
      .oracle()
      .dependsOn(prev, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes, order it." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    prev = accept;
    const adds: Event[] = [];
    for (const [item_id, quantity] of Object.entries(WANTED)) {
      prev = ev(this.shopping.add_to_cart({ item_id, quantity }))
        .oracle()
        .dependsOn(prev, { delaySeconds: 1 });
      adds.push(prev);
    }
    const checkout = ev(this.shopping.checkout({})).oracle().dependsOn(prev, { delaySeconds: 2 });
    const who = ev(this.messaging.lookup_user_id({ user_name: "Noor" }))
      .oracle()
      .dependsOn(checkout, { delaySeconds: 1 });
    const tell = ev(
      this.messaging.send_message({
        user_id: this.noor,
        content:
          "Ordered: 20 medium boxes, 3 rolls of tape and 10 m of bubble wrap, $53.00 in total. Your half is $26.50.",
      }),
    )
      .oracle()
      .dependsOn(who, { delaySeconds: 1 });
    this.events = [ask, note, ...searches, propose, accept, ...adds, checkout, who, tell];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const lines = assistantOrders(env, { includeCancelled: true }).flatMap((o) => o.order_items);
    const units = (itemId: string) =>
      lines.filter((l) => l.item_id === itemId).reduce((n, l) => n + l.quantity, 0);
    const toNoor = directMessagesTo(log, this.noor).map((e) => argText(e, "content"));
    const check = new Checklist().require(
      "a proposal about the packing supplies",
      proposals(log).some((e) => mentionsAny(argText(e, "content"), "box", "packing")),
    );
    for (const [itemId, quantity] of Object.entries(WANTED))
      check.require(`${quantity} x ${itemId} ordered`, units(itemId) === quantity);
    return check
      .require(
        "no wrong size, the 50 m roll or the pens already bought",
        UNWANTED.every((itemId) => units(itemId) === 0) && lines.every((l) => l.item_id in WANTED),
      )
      .require(
        "Noor told her half, $26.50",
        toNoor.some((t) => mentionsAmount(t, HALF)),
      )
      .require("no message to anyone else", messagesElsewhere(log, { users: [this.noor] }).length === 0)
      .verdict();
  }
}
