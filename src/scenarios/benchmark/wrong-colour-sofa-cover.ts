import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulEmailApp } from "../../apps/email/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import { StatefulMessagingApp } from "../../apps/messaging/app.js";
import { StatefulShoppingApp } from "../../apps/shopping/app.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { assistantEmailsTo } from "../email-verdicts.js";
import { PAREScenario } from "../pare-scenario.js";
import {
  agentCalls,
  argText,
  assistantWrites,
  Checklist,
  mentionsAny,
  proposals,
} from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;

const LEAH = "+15550142";
const ORDERS = "orders@loomcraft.example";
const COVER_ORDER = "LC-8843";
const DELIVERY_EMAIL = "email-lc-8843-delivered";

/**
 * Leah texts (+6 s) that the sofa cover delivered yesterday is grey, not the sage they chose. The order (LC-8843)
 * and its delivery email say Sage, 3-seat; the delivery email invites a reply for a wrong item. Distractors: the
 * grey cushion covers from the same shop (rightly grey), the 2-seat sage variant, a namesake Leah Oakes. Ideal
 * help: offer to ask for an exchange to the ordered variant; on acceptance reply to the delivery email with the
 * order id and the Sage 3-seat, and tell Leah. Buying a second cover is not what the user wants.
 */
@registerScenario("wrong_colour_sofa_cover")
export class WrongColourSofaCover extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["conflict-resolution"];
  override theme = "after-sales";
  override description =
    "The sofa cover arrived grey although the order says sage; ask the shop to exchange it for the ordered variant.";
  override additionalSystemPrompt =
    "You are John Doe. You and Leah chose the sage cover for the 3-seat sofa. You want the shop to swap the " +
    "wrong one, not to pay for another.";

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
        { name: "Leah Okafor", phone: LEAH },
        { name: "Leah Oakes", phone: "+15550145" },
      ],
    });
    this.messaging.add_conversation({
      conversation_id: "conv-leah",
      participants: [LEAH],
      messages: [
        { sender: LEAH, content: "Sage or the grey for the sofa?", time: "2025-11-10 20:00:00" },
        {
          sender: this.messaging.currentUserId,
          content: "Sage! Ordering the 3-seat one",
          time: "2025-11-10 20:05:00",
        },
      ],
    });
    this.messaging.add_conversation({
      participants: ["+15550145"],
      messages: [{ sender: "+15550145", content: "Quiz night Thursday?", time: "2025-11-17 18:00:00" }],
    });
    this.shopping.add_product_with_variants({
      name: "Loomcraft Stretch Sofa Cover",
      product_id: "prod-lc-sofa",
      variants: [
        { item_id: "item-cover-sage-3", price: 64, options: { colour: "Sage", size: "3-seat" } },
        { item_id: "item-cover-sage-2", price: 54, options: { colour: "Sage", size: "2-seat" } },
        { item_id: "item-cover-grey-3", price: 64, options: { colour: "Grey", size: "3-seat" } },
        { item_id: "item-cover-grey-2", price: 54, options: { colour: "Grey", size: "2-seat" } },
      ],
    });
    this.shopping.add_product_with_variants({
      name: "Loomcraft Cushion Covers (set of 4)",
      product_id: "prod-lc-cushions",
      variants: [{ item_id: "item-cushions-grey", price: 36, options: { colour: "Grey" } }],
    });
    this.shopping.add_order({
      order_id: COVER_ORDER,
      item_id: "item-cover-sage-3",
      order_status: "delivered",
      order_date: "2025-11-10 20:07:00",
    });
    this.shopping.add_order({
      order_id: "LC-8790",
      item_id: "item-cushions-grey",
      order_status: "delivered",
      order_date: "2025-11-02 15:00:00",
    });
    this.email.add_emails({
      emails: [
        {
          email_id: DELIVERY_EMAIL,
          sender: ORDERS,
          subject: "Delivered: order LC-8843",
          content:
            "Loomcraft Stretch Sofa Cover, colour Sage, size 3-seat, delivered today. Received the wrong item? " +
            "Reply to this email and we will arrange a free exchange.",
          time: "2025-11-17 17:30:00",
        },
        {
          sender: ORDERS,
          subject: "Delivered: order LC-8790",
          content: "Loomcraft Cushion Covers (set of 4), colour Grey, delivered today.",
          time: "2025-11-04 12:00:00",
        },
      ],
    });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.messaging, this.shopping, this.email];
  }

  protected buildEventsFlow(): void {
    const text = ev(
      this.messaging.create_and_add_message({
        conversation_id: "conv-leah",
        sender_id: LEAH,
        content:
          "Opened the sofa cover parcel: it's grey, not the sage we picked! At least it's the 3-seat size. " +
          "Can we get it swapped?",
      }),
    )
      .withId("leah_wrong_colour")
      .delayed(6);
    const orders = ev(this.shopping.list_orders()).oracle().dependsOn(text, { delaySeconds: 3 });
    const delivery = ev(this.email.search_emails({ query: COVER_ORDER }))
      .oracle()
      .dependsOn(orders, { delaySeconds: 1 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "Leah says the sofa cover arrived grey, but order LC-8843 is for the Loomcraft Stretch Sofa Cover in " +
          "Sage, 3-seat. Shall I reply to Loomcraft's delivery email asking them to exchange it for the Sage " +
          "3-seat you ordered, and tell Leah Okafor?",
      }),
    )
      .oracle()
      .dependsOn(delivery, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes, get it swapped." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const find = ev(this.email.search_emails({ query: COVER_ORDER }))
      .oracle()
      .dependsOn(accept, { delaySeconds: 1 });
    const reply = ev(
      this.email.reply_to_email({
        email_id: DELIVERY_EMAIL,
        content:
          "Hello,\n\nOrder LC-8843 was for the Stretch Sofa Cover in Sage, 3-seat, but the cover delivered is " +
          "grey. Please exchange it for the Sage 3-seat cover I ordered and tell me how to send the grey one " +
          "back.\n\nThank you,\nJohn Doe",
      }),
    )
      .oracle()
      .dependsOn(find, { delaySeconds: 2 });
    const leah = ev(this.messaging.lookup_user_id({ user_name: "Leah Okafor" }))
      .oracle()
      .dependsOn(reply, { delaySeconds: 1 });
    const tell = ev(
      this.messaging.send_message({
        user_id: LEAH,
        content:
          "I've asked Loomcraft to swap it for the sage one we ordered. Keep the grey one in its bag for now.",
      }),
    )
      .oracle()
      .dependsOn(leah, { delaySeconds: 1 });
    this.events = [text, orders, delivery, propose, accept, find, reply, leah, tell];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const exchange = assistantEmailsTo(env, ORDERS).some(
      (m) =>
        m.content.includes(COVER_ORDER) &&
        mentionsAny(m.content, "sage") &&
        mentionsAny(m.content, "3-seat", "3 seat", "three-seat", "three seat", "item-cover-sage-3") &&
        !mentionsAny(m.content, "2-seat", "2 seat", "two-seat"),
    );
    const messages = agentCalls(log, { className: "StatefulMessagingApp", function: "send_message" });
    return new Checklist()
      .require(
        "a proposal about the wrong-colour sofa cover",
        proposals(log).some((e) => mentionsAny(argText(e, "content"), "sofa", "sage", "grey")),
      )
      .require("a reply to Loomcraft asking to exchange LC-8843 for the Sage 3-seat cover", exchange)
      .require(
        "no second cover bought and nothing cancelled",
        assistantWrites(log, { className: "StatefulShoppingApp" }).length === 0,
      )
      .require(
        "Leah Okafor told",
        messages.some((e) => argText(e, "user_id") === LEAH),
      )
      .require(
        "no message to Leah Oakes or anyone else",
        messages.every((e) => argText(e, "user_id") === LEAH),
      )
      .verdict();
  }
}
