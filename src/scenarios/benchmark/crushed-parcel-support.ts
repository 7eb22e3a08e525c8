import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulEmailApp } from "../../apps/email/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import { StatefulMessagingApp } from "../../apps/messaging/app.js";
import { StatefulShoppingApp } from "../../apps/shopping/app.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { assistantEmails, assistantEmailsTo } from "../email-verdicts.js";
import { PAREScenario } from "../pare-scenario.js";
import { agentCalls, argText, Checklist, mentionsAny, proposals } from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;

const RUTH = "+15550188";
const CARE = "care@lumina-living.example";
const LAMP_ORDER = "LL-30415";

/**
 * The neighbour Ruth, who took in a parcel yesterday, texts (+6 s) that the Lumina Living box is crushed and
 * the lamp inside sounds broken. Of John's three Lumina orders only the Arc floor lamp (LL-30415) was delivered
 * yesterday, to her; the table lamp is still in transit and the lampshade came in October. The delivery email
 * names the care address for damaged items. Ideal help: offer to ask for a replacement; on acceptance email
 * Lumina care with LL-30415 and thank Ruth (not Ruth Abbott).
 */
@registerScenario("crushed_parcel_support")
export class CrushedParcelSupport extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["follow-up"];
  override theme = "after-sales";
  override description =
    "The neighbour who took in a parcel reports the lamp inside broken; ask the shop's support for a replacement.";
  override additionalSystemPrompt =
    "You are John Doe. You want a replacement rather than a refund for the floor lamp, and you are grateful " +
    "to Ruth for taking the parcel in.";

  private email!: StatefulEmailApp;
  private messaging!: StatefulMessagingApp;
  private shopping!: StatefulShoppingApp;
  private aui!: PAREAgentUserInterface;

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.email = new StatefulEmailApp();
    this.messaging = new StatefulMessagingApp();
    this.shopping = new StatefulShoppingApp();
    this.messaging.add_contacts({
      contacts: [
        { name: "Ruth Abernethy", phone: RUTH },
        { name: "Ruth Abbott", phone: "+15550181" },
      ],
    });
    this.messaging.add_conversation({
      conversation_id: "conv-ruth",
      participants: [RUTH],
      messages: [
        {
          sender: RUTH,
          content: "Your recycling bin blew over again, I put it back.",
          time: "2025-11-09 10:20:00",
        },
        {
          sender: this.messaging.currentUserId,
          content: "You're a star, thank you!",
          time: "2025-11-09 10:41:00",
        },
      ],
    });
    this.messaging.add_conversation({
      participants: ["+15550181"],
      messages: [
        { sender: "+15550181", content: "Book club moved to the 27th.", time: "2025-11-15 17:30:00" },
      ],
    });
    this.shopping.add_product_with_variants({
      name: "Lumina Arc Floor Lamp",
      product_id: "prod-lumina-arc",
      variants: [{ item_id: "item-arc-brass", price: 149, options: { finish: "Brass" } }],
    });
    this.shopping.add_product_with_variants({
      name: "Lumina Mushroom Table Lamp",
      product_id: "prod-lumina-mushroom",
      variants: [{ item_id: "item-mushroom-opal", price: 59, options: { finish: "Opal" } }],
    });
    this.shopping.add_product_with_variants({
      name: "Lumina Linen Lampshade",
      product_id: "prod-lumina-shade",
      variants: [{ item_id: "item-shade-40", price: 35, options: { diameter: "40 cm" } }],
    });
    this.shopping.add_order({
      order_id: LAMP_ORDER,
      item_id: "item-arc-brass",
      order_status: "delivered",
      order_date: "2025-11-13 21:05:00",
    });
    this.shopping.add_order({
      order_id: "LL-30502",
      item_id: "item-mushroom-opal",
      order_status: "shipped",
      order_date: "2025-11-15 09:30:00",
    });
    this.shopping.add_order({
      order_id: "LL-29177",
      item_id: "item-shade-40",
      order_status: "delivered",
      order_date: "2025-10-04 16:00:00",
    });
    this.email.add_emails({
      emails: [
        {
          sender: "deliveries@lumina-living.example",
          subject: "Delivered: order LL-30415",
          content:
            "Your Lumina Arc Floor Lamp was left with your neighbour at number 16. Item damaged in transit? " +
            `Write to ${CARE} with your order number and we will send a replacement.`,
          time: "2025-11-17 15:48:00",
        },
        {
          sender: "deliveries@lumina-living.example",
          subject: "On its way: order LL-30502",
          content: "Your Lumina Mushroom Table Lamp is on its way and should arrive on Friday.",
          time: "2025-11-17 07:30:00",
        },
        {
          sender: "hello@lumina-living.example",
          subject: "Cosy season: 15% off throws",
          content: "Wrap up with our wool throws this week.",
          time: "2025-11-16 09:00:00",
        },
      ],
    });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.messaging, this.shopping, this.email];
  }

  protected buildEventsFlow(): void {
    const text = ev(
      this.messaging.create_and_add_message({
        conversation_id: "conv-ruth",
        sender_id: RUTH,
        content:
          "Morning! I took in a Lumina Living parcel for you yesterday. The box is badly crushed and something " +
          "rattles inside, I think the lamp is broken. I'll drop it round tonight.",
      }),
    )
      .withId("ruth_parcel_crushed")
      .delayed(6);
    const orders = ev(this.shopping.list_orders()).oracle().dependsOn(text, { delaySeconds: 3 });
    const delivery = ev(this.email.search_emails({ query: "Lumina" }))
      .oracle()
      .dependsOn(orders, { delaySeconds: 1 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "Ruth says the Lumina Living parcel she took in yesterday arrived crushed, with the lamp likely broken: " +
          `that is your Arc Floor Lamp, order LL-30415. Shall I email Lumina's care team (${CARE}) asking for a ` +
          "replacement, and thank Ruth Abernethy?",
      }),
    )
      .oracle()
      .dependsOn(delivery, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes, ask for a replacement." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const complain = ev(
      this.email.send_email({
        recipients: [CARE],
        subject: "Damaged delivery: order LL-30415",
        content:
          "Hello,\n\nMy Lumina Arc Floor Lamp (order LL-30415), delivered yesterday to my neighbour, arrived in a " +
          "crushed box and is broken. Could you please send a replacement?\n\nThank you,\nJohn Doe",
      }),
    )
      .oracle()
      .dependsOn(accept, { delaySeconds: 2 });
    const ruth = ev(this.messaging.lookup_user_id({ user_name: "Ruth Abernethy" }))
      .oracle()
      .dependsOn(complain, { delaySeconds: 1 });
    const thank = ev(
      this.messaging.send_message({
        user_id: RUTH,
        content: "Thanks so much, Ruth! I've asked Lumina for a replacement. Tonight is perfect.",
      }),
    )
      .oracle()
      .dependsOn(ruth, { delaySeconds: 1 });
    this.events = [text, orders, delivery, propose, accept, complain, ruth, thank];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const asked = assistantEmailsTo(env, CARE).some(
      (m) => m.content.includes(LAMP_ORDER) && mentionsAny(m.content, "replace"),
    );
    const wrongOrder = assistantEmails(env).some((m) => mentionsAny(m.content, "LL-30502", "LL-29177"));
    const messages = agentCalls(log, { className: "StatefulMessagingApp", function: "send_message" });
    const cancels = agentCalls(log, { className: "StatefulShoppingApp", function: "cancel_order" });
    return new Checklist()
      .require(
        "a proposal about the broken lamp",
        proposals(log).some((e) => mentionsAny(argText(e, "content"), "lamp", "Lumina")),
      )
      .require("an email to Lumina care asking to replace order LL-30415", asked)
      .require("no complaint about the table lamp or the lampshade", !wrongOrder)
      .require("no order cancelled", cancels.length === 0)
      .require(
        "Ruth Abernethy answered",
        messages.some((e) => argText(e, "user_id") === RUTH),
      )
      .require(
        "no message to Ruth Abbott or anyone else",
        messages.every((e) => argText(e, "user_id") === RUTH),
      )
      .verdict();
  }
}
