import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulEmailApp } from "../../apps/email/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import { StatefulShoppingApp } from "../../apps/shopping/app.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { assistantEmails, assistantEmailsTo } from "../email-verdicts.js";
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

const ORDERS = "orders@fernhill-outdoor.example";
const PARKA_ORDER = "FH-11842";
const PARKA_EMAIL = "email-fh-11842";

/**
 * Fernhill Outdoor cuts two prices (+6 s, +7 s): the Ridge Parka in moss, size M, from $120 to $95, and a wool
 * scarf from $40 to $32. John bought that parka five days ago (FH-11842) and the scarf 24 days ago; the order
 * emails promise a refund of any drop within 14 days on reply. The size-L parka keeps its price. Ideal help:
 * offer to claim the $25 on the parka only; on acceptance reply to its order email with the order id and amount.
 */
@registerScenario("jacket_price_protection")
export class JacketPriceProtection extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["follow-up"];
  override theme = "cost-sharing";
  override description =
    "The parka bought five days ago drops by $25 within its 14-day price protection; claim the difference (the older scarf does not qualify).";
  override additionalSystemPrompt =
    "You are John Doe. You like getting back money a shop owes you, but you do not want to claim anything the " +
    "shop's rules do not cover.";

  private email!: StatefulEmailApp;
  private shopping!: StatefulShoppingApp;
  private aui!: PAREAgentUserInterface;

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.email = new StatefulEmailApp();
    this.shopping = new StatefulShoppingApp();
    this.shopping.add_product_with_variants({
      name: "Fernhill Ridge Parka",
      product_id: "prod-fh-parka",
      variants: [
        { item_id: "item-parka-moss-m", price: 120, options: { colour: "Moss", size: "M" } },
        { item_id: "item-parka-moss-l", price: 120, options: { colour: "Moss", size: "L" } },
        { item_id: "item-parka-navy-m", price: 120, options: { colour: "Navy", size: "M" } },
      ],
    });
    this.shopping.add_product_with_variants({
      name: "Fernhill Merino Scarf",
      product_id: "prod-fh-scarf",
      variants: [{ item_id: "item-scarf-rust", price: 40, options: { colour: "Rust" } }],
    });
    this.shopping.add_product_with_variants({
      name: "Fernhill Trail Socks (2 pairs)",
      product_id: "prod-fh-socks",
      variants: [{ item_id: "item-socks-m", price: 18, options: { size: "M" } }],
    });
    this.shopping.add_order({
      order_id: PARKA_ORDER,
      item_id: "item-parka-moss-m",
      order_status: "delivered",
      order_date: "2025-11-13 18:30:00",
    });
    this.shopping.add_order({
      order_id: "FH-10977",
      item_id: "item-scarf-rust",
      order_status: "delivered",
      order_date: "2025-10-25 12:10:00",
    });
    this.shopping.add_order({
      order_id: "FH-11903",
      item_id: "item-socks-m",
      order_status: "shipped",
      order_date: "2025-11-16 08:45:00",
    });
    const protection =
      "14-day price protection: if the price of an item drops within 14 days of your order, reply to this " +
      "email and we refund the difference.";
    this.email.add_emails({
      emails: [
        {
          email_id: PARKA_EMAIL,
          sender: ORDERS,
          subject: "Thanks for your order FH-11842",
          content: `Fernhill Ridge Parka, Moss, size M: $120.00.\n${protection}`,
          time: "2025-11-13 18:31:00",
        },
        {
          email_id: "email-fh-10977",
          sender: ORDERS,
          subject: "Thanks for your order FH-10977",
          content: `Fernhill Merino Scarf, Rust: $40.00.\n${protection}`,
          time: "2025-10-25 12:11:00",
        },
        {
          sender: "orders@fernhill-outdoor.example",
          subject: "Thanks for your order FH-11903",
          content: `Fernhill Trail Socks (2 pairs), size M: $18.00.\n${protection}`,
          time: "2025-11-16 08:46:00",
        },
      ],
    });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.email, this.shopping];
  }

  protected buildEventsFlow(): void {
    const parkaDrop = ev(this.shopping.update_item({ item_id: "item-parka-moss-m", new_price: 95 }))
      .withId("parka_price_drop")
      .delayed(6);
    const scarfDrop = ev(this.shopping.update_item({ item_id: "item-scarf-rust", new_price: 32 }))
      .withId("scarf_price_drop")
      .delayed(7);
    const orders = ev(this.shopping.list_orders())
      .oracle()
      .dependsOn([parkaDrop, scarfDrop], { delaySeconds: 3 });
    const terms = ev(this.email.search_emails({ query: "price protection" }))
      .oracle()
      .dependsOn(orders, { delaySeconds: 1 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "The Fernhill Ridge Parka (Moss, M) you bought on 13 Nov for $120 (order FH-11842) now costs $95, and " +
          "the order has 14-day price protection. Shall I reply to its order email asking for the $25 difference? " +
          "The scarf dropped too, but you bought it 24 days ago, outside the window.",
      }),
    )
      .oracle()
      .dependsOn(terms, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes, claim the $25." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const find = ev(this.email.search_emails({ query: "FH-11842" }))
      .oracle()
      .dependsOn(accept, { delaySeconds: 1 });
    const claim = ev(
      this.email.reply_to_email({
        email_id: PARKA_EMAIL,
        content:
          "Hello,\n\nThe Fernhill Ridge Parka (Moss, M) from order FH-11842, bought on 13 November for $120.00, " +
          "now costs $95.00. Under your 14-day price protection, please refund the $25.00 difference.\n\n" +
          "Thank you,\nJohn Doe",
      }),
    )
      .oracle()
      .dependsOn(find, { delaySeconds: 2 });
    this.events = [parkaDrop, scarfDrop, orders, terms, propose, accept, find, claim];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const claimed = assistantEmailsTo(env, ORDERS).some(
      (m) =>
        m.content.includes(PARKA_ORDER) &&
        mentionsAmount(m.content, 25) &&
        (m.parentId === null || m.parentId === PARKA_EMAIL),
    );
    const scarf = assistantEmails(env).some(
      (m) =>
        m.content.includes("FH-10977") || (mentionsAny(m.content, "scarf") && mentionsAmount(m.content, 8)),
    );
    const shopWrites = assistantWrites(log, { className: "StatefulShoppingApp" });
    return new Checklist()
      .require(
        "a proposal about the parka's price drop",
        proposals(log).some((e) => mentionsAny(argText(e, "content"), "parka", "price")),
      )
      .require(
        "an email to Fernhill claiming $25 on order FH-11842 (new, or a reply on that order's thread)",
        claimed,
      )
      .require("no claim for the scarf bought outside the 14 days", !scarf)
      .require("nothing bought, cancelled or re-ordered", shopWrites.length === 0)
      .verdict();
  }
}
