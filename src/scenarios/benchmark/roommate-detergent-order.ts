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

const KEIKO = "3125550129";
const CONVERSATION = "conv-keiko";
const WANTED = "item-breezeleaf-64-lavender";
/** Other variants of the same detergent: ordering one of them is the mistake to catch. */
const WRONG_VARIANTS = [
  "item-breezeleaf-32-lavender",
  "item-breezeleaf-64-unscented",
  "item-breezeleaf-128-lavender",
];

/**
 * Keiko, the user's roommate, asks for a specific detergent: Breezeleaf liquid, 64 oz, Lavender (the
 * last order was the unscented one). Ideal help: offer to order it; on acceptance put that exact
 * variant in the cart, check out, and tell Keiko it is ordered.
 */
@registerScenario("roommate_detergent_order")
export class RoommateDetergentOrder extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["follow-up"];
  override theme = "errands-shopping";
  override description =
    "The roommate asks to order a specific detergent variant; order exactly that one and tell her.";

  private messaging!: StatefulMessagingApp;
  private shopping!: StatefulShoppingApp;
  private aui!: PAREAgentUserInterface;

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.messaging = new StatefulMessagingApp();
    this.shopping = new StatefulShoppingApp();
    this.messaging.add_contacts({
      contacts: [
        { name: "Keiko Hartmann", phone: KEIKO },
        { name: "Ruben Castellanos", phone: "3125550170" },
      ],
    });
    this.messaging.add_conversation({
      participants: [KEIKO],
      conversation_id: CONVERSATION,
      messages: [
        {
          sender: "Keiko Hartmann",
          content: "I paid the internet bill, you're on household orders this month right?",
          time: "2025-11-03 20:11:00",
        },
        { sender: "John Doe", content: "Yep, just tell me what we need.", time: "2025-11-03 20:30:00" },
      ],
    });
    this.messaging.add_conversation({
      participants: ["3125550170"],
      messages: [
        { sender: "Ruben Castellanos", content: "Pickup soccer Thursday at 6?", time: "2025-11-17 09:40:00" },
      ],
    });
    this.shopping.add_product_with_variants({
      name: "Breezeleaf Liquid Laundry Detergent",
      product_id: "prod-breezeleaf-liquid",
      variants: [
        {
          item_id: "item-breezeleaf-32-lavender",
          price: 8.99,
          options: { size: "32 oz", scent: "Lavender" },
        },
        { item_id: WANTED, price: 14.49, options: { size: "64 oz", scent: "Lavender" } },
        {
          item_id: "item-breezeleaf-64-unscented",
          price: 14.49,
          options: { size: "64 oz", scent: "Unscented" },
        },
        {
          item_id: "item-breezeleaf-128-lavender",
          price: 24.99,
          options: { size: "128 oz", scent: "Lavender" },
        },
      ],
    });
    this.shopping.add_product_with_variants({
      name: "Breezeleaf Laundry Pods",
      product_id: "prod-breezeleaf-pods",
      variants: [
        { item_id: "item-breezeleaf-pods-42", price: 15.99, options: { count: 42, scent: "Lavender" } },
      ],
    });
    this.shopping.add_product_with_variants({
      name: "Sudsworth Liquid Detergent",
      product_id: "prod-sudsworth",
      variants: [
        {
          item_id: "item-sudsworth-64-lavender",
          price: 11.29,
          options: { size: "64 oz", scent: "Lavender" },
        },
      ],
    });
    this.shopping.add_product_with_variants({
      name: "Orbit Dish Soap",
      product_id: "prod-orbit-dish",
      variants: [{ item_id: "item-orbit-dish-24", price: 3.79, options: { size: "24 oz", scent: "Lemon" } }],
    });
    this.shopping.add_order({
      order_id: "order-last-detergent",
      item_id: "item-breezeleaf-64-unscented",
      order_status: "delivered",
      order_date: "2025-10-14 18:22:00",
    });
    this.shopping.add_order({
      order_id: "order-dish-soap",
      item_id: "item-orbit-dish-24",
      quantity: 2,
      order_status: "delivered",
      order_date: "2025-11-02 10:05:00",
    });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.messaging, this.shopping];
  }

  protected buildEventsFlow(): void {
    const ask = ev(
      this.messaging.create_and_add_message({
        conversation_id: CONVERSATION,
        sender_id: KEIKO,
        content:
          "We're out of laundry detergent. Could you order the Breezeleaf liquid, the 64 oz one in Lavender? " +
          "Not the unscented one like last time please!",
      }),
    )
      .withId("detergent_request")
      .delayed(7);
    const search = ev(this.shopping.search_product({ product_name: "Breezeleaf" }))
      .oracle()
      .dependsOn(ask, { delaySeconds: 3 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "Keiko asked for Breezeleaf Liquid Laundry Detergent, 64 oz, Lavender ($14.49). " +
          "Shall I order it and let her know?",
      }),
    )
      .oracle()
      .dependsOn(search, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes, go ahead." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const cart = ev(this.shopping.add_to_cart({ item_id: WANTED, quantity: 1 }))
      .oracle()
      .dependsOn(accept, { delaySeconds: 2 });
    const buy = ev(this.shopping.checkout({})).oracle().dependsOn(cart, { delaySeconds: 2 });
    // The executor starts fresh: it looks Keiko up before writing to her.
    const findKeiko = ev(this.messaging.lookup_user_id({ user_name: "Keiko" }))
      .oracle()
      .dependsOn(buy, { delaySeconds: 2 });
    const tell = ev(
      this.messaging.send_message({
        user_id: KEIKO,
        content: "Ordered the Breezeleaf 64 oz Lavender detergent, it should arrive in a couple of days.",
      }),
    )
      .oracle()
      .dependsOn(findKeiko, { delaySeconds: 2 });
    this.events = [ask, search, propose, accept, cart, buy, findKeiko, tell];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const shop = env.getAppByClass(StatefulShoppingApp);
    const placed = (shop?.orders ?? []).filter(
      (o) => o.order_date >= this.startTime && o.order_status !== "cancelled",
    );
    const checkedOut = agentCalls(log, { className: "StatefulShoppingApp", function: "checkout" }).length > 0;
    const ordered = checkedOut && placed.some((o) => o.order_items.some((l) => l.item_id === WANTED));
    const wrong = placed.some((o) => o.order_items.some((l) => WRONG_VARIANTS.includes(l.item_id)));
    const carted = agentCalls(log, { className: "StatefulShoppingApp", function: "add_to_cart" }).some(
      (e) => argText(e, "item_id") === WANTED,
    );
    const told = agentCalls(log, { className: "StatefulMessagingApp", function: "send_message" }).some(
      (e) =>
        argText(e, "user_id") === KEIKO && mentionsAny(argText(e, "content"), "order", "bought", "purchased"),
    );
    return new Checklist()
      .require(
        "a proposal about Keiko's detergent",
        proposals(log).some((e) => mentionsAny(argText(e, "content"), "detergent", "Breezeleaf", "Keiko")),
      )
      .require("the 64 oz Lavender Breezeleaf put in the cart", carted)
      .require("an order placed with the 64 oz Lavender Breezeleaf", ordered)
      .require("no other Breezeleaf size or scent ordered", !wrong)
      .require("a message telling Keiko it is ordered", told)
      .verdict();
  }
}
