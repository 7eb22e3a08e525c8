import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulEmailApp } from "../../apps/email/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import { StatefulShoppingApp } from "../../apps/shopping/app.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { PAREScenario } from "../pare-scenario.js";
import { agentCalls, argText, Checklist, mentionsAny, proposals } from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;

const ORDER_ID = "order-throw-7731";
const MOSS = "item-throw-moss";
const OAT = "item-throw-oat";

/**
 * The shop cancels the user's order of a moss-green wool throw and emails that the colour is
 * discontinued; the same throw is still sold in oat (charcoal is out of stock, and a matching cushion
 * cover is a distractor). Ideal help: offer to order the oat throw instead and, on acceptance, buy one.
 */
@registerScenario("order_discontinued_alternative")
export class OrderDiscontinuedAlternative extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["follow-up"];
  override theme = "errands-shopping";
  override description =
    "The store cancels an order because the colour is discontinued; order the same product's other variant.";
  override additionalSystemPrompt =
    "The wool throw is a birthday present for your sister next week; the colour matters less than getting it on time.";

  private email!: StatefulEmailApp;
  private shop!: StatefulShoppingApp;
  private aui!: PAREAgentUserInterface;

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.email = new StatefulEmailApp();
    this.shop = new StatefulShoppingApp();
    this.shop.add_product_with_variants({
      name: "Alder Wool Throw Blanket",
      product_id: "prod-alder-throw",
      variants: [
        { item_id: MOSS, price: 89.0, options: { color: "moss green", size: "130x170 cm" } },
        { item_id: OAT, price: 89.0, options: { color: "oat", size: "130x170 cm" } },
        {
          item_id: "item-throw-charcoal",
          price: 89.0,
          options: { color: "charcoal", size: "130x170 cm" },
          available: false,
        },
      ],
    });
    this.shop.add_product_with_variants({
      name: "Alder Wool Cushion Cover",
      product_id: "prod-alder-cushion",
      variants: [
        { item_id: "item-cushion-moss", price: 29.0, options: { color: "moss green" } },
        { item_id: "item-cushion-oat", price: 29.0, options: { color: "oat" } },
      ],
    });
    this.shop.add_product_with_variants({
      name: "Beeswax Pillar Candle",
      product_id: "prod-beeswax-candle",
      variants: [{ item_id: "item-candle-tall", price: 14.5, options: { height: "15 cm" } }],
    });
    this.shop.add_order({
      order_id: "order-candle-5520",
      item_id: "item-candle-tall",
      quantity: 2,
      order_status: "delivered",
      order_date: "2025-10-21 19:02:00",
    });
    this.shop.add_order({
      order_id: ORDER_ID,
      item_id: MOSS,
      quantity: 1,
      order_status: "processed",
      order_date: "2025-11-16 20:41:00",
    });
    this.email.add_emails({
      emails: [
        {
          sender: "orders@alderandloom.example",
          subject: `Order confirmation ${ORDER_ID}`,
          content: "Thanks for your order: 1 x Alder Wool Throw Blanket (moss green), $89.00.",
          time: "2025-11-16 20:42:00",
        },
        {
          sender: "lena.doe@postbox.example",
          subject: "Birthday dinner",
          content: "Dinner at mine on the 26th for my birthday. Bring nothing but yourself!",
          time: "2025-11-17 08:15:00",
        },
      ],
    });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.email, this.shop];
  }

  protected buildEventsFlow(): void {
    const soldOut = ev(this.shop.update_item({ item_id: MOSS, new_availability: false })).delayed(5);
    const cancel = ev(this.shop.cancel_order({ order_id: ORDER_ID }))
      .withId("cancel")
      .dependsOn(soldOut, {
        delaySeconds: 1,
      });
    const notice = ev(
      this.email.send_email_to_user_with_id({
        email_id: "email-throw-discontinued",
        sender: "orders@alderandloom.example",
        subject: `Your order ${ORDER_ID} was cancelled`,
        content:
          "Hello John,\n\nWe're sorry: our mill has discontinued the moss green colour of the Alder Wool " +
          `Throw Blanket, so we had to cancel order ${ORDER_ID}. You have been refunded $89.00 in full.\n\n` +
          "The same throw is still available in oat; charcoal is back in January.\n\nAlder & Loom",
      }),
    )
      .withId("discontinued_email")
      .dependsOn(cancel, { delaySeconds: 2 });
    const search = ev(this.shop.search_product({ product_name: "Alder Wool Throw" }))
      .oracle()
      .dependsOn(notice, { delaySeconds: 3 });
    const product = ev(this.shop.get_product_details({ product_id: "prod-alder-throw" }))
      .oracle()
      .dependsOn(search, { delaySeconds: 2 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "Alder & Loom cancelled your moss green wool throw (discontinued, $89 refunded). The same throw is " +
          "in stock in oat for $89. Shall I order the oat one instead?",
      }),
    )
      .oracle()
      .dependsOn(product, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes, oat is fine." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const add = ev(this.shop.add_to_cart({ item_id: OAT, quantity: 1 }))
      .oracle()
      .dependsOn(accept, { delaySeconds: 2 });
    const buy = ev(this.shop.checkout()).oracle().dependsOn(add, { delaySeconds: 2 });
    this.events = [soldOut, cancel, notice, search, product, propose, accept, add, buy];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const carted = agentCalls(log, { className: "StatefulShoppingApp", function: "add_to_cart" }).some(
      (e) => argText(e, "item_id") === OAT,
    );
    const checkedOut = agentCalls(log, { className: "StatefulShoppingApp", function: "checkout" }).length > 0;
    const orders = env.getAppByClass(StatefulShoppingApp)?.orders ?? [];
    const replacement = orders.find(
      (o) =>
        o.order_id !== ORDER_ID &&
        o.order_status !== "cancelled" &&
        o.order_items.some((l) => l.item_id === OAT),
    );
    return new Checklist()
      .require(
        "a proposal to order the oat throw instead",
        proposals(log).some((e) => mentionsAny(argText(e, "content"), "oat")),
      )
      .require("the oat throw added to the cart", carted)
      .require("a checkout", checkedOut)
      .require(
        "a new order of exactly one oat throw",
        replacement !== undefined &&
          replacement.order_items.length === 1 &&
          replacement.order_items[0]?.quantity === 1,
      )
      .verdict();
  }
}
