import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulEmailApp } from "../../apps/email/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import { StatefulShoppingApp } from "../../apps/shopping/app.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { PAREScenario } from "../pare-scenario.js";
import { agentCalls, argText, Checklist, mentionsAny, proposals } from "../scenario-verdict.js";
import { assistantOrders } from "../shopping-verdicts.js";

const ev = (x: unknown) => x as Event;

const SUPPORT = "support@breezeway.example";
const CODE = "FRESH-AP2";
const FILTER_AP200 = "item-hepa-ap200";

/**
 * Breezeway support answers (+7 s) John's complaint about his AP-200 purifier's filter with a code, FRESH-AP2,
 * for a free replacement HEPA filter for the AP-200. The code covers the whole HEPA filter range, so the larger
 * AP-400's filter would check out free too; the carbon pre-filter is another product. Ideal help: offer to order
 * the AP-200 HEPA filter with the code; on acceptance put exactly that filter in the cart and check out with it.
 */
@registerScenario("free_filter_replacement")
export class FreeFilterReplacement extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["follow-up"];
  override theme = "after-sales";
  override description =
    "Support sends a code for a free replacement filter; order the filter that fits the user's purifier model with it.";
  override additionalSystemPrompt =
    "You are John Doe. Your Breezeway AP-200 purifier's filter smells burnt; you want the free replacement " +
    "support promised, and nothing you would have to pay for.";

  private email!: StatefulEmailApp;
  private shopping!: StatefulShoppingApp;
  private aui!: PAREAgentUserInterface;

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.email = new StatefulEmailApp();
    this.shopping = new StatefulShoppingApp();
    this.shopping.add_product_with_variants({
      name: "Breezeway Air Purifier",
      product_id: "prod-bz-purifier",
      variants: [
        { item_id: "item-purifier-ap200", price: 189, options: { model: "AP-200", room: "up to 30 m2" } },
        { item_id: "item-purifier-ap400", price: 279, options: { model: "AP-400", room: "up to 60 m2" } },
      ],
    });
    this.shopping.add_product_with_variants({
      name: "Breezeway HEPA Filter",
      product_id: "prod-bz-hepa",
      variants: [
        { item_id: FILTER_AP200, price: 34, options: { fits: "AP-200" } },
        { item_id: "item-hepa-ap400", price: 49, options: { fits: "AP-400" } },
      ],
    });
    this.shopping.add_product_with_variants({
      name: "Breezeway Carbon Pre-Filter",
      product_id: "prod-bz-carbon",
      variants: [{ item_id: "item-carbon-ap200", price: 15, options: { fits: "AP-200" } }],
    });
    this.shopping.add_discount_code({ item_id: FILTER_AP200, discount_code: { [CODE]: 100 } });
    this.shopping.add_discount_code({ item_id: "item-hepa-ap400", discount_code: { [CODE]: 100 } });
    this.shopping.add_order({
      order_id: "BZ-1180",
      item_id: "item-purifier-ap200",
      order_status: "delivered",
      order_date: "2025-09-28 11:00:00",
    });
    this.email.add_emails({
      emails: [
        {
          email_id: "email-filter-complaint",
          folder_name: "SENT",
          recipients: [SUPPORT],
          subject: "Burnt smell from my AP-200 filter",
          content:
            "Hello, the HEPA filter in my Breezeway AP-200 (order BZ-1180) smells burnt after only six weeks. " +
            "Is this normal?",
          time: "2025-11-17 20:30:00",
        },
        {
          sender: "offers@breezeway.example",
          subject: "Upgrade to the AP-400",
          content: "Twice the room size. Trade in your old purifier for $40 off.",
          time: "2025-11-16 09:00:00",
        },
      ],
    });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.email, this.shopping];
  }

  protected buildEventsFlow(): void {
    const answer = ev(
      this.email.reply_to_email_from_user({
        sender: SUPPORT,
        email_id: "email-filter-complaint",
        content:
          "We're sorry about the smell: that filter batch was faulty. Use the code FRESH-AP2 at checkout for a " +
          "free replacement HEPA filter for your AP-200. The code is valid until the end of November.",
      }),
    )
      .withId("support_sends_code")
      .delayed(7);
    const filters = ev(this.shopping.search_product({ product_name: "HEPA" }))
      .oracle()
      .dependsOn(answer, { delaySeconds: 3 });
    const code = ev(this.shopping.get_discount_code_info({ discount_code: CODE }))
      .oracle()
      .dependsOn(filters, { delaySeconds: 1 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "Breezeway support sent you code FRESH-AP2 for a free replacement filter. Shall I order the Breezeway " +
          "HEPA Filter for the AP-200 (item item-hepa-ap200, $34, free with the code)?",
      }),
    )
      .oracle()
      .dependsOn(code, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes, order the free filter." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const lookup = ev(this.shopping.search_product({ product_name: "HEPA" }))
      .oracle()
      .dependsOn(accept, { delaySeconds: 1 });
    const add = ev(this.shopping.add_to_cart({ item_id: FILTER_AP200, quantity: 1 }))
      .oracle()
      .dependsOn(lookup, { delaySeconds: 1 });
    const checkout = ev(this.shopping.checkout({ discount_code: CODE }))
      .oracle()
      .dependsOn(add, { delaySeconds: 1 });
    this.events = [answer, filters, code, propose, accept, lookup, add, checkout];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const orders = assistantOrders(env);
    const free = orders.some(
      (o) =>
        o.order_items.length === 1 &&
        o.order_items[0]?.item_id === FILTER_AP200 &&
        o.order_items[0]?.quantity === 1 &&
        o.discount_code?.toUpperCase() === CODE &&
        o.order_total === 0,
    );
    return new Checklist()
      .require(
        "a proposal about the free replacement filter",
        proposals(log).some((e) => mentionsAny(argText(e, "content"), "filter", CODE)),
      )
      .require("the AP-200 HEPA filter ordered alone with FRESH-AP2, free", free)
      .require("exactly one order (no AP-400 filter, no pre-filter)", orders.length === 1)
      .require(
        "no order cancelled",
        agentCalls(log, { className: "StatefulShoppingApp", function: "cancel_order" }).length === 0,
      )
      .verdict();
  }
}
