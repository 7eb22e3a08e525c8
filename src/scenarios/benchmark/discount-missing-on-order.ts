import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulEmailApp } from "../../apps/email/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import { StatefulShoppingApp } from "../../apps/shopping/app.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { assistantEmailsTo } from "../email-verdicts.js";
import { PAREScenario } from "../pare-scenario.js";
import {
  argText,
  assistantWrites,
  Checklist,
  mentionsAmount,
  mentionsAny,
  proposals,
} from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;

const ORDERS = "orders@alderfinch.example";
const ORDER = "AF-55102";
const CONFIRMATION = "email-af-55102";
const CODE = "WELCOME15";

/**
 * Alder & Finch's confirmation (+8 s) of this morning's order AF-55102 says the code WELCOME15 was entered but
 * applied $0.00, charging the full $80.00 for the walnut desk organiser. The shop's code lookup shows WELCOME15
 * takes 15% off that item, so $12.00 is owed. Distractors: AUTUMN10 (notebooks only), an older notebook order.
 * Ideal help: offer to claim the missing discount; on acceptance reply to the confirmation with the order id,
 * the code and $12. Cancelling and re-ordering is not what the user wants.
 */
@registerScenario("discount_missing_on_order")
export class DiscountMissingOnOrder extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["conflict-resolution"];
  override theme = "cost-sharing";
  override description =
    "The order confirmation shows the welcome code entered but not applied; ask the shop to refund the discount.";
  override additionalSystemPrompt =
    "You are John Doe. You entered your welcome code at checkout this morning. You want to keep the order as " +
    "it is (it ships today) and simply get the discount refunded.";

  private email!: StatefulEmailApp;
  private shopping!: StatefulShoppingApp;
  private aui!: PAREAgentUserInterface;

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.email = new StatefulEmailApp();
    this.shopping = new StatefulShoppingApp();
    this.shopping.add_product_with_variants({
      name: "Alder & Finch Walnut Desk Organiser",
      product_id: "prod-af-organiser",
      variants: [
        { item_id: "item-organiser-walnut", price: 80, options: { wood: "Walnut" } },
        { item_id: "item-organiser-oak", price: 72, options: { wood: "Oak" } },
      ],
    });
    this.shopping.add_product_with_variants({
      name: "Alder & Finch Dot-Grid Notebook A5",
      product_id: "prod-af-notebook",
      variants: [{ item_id: "item-notebook-a5", price: 12, options: { cover: "Forest green" } }],
    });
    this.shopping.add_discount_code({ item_id: "item-organiser-walnut", discount_code: { [CODE]: 15 } });
    this.shopping.add_discount_code({ item_id: "item-organiser-oak", discount_code: { [CODE]: 15 } });
    this.shopping.add_discount_code({ item_id: "item-notebook-a5", discount_code: { AUTUMN10: 10 } });
    this.shopping.add_order({
      order_id: ORDER,
      item_id: "item-organiser-walnut",
      order_status: "processed",
      order_date: "2025-11-18 08:52:00",
    });
    this.shopping.add_order({
      order_id: "AF-54011",
      item_id: "item-notebook-a5",
      quantity: 2,
      order_status: "delivered",
      order_date: "2025-10-28 19:40:00",
    });
    this.email.add_emails({
      emails: [
        {
          sender: "hello@alderfinch.example",
          subject: "Welcome to Alder & Finch",
          content: `As a thank-you for joining, use ${CODE} for 15% off your next desk organiser order.`,
          time: "2025-11-17 20:00:00",
        },
        {
          sender: "hello@alderfinch.example",
          subject: "Autumn notebooks",
          content: "AUTUMN10 takes 10% off every A5 notebook until the end of the month.",
          time: "2025-10-20 09:00:00",
        },
      ],
    });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.email, this.shopping];
  }

  protected buildEventsFlow(): void {
    const confirmation = ev(
      this.email.send_email_to_user_with_id({
        email_id: CONFIRMATION,
        sender: ORDERS,
        subject: "Order AF-55102 confirmed",
        content:
          "Walnut Desk Organiser x 1: $80.00\nDiscount code entered: WELCOME15\nDiscount applied: $0.00\n" +
          "Total charged: $80.00\n\nQuestions about your order? Just reply to this email.",
      }),
    )
      .withId("order_confirmation")
      .delayed(8);
    const order = ev(this.shopping.get_order_details({ order_id: ORDER }))
      .oracle()
      .dependsOn(confirmation, { delaySeconds: 3 });
    const code = ev(this.shopping.get_discount_code_info({ discount_code: CODE }))
      .oracle()
      .dependsOn(order, { delaySeconds: 1 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "Alder & Finch charged the full $80.00 for order AF-55102 although you entered WELCOME15, which takes " +
          "15% off the walnut organiser: $12.00 should have come off. Shall I reply to the confirmation asking " +
          "them to refund the $12.00?",
      }),
    )
      .oracle()
      .dependsOn(code, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes, ask for the $12 back." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const find = ev(this.email.search_emails({ query: ORDER }))
      .oracle()
      .dependsOn(accept, { delaySeconds: 1 });
    const claim = ev(
      this.email.reply_to_email({
        email_id: CONFIRMATION,
        content:
          "Hello,\n\nI entered the code WELCOME15 on order AF-55102, but no discount was applied and I was " +
          "charged $80.00. WELCOME15 gives 15% off the Walnut Desk Organiser, so please refund the $12.00 " +
          "difference.\n\nThank you,\nJohn Doe",
      }),
    )
      .oracle()
      .dependsOn(find, { delaySeconds: 2 });
    this.events = [confirmation, order, code, propose, accept, find, claim];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const claimed = assistantEmailsTo(env, ORDERS).some(
      (m) => m.content.includes(ORDER) && mentionsAny(m.content, CODE) && mentionsAmount(m.content, 12),
    );
    return new Checklist()
      .require(
        "a proposal about the missing discount",
        proposals(log).some((e) => mentionsAny(argText(e, "content"), "discount", CODE)),
      )
      .require("a reply claiming the $12 WELCOME15 discount on order AF-55102", claimed)
      .require(
        "the order kept: nothing cancelled or re-bought",
        assistantWrites(log, { className: "StatefulShoppingApp" }).length === 0,
      )
      .verdict();
  }
}
