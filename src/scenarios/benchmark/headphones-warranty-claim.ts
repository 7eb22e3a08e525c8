import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulEmailApp } from "../../apps/email/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import { StatefulMessagingApp } from "../../apps/messaging/app.js";
import { StatefulNotesApp } from "../../apps/notes/app.js";
import { StatefulShoppingApp } from "../../apps/shopping/app.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { assistantEmails, assistantEmailsTo } from "../email-verdicts.js";
import { PAREScenario } from "../pare-scenario.js";
import { agentCalls, argText, Checklist, mentionsAny, proposals } from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;

const LEAH = "+15550142";
const CARE = "care@aurelle-audio.example";
const HEADPHONES_ORDER = "AU-7731";
/** 18 January 2025 as people write it: "2025-01-18", "18 Jan", "January 18th", "18/01", "18.01.", "1/18". */
const PURCHASE_DATE =
  /2025-01-18|\b18(?:th)?\s+(?:of\s+)?jan|\bjan[a-z]*\.?\s+18(?:th)?\b|\b18[/.]0?1\b|\b0?1\/18\b/i;

/**
 * John's partner Leah texts (+6 s) that his Aurelle headphones still will not charge. The Warranties note gives
 * the Studio headphones 12 months from purchase and Aurelle's claims address; the order (AU-7731, 18 Jan 2025)
 * is ten months old. Distractors: Aurelle Sport earbuds bought 14 months ago (warranty over), the shop's own
 * support address, and a namesake Lea Okonjo in Messaging. Ideal help: offer a warranty claim; on acceptance
 * email Aurelle care with the order id, purchase date and fault, and tell Leah.
 */
@registerScenario("headphones_warranty_claim")
export class HeadphonesWarrantyClaim extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["follow-up"];
  override theme = "after-sales";
  override description =
    "The partner says the headphones still will not charge; they are under the 12-month warranty, so claim it from the maker.";
  override additionalSystemPrompt =
    "You are John Doe. Your Aurelle Studio headphones stopped charging last week. You would rather claim the " +
    "warranty than buy new ones, and you like Leah to know when something is being handled.";

  private email!: StatefulEmailApp;
  private messaging!: StatefulMessagingApp;
  private notes!: StatefulNotesApp;
  private shopping!: StatefulShoppingApp;
  private aui!: PAREAgentUserInterface;

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.email = new StatefulEmailApp();
    this.messaging = new StatefulMessagingApp();
    this.notes = new StatefulNotesApp();
    this.shopping = new StatefulShoppingApp();
    this.messaging.add_contacts({
      contacts: [
        { name: "Leah Okafor", phone: LEAH },
        { name: "Lea Okonjo", phone: "+15550147" },
      ],
    });
    this.messaging.add_conversation({
      conversation_id: "conv-leah",
      participants: [LEAH],
      messages: [
        {
          sender: LEAH,
          content: "Can I borrow your headphones for the train tomorrow?",
          time: "2025-11-16 19:02:00",
        },
        {
          sender: this.messaging.currentUserId,
          content: "Sure, if you can get them to charge. Mine died on Friday",
          time: "2025-11-16 19:10:00",
        },
      ],
    });
    this.messaging.add_conversation({
      participants: ["+15550147"],
      messages: [
        { sender: "+15550147", content: "Are we still on for squash Thursday?", time: "2025-11-17 12:00:00" },
      ],
    });
    this.notes.create_note_with_time({
      folder: "Personal",
      title: "Warranties",
      content:
        "Aurelle Studio Wireless Headphones: 12 months from purchase. Claims go to the maker, " +
        `${CARE}, with the order id, purchase date and the fault.\n` +
        "Aurelle Sport Earbuds: 12 months, ran out in September 2025.\n" +
        "Zephyr V8 vacuum: 3 years once registered.\n" +
        "Brightwell toaster: 2 years through the shop.",
      created_at: "2025-01-25 20:00:00",
      updated_at: "2025-09-10 18:30:00",
    });
    this.notes.create_note_with_time({
      folder: "Personal",
      title: "Gadget wishlist",
      content: "E-reader with a warm light. A second charging dock for the desk.",
      created_at: "2025-10-02 21:00:00",
    });
    this.shopping.add_product_with_variants({
      name: "Aurelle Studio Wireless Headphones",
      product_id: "prod-aurelle-studio",
      variants: [
        { item_id: "item-studio-midnight", price: 179, options: { colour: "Midnight" } },
        { item_id: "item-studio-sand", price: 179, options: { colour: "Sand" } },
      ],
    });
    this.shopping.add_product_with_variants({
      name: "Aurelle Sport Earbuds",
      product_id: "prod-aurelle-sport",
      variants: [{ item_id: "item-sport-black", price: 79, options: { colour: "Black" } }],
    });
    this.shopping.add_product_with_variants({
      name: "Quillon USB-C Charging Cable (2 m)",
      product_id: "prod-quillon-cable",
      variants: [{ item_id: "item-cable-2m", price: 11, options: { length: "2 m" } }],
    });
    this.shopping.add_order({
      order_id: HEADPHONES_ORDER,
      item_id: "item-studio-midnight",
      order_status: "delivered",
      order_date: "2025-01-18 14:25:00",
    });
    this.shopping.add_order({
      order_id: "AU-5108",
      item_id: "item-sport-black",
      order_status: "delivered",
      order_date: "2024-09-03 10:00:00",
    });
    this.shopping.add_order({
      order_id: "QN-3302",
      item_id: "item-cable-2m",
      order_status: "delivered",
      order_date: "2025-11-10 16:45:00",
    });
    this.email.add_emails({
      emails: [
        {
          sender: "support@gadgetbay.example",
          subject: "Your Gadgetbay order AU-7731 has been delivered",
          content:
            "Aurelle Studio Wireless Headphones (Midnight). Manufacturer warranty claims go to the maker.",
          time: "2025-01-21 12:00:00",
        },
      ],
    });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.messaging, this.shopping, this.notes, this.email];
  }

  protected buildEventsFlow(): void {
    const text = ev(
      this.messaging.create_and_add_message({
        conversation_id: "conv-leah",
        sender_id: LEAH,
        content:
          "Your Aurelle headphones still won't charge, they were on my cable all night and the light never came " +
          "on. Didn't you buy them in January? They might still be under warranty.",
      }),
    )
      .withId("leah_headphones_dead")
      .delayed(6);
    const warranty = ev(this.notes.search_notes({ query: "warranties" }))
      .oracle()
      .dependsOn(text, { delaySeconds: 3 });
    const orders = ev(this.shopping.list_orders()).oracle().dependsOn(warranty, { delaySeconds: 1 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "Leah says your Aurelle Studio Wireless Headphones still won't charge. You bought them on 18 Jan 2025 " +
          `(order AU-7731), and your Warranties note gives them 12 months, so they are still covered. Shall I ` +
          `email Aurelle's claims address (${CARE}) with the order id, purchase date and fault, and tell Leah Okafor?`,
      }),
    )
      .oracle()
      .dependsOn(orders, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes please, file the claim." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const order = ev(this.shopping.get_order_details({ order_id: HEADPHONES_ORDER }))
      .oracle()
      .dependsOn(accept, { delaySeconds: 1 });
    const claim = ev(
      this.email.send_email({
        recipients: [CARE],
        subject: "Warranty claim: Aurelle Studio Wireless Headphones, order AU-7731",
        content:
          "Hello,\n\nMy Aurelle Studio Wireless Headphones (Midnight) no longer charge: the charging light stays " +
          "off on any cable. I bought them on 18 January 2025, order AU-7731, so they are within the 12-month " +
          "warranty. Could you arrange a repair or replacement?\n\nThank you,\nJohn Doe",
      }),
    )
      .oracle()
      .dependsOn(order, { delaySeconds: 2 });
    const leah = ev(this.messaging.lookup_user_id({ user_name: "Leah Okafor" }))
      .oracle()
      .dependsOn(claim, { delaySeconds: 1 });
    const tell = ev(
      this.messaging.send_message({
        user_id: LEAH,
        content: "Thanks for checking! They're still under warranty, so I've emailed Aurelle to claim it.",
      }),
    )
      .oracle()
      .dependsOn(leah, { delaySeconds: 1 });
    this.events = [text, warranty, orders, propose, accept, order, claim, leah, tell];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const claim = assistantEmailsTo(env, CARE).some(
      (m) =>
        m.content.includes(HEADPHONES_ORDER) &&
        mentionsAny(m.content, "charg") &&
        PURCHASE_DATE.test(m.content),
    );
    const earbuds = assistantEmails(env).some((m) => mentionsAny(m.content, "AU-5108", "earbud"));
    const messages = agentCalls(log, { className: "StatefulMessagingApp", function: "send_message" });
    return new Checklist()
      .require(
        "a proposal about the headphones warranty",
        proposals(log).some((e) => mentionsAny(argText(e, "content"), "warranty", "Aurelle")),
      )
      .require("a claim to Aurelle care with order AU-7731, the purchase date and the charging fault", claim)
      .require("no claim for the out-of-warranty earbuds", !earbuds)
      .require(
        "Leah told the claim is filed",
        messages.some((e) => argText(e, "user_id") === LEAH),
      )
      .require(
        "no message to anyone else",
        messages.every((e) => argText(e, "user_id") === LEAH),
      )
      .verdict();
  }
}
