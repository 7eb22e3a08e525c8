import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import { StatefulMessagingApp } from "../../apps/messaging/app.js";
import { StatefulShoppingApp } from "../../apps/shopping/app.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { PAREScenario } from "../pare-scenario.js";
import {
  agentCalls,
  argText,
  Checklist,
  mentionsAmount,
  mentionsAny,
  proposals,
} from "../scenario-verdict.js";
import { assistantOrders } from "../shopping-verdicts.js";

const ev = (x: unknown) => x as Event;

const AISHA = "+15550171";
const RORY = "+15550172";
const MEI = "+15550173";
const GROUP = "conv-coffee-club";
const CODE = "BULK20";
const DARK_4_BEAN = "item-dark-4x250-bean";

/**
 * In the "2F coffee club" group three colleagues each ask (+6 s, +10 s, +14 s) John to order a bag of Kestrel dark
 * roast, whole bean, and Mei mentions this week's code BULK20 (20% off Kestrel 4-packs). John drinks it too.
 * Four single bags cost $56.00; one 4 x 250 g pack of dark roast whole bean with BULK20 costs $41.60, $10.40 a
 * head. Distractors: ground and medium-roast 4-packs (the code works on them too), single bags. Ideal help:
 * offer the bulk pack with the code; on acceptance order exactly that and post each person's $10.40 share.
 */
@registerScenario("office_coffee_bulk_split")
export class OfficeCoffeeBulkSplit extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["gap-detection"];
  override theme = "cost-sharing";
  override description =
    "Colleagues each want a bag of the same beans; the 4-pack with the posted code is cheaper, so order it and post the shares.";
  override additionalSystemPrompt =
    "You are John Doe. You drink the Kestrel dark roast whole bean too, so the order is four bags' worth. You " +
    "like the cheapest way to buy and an even split among the four of you.";

  private messaging!: StatefulMessagingApp;
  private shopping!: StatefulShoppingApp;
  private aui!: PAREAgentUserInterface;

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.messaging = new StatefulMessagingApp();
    this.shopping = new StatefulShoppingApp();
    this.messaging.add_contacts({
      contacts: [
        { name: "Aisha Bello", phone: AISHA },
        { name: "Rory Quinn", phone: RORY },
        { name: "Mei Tanaka", phone: MEI },
        { name: "Rory Quinlan", phone: "+15550179" },
      ],
    });
    this.messaging.add_conversation({
      conversation_id: GROUP,
      title: "2F coffee club",
      participants: [AISHA, RORY, MEI],
      messages: [
        { sender: RORY, content: "We're out of beans again", time: "2025-11-18 08:30:00" },
        {
          sender: this.messaging.currentUserId,
          content: "I'll put an order in this morning, tell me what you want",
          time: "2025-11-18 08:35:00",
        },
      ],
    });
    this.messaging.add_conversation({
      participants: ["+15550179"],
      messages: [{ sender: "+15550179", content: "Lunch at the noodle place?", time: "2025-11-17 12:10:00" }],
    });
    this.shopping.add_product_with_variants({
      name: "Kestrel Dark Roast Coffee",
      product_id: "prod-kestrel-dark",
      variants: [
        { item_id: "item-dark-250-bean", price: 14, options: { pack: "250 g", grind: "Whole bean" } },
        { item_id: "item-dark-250-ground", price: 14, options: { pack: "250 g", grind: "Ground" } },
        { item_id: DARK_4_BEAN, price: 52, options: { pack: "4 x 250 g", grind: "Whole bean" } },
        { item_id: "item-dark-4x250-ground", price: 52, options: { pack: "4 x 250 g", grind: "Ground" } },
      ],
    });
    this.shopping.add_product_with_variants({
      name: "Kestrel Medium Roast Coffee",
      product_id: "prod-kestrel-medium",
      variants: [
        { item_id: "item-medium-250-bean", price: 13, options: { pack: "250 g", grind: "Whole bean" } },
        { item_id: "item-medium-4x250-bean", price: 48, options: { pack: "4 x 250 g", grind: "Whole bean" } },
      ],
    });
    for (const item_id of [DARK_4_BEAN, "item-dark-4x250-ground", "item-medium-4x250-bean"])
      this.shopping.add_discount_code({ item_id, discount_code: { [CODE]: 20 } });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.messaging, this.shopping];
  }

  protected buildEventsFlow(): void {
    const ask = (id: string, sender: string, content: string, at: number) =>
      ev(this.messaging.create_and_add_message({ conversation_id: GROUP, sender_id: sender, content }))
        .withId(id)
        .delayed(at);
    const aisha = ask("aisha_asks", AISHA, "A bag of the Kestrel dark roast for me please, whole bean", 6);
    const rory = ask("rory_asks", RORY, "Same for me, dark roast beans", 10);
    const mei = ask("mei_asks", MEI, "Me too! Btw Kestrel has BULK20 this week, 20% off their 4-packs", 14);
    const catalogue = ev(this.shopping.search_product({ product_name: "Kestrel" }))
      .oracle()
      .dependsOn([aisha, rory, mei], { delaySeconds: 3 });
    const code = ev(this.shopping.get_discount_code_info({ discount_code: CODE }))
      .oracle()
      .dependsOn(catalogue, { delaySeconds: 1 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "Aisha, Rory and Mei each want a bag of Kestrel Dark Roast whole bean, and with yours that's four. " +
          "Four single 250 g bags cost $56.00, but the 4 x 250 g whole-bean pack with BULK20 costs $41.60. " +
          "Shall I order that pack with the code and post in 2F coffee club that each of you owes $10.40?",
      }),
    )
      .oracle()
      .dependsOn(code, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes, get the 4-pack." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const lookup = ev(this.shopping.search_product({ product_name: "Kestrel Dark" }))
      .oracle()
      .dependsOn(accept, { delaySeconds: 1 });
    const add = ev(this.shopping.add_to_cart({ item_id: DARK_4_BEAN, quantity: 1 }))
      .oracle()
      .dependsOn(lookup, { delaySeconds: 1 });
    const checkout = ev(this.shopping.checkout({ discount_code: CODE }))
      .oracle()
      .dependsOn(add, { delaySeconds: 1 });
    const group = ev(this.messaging.search({ query: "coffee club" }))
      .oracle()
      .dependsOn(checkout, { delaySeconds: 1 });
    const post = ev(
      this.messaging.send_message_to_group_conversation({
        conversation_id: GROUP,
        content:
          "Ordered a 4-pack of Kestrel Dark Roast whole bean with BULK20: $41.60 in total, so $10.40 each " +
          "(Aisha, Rory, Mei and me).",
      }),
    )
      .oracle()
      .dependsOn(group, { delaySeconds: 1 });
    this.events = [aisha, rory, mei, catalogue, code, propose, accept, lookup, add, checkout, group, post];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const orders = assistantOrders(env);
    const bulk = orders.some(
      (o) =>
        o.order_items.length === 1 &&
        o.order_items[0]?.item_id === DARK_4_BEAN &&
        o.order_items[0]?.quantity === 1 &&
        o.discount_code?.toUpperCase() === CODE,
    );
    const shared = agentCalls(log, {
      className: "StatefulMessagingApp",
      function: "send_message_to_group_conversation",
    }).some((e) => argText(e, "conversation_id") === GROUP && mentionsAmount(argText(e, "content"), 10.4));
    return new Checklist()
      .require(
        "a proposal about the bulk pack and the code",
        proposals(log).some((e) => mentionsAny(argText(e, "content"), "BULK20", "4-pack", "4 x 250", "pack")),
      )
      .require(
        "one order: a single 4 x 250 g dark roast whole-bean pack with BULK20",
        bulk && orders.length === 1,
      )
      .require("a post in 2F coffee club giving the $10.40 share", shared)
      .verdict();
  }
}
