import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import { StatefulMessagingApp } from "../../apps/messaging/app.js";
import { StatefulShoppingApp } from "../../apps/shopping/app.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { PAREScenario } from "../pare-scenario.js";
import { agentCalls, argText, Checklist, mentionsAny, proposals } from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;

const NADIA = "6465550153";
const CONVERSATION = "conv-nadia";
const BLENDER_ORDER = "order-vortexa-blender";

/**
 * Nadia, the user's sister, says she already bought their mother the Vortexa blender for her birthday.
 * The user has a not-yet-delivered order for the same blender (next to other pending orders). Ideal
 * help: point out the duplicate and offer to cancel; on acceptance cancel that order only and tell Nadia.
 */
@registerScenario("duplicate_gift_cancel_order")
export class DuplicateGiftCancelOrder extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["conflict-resolution"];
  override theme = "errands-shopping";
  override description =
    "The sister already bought Mom the blender the user has on order; cancel the user's order and tell her.";

  private messaging!: StatefulMessagingApp;
  private shopping!: StatefulShoppingApp;
  private aui!: PAREAgentUserInterface;

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.messaging = new StatefulMessagingApp();
    this.shopping = new StatefulShoppingApp();
    this.messaging.add_contacts({
      contacts: [
        { name: "Nadia Doe", phone: NADIA },
        { name: "Elliot Vance", phone: "6465550119" },
      ],
    });
    this.messaging.add_conversation({
      participants: [NADIA],
      conversation_id: CONVERSATION,
      messages: [
        {
          sender: "Nadia Doe",
          content:
            "Mom's birthday is on the 29th! Any gift ideas? She keeps complaining about her old blender.",
          time: "2025-11-10 21:02:00",
        },
        {
          sender: "John Doe",
          content: "Good call, let me look into it. Dinner at her place that Saturday?",
          time: "2025-11-10 21:15:00",
        },
        { sender: "Nadia Doe", content: "Yes, I'll bring dessert.", time: "2025-11-10 21:17:00" },
      ],
    });
    this.messaging.add_conversation({
      participants: ["6465550119"],
      messages: [
        {
          sender: "Elliot Vance",
          content: "Did your new headphones arrive yet?",
          time: "2025-11-17 13:05:00",
        },
      ],
    });
    const blender = this.shopping.add_product_with_variants({
      name: "Vortexa Pro 1200 Blender",
      product_id: "prod-vortexa",
      variants: [
        { item_id: "item-vortexa-silver", price: 129.0, options: { color: "Brushed silver" } },
        { item_id: "item-vortexa-red", price: 129.0, options: { color: "Cherry red" } },
      ],
    });
    const throwBlanket = this.shopping.add_product_with_variants({
      name: "Highland Wool Throw",
      variants: [{ price: 64.5, options: { color: "Oatmeal" } }],
    });
    const headphones = this.shopping.add_product_with_variants({
      name: "Quietwave Over-Ear Headphones",
      variants: [{ price: 89.99, options: { color: "Black" } }],
    });
    this.shopping.add_order({
      order_id: BLENDER_ORDER,
      item_id: blender.item_ids[0] as string,
      order_status: "processed",
      order_date: "2025-11-16 20:41:00",
    });
    this.shopping.add_order({
      order_id: "order-wool-throw",
      item_id: throwBlanket.item_ids[0] as string,
      order_status: "shipped",
      order_date: "2025-11-15 08:12:00",
    });
    this.shopping.add_order({
      order_id: "order-headphones",
      item_id: headphones.item_ids[0] as string,
      order_status: "processed",
      order_date: "2025-11-17 12:30:00",
    });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.messaging, this.shopping];
  }

  protected buildEventsFlow(): void {
    const heads = ev(
      this.messaging.create_and_add_message({
        conversation_id: CONVERSATION,
        sender_id: NADIA,
        content:
          "Heads up: I already bought Mom the Vortexa blender last weekend, it's even wrapped. " +
          "You didn't order one too, did you? If you did, please cancel yours!",
      }),
    )
      .withId("sister_heads_up")
      .delayed(9);
    const orders = ev(this.shopping.list_orders()).oracle().dependsOn(heads, { delaySeconds: 3 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "Nadia already bought Mom the Vortexa blender, and you have a pending order for one (placed Nov 16, " +
          "$129, not yet shipped). Shall I cancel your order and let Nadia know?",
      }),
    )
      .oracle()
      .dependsOn(orders, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Oops, yes, cancel it." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const cancel = ev(this.shopping.cancel_order({ order_id: BLENDER_ORDER }))
      .oracle()
      .dependsOn(accept, { delaySeconds: 2 });
    const findNadia = ev(this.messaging.lookup_user_id({ user_name: "Nadia" }))
      .oracle()
      .dependsOn(cancel, { delaySeconds: 2 });
    const tell = ev(
      this.messaging.send_message({
        user_id: NADIA,
        content: "I had ordered one too, but I just cancelled it. The blender is all yours!",
      }),
    )
      .oracle()
      .dependsOn(findNadia, { delaySeconds: 2 });
    this.events = [heads, orders, propose, accept, cancel, findNadia, tell];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const cancels = agentCalls(log, { className: "StatefulShoppingApp", function: "cancel_order" });
    const told = agentCalls(log, { className: "StatefulMessagingApp", function: "send_message" }).some(
      (e) => argText(e, "user_id") === NADIA && mentionsAny(argText(e, "content"), "cancel"),
    );
    return new Checklist()
      .require(
        "a proposal about the duplicate blender",
        proposals(log).some((e) => mentionsAny(argText(e, "content"), "blender", "Vortexa")),
      )
      .require(
        "the blender order cancelled",
        cancels.some((e) => argText(e, "order_id") === BLENDER_ORDER),
      )
      .require(
        "no other order cancelled",
        cancels.every((e) => argText(e, "order_id") === BLENDER_ORDER),
      )
      .require("a message telling Nadia the order is cancelled", told)
      .verdict();
  }
}
