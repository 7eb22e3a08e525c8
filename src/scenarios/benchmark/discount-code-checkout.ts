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

const CODE = "TRAIL20";
const DAYPACK_SLATE = "item-daypack-slate";

/**
 * A trail daypack has sat in the cart since the weekend. The outdoor store emails a 20% code that is
 * valid for exactly that pack (another code in the shop is for a flask, not in the cart). Ideal help:
 * point out the saving and, on acceptance, check out with the code.
 */
@registerScenario("discount_code_checkout")
export class DiscountCodeCheckout extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["gap-detection"];
  override theme = "errands-shopping";
  override description =
    "A store emails a discount code valid for the item waiting in the cart; check out using the code.";
  override additionalSystemPrompt =
    "You left a daypack in your shopping cart and meant to buy it once it was a bit cheaper.";

  private email!: StatefulEmailApp;
  private shop!: StatefulShoppingApp;
  private aui!: PAREAgentUserInterface;

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.email = new StatefulEmailApp();
    this.shop = new StatefulShoppingApp();
    this.shop.add_product_with_variants({
      name: "Trailhead 28L Daypack",
      product_id: "prod-trailhead-daypack",
      variants: [
        { item_id: DAYPACK_SLATE, price: 84.0, options: { color: "slate" } },
        { item_id: "item-daypack-rust", price: 84.0, options: { color: "rust" } },
      ],
    });
    this.shop.add_product_with_variants({
      name: "Ridgeline Insulated Flask 750ml",
      product_id: "prod-ridgeline-flask",
      variants: [{ item_id: "item-flask-steel", price: 32.5, options: { finish: "brushed steel" } }],
    });
    this.shop.add_product_with_variants({
      name: "Merino Hiking Socks (2 pack)",
      product_id: "prod-merino-socks",
      variants: [
        { item_id: "item-socks-m", price: 24.0, options: { size: "M" } },
        { item_id: "item-socks-l", price: 24.0, options: { size: "L" } },
      ],
    });
    this.shop.add_discount_code({ item_id: DAYPACK_SLATE, discount_code: { [CODE]: 20 } });
    this.shop.add_discount_code({ item_id: "item-daypack-rust", discount_code: { [CODE]: 20 } });
    this.shop.add_discount_code({ item_id: "item-flask-steel", discount_code: { WARMUP15: 15 } });
    this.shop.add_order({
      order_id: "order-socks-0921",
      item_id: "item-socks-m",
      quantity: 1,
      order_status: "delivered",
      order_date: "2025-10-02 18:14:00",
    });
    this.shop.add_to_cart({ item_id: DAYPACK_SLATE, quantity: 1 });
    this.email.add_emails({
      emails: [
        {
          sender: "hello@summitgear.example",
          subject: "Your socks have shipped",
          content: "Your Merino Hiking Socks are on their way. Happy trails!",
          time: "2025-10-03 09:00:00",
        },
        {
          sender: "hello@summitgear.example",
          subject: "Warm drinks, cold mornings",
          content: "Use WARMUP15 for 15% off the Ridgeline Insulated Flask this month.",
          time: "2025-11-14 12:00:00",
        },
        {
          sender: "bookings@cragclimbing.example",
          subject: "Your Thursday session",
          content: "See you Thursday at 18:30 for the intro-to-lead class.",
          time: "2025-11-17 10:45:00",
        },
      ],
    });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.email, this.shop];
  }

  protected buildEventsFlow(): void {
    const promo = ev(
      this.email.send_email_to_user_with_id({
        email_id: "email-trail20-promo",
        sender: "hello@summitgear.example",
        subject: "Still thinking about the Trailhead daypack? 20% off inside",
        content:
          "Hi John,\n\nThe Trailhead 28L Daypack you saved is now 20% off with code TRAIL20 at checkout " +
          "(all colours). The code is valid until Sunday 23 November.\n\nSee you on the trail,\nSummit Gear",
      }),
    )
      .withId("promo")
      .delayed(7);
    const cart = ev(this.shop.list_cart()).oracle().dependsOn(promo, { delaySeconds: 3 });
    const info = ev(this.shop.get_discount_code_info({ discount_code: CODE }))
      .oracle()
      .dependsOn(cart, { delaySeconds: 2 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "Summit Gear sent code TRAIL20: 20% off the Trailhead 28L Daypack (slate) in your cart, " +
          "84.00 down to 67.20. Shall I check out now with the code?",
      }),
    )
      .oracle()
      .dependsOn(info, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes, buy it with the code." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const buy = ev(this.shop.checkout({ discount_code: CODE }))
      .oracle()
      .dependsOn(accept, { delaySeconds: 2 });
    this.events = [promo, cart, info, propose, accept, buy];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const checkedOut = agentCalls(log, { className: "StatefulShoppingApp", function: "checkout" }).some(
      (e) => argText(e, "discount_code").trim().toUpperCase() === CODE,
    );
    const shop = env.getAppByClass(StatefulShoppingApp);
    const order = shop?.orders.find(
      (o) => o.discount_code === CODE && o.order_items.some((l) => l.item_id === DAYPACK_SLATE),
    );
    return new Checklist()
      .require(
        "a proposal about the TRAIL20 discount",
        proposals(log).some((e) => mentionsAny(argText(e, "content"), CODE, "20%", "discount")),
      )
      .require("a checkout with code TRAIL20", checkedOut)
      .require(
        "an order of one slate daypack at the discounted price",
        order !== undefined &&
          order.order_items.length === 1 &&
          order.order_items[0]?.quantity === 1 &&
          Math.abs(order.order_total - 67.2) < 0.01,
      )
      .verdict();
  }
}
