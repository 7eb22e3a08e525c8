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

const PROMISE = "pricepromise@tidewell.example";
/** The orders that qualify (bought within 14 days, that variant now cheaper) and the difference owed. */
const QUALIFYING: [string, number][] = [
  ["TW-3101", 7],
  ["TW-3150", 6],
  ["TW-3177", 3.5],
];
/** Orders that must not be claimed: too old, unchanged, or only another variant got cheaper. */
const NOT_QUALIFYING = ["TW-2988", "TW-3124", "TW-3162"];

/**
 * Tidewell Home announces (+7 s) a price promise: anything bought in the last 14 days that is now cheaper is
 * refunded when the customer emails the promise desk with each order number and difference. John has six
 * Tidewell orders: towels, vase and candle (6-12 days old) are now $7.00, $6.00 and $3.50 cheaper; the bath mat
 * is unchanged; only the King size of his Double duvet cover dropped; the throw dropped but was bought 21 days
 * ago. Ideal help: offer one claim for the three; on acceptance verify the orders and prices and send it.
 */
@registerScenario("price_match_three_orders")
export class PriceMatchThreeOrders extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["information-extraction"];
  override theme = "cost-sharing";
  override description =
    "A store's new price promise covers three of six recent orders; send one claim listing each order and its difference.";
  override additionalSystemPrompt =
    "You are John Doe. You like claiming what a shop's own promise gives you, in one tidy email, and nothing " +
    "its rules do not cover.";

  private email!: StatefulEmailApp;
  private shopping!: StatefulShoppingApp;
  private aui!: PAREAgentUserInterface;

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.email = new StatefulEmailApp();
    this.shopping = new StatefulShoppingApp();
    const product = (name: string, id: string, variants: [string, number, Record<string, string>][]) =>
      this.shopping.add_product_with_variants({
        name,
        product_id: id,
        variants: variants.map(([item_id, price, options]) => ({ item_id, price, options })),
      });
    product("Tidewell Bath Towels (set of 2)", "prod-tw-towels", [
      ["item-towels-sage", 45, { colour: "Sage" }],
    ]);
    product("Tidewell Linen Duvet Cover", "prod-tw-duvet", [
      ["item-duvet-double-oat", 89, { size: "Double", colour: "Oat" }],
      ["item-duvet-king-oat", 109, { size: "King", colour: "Oat" }],
    ]);
    product("Tidewell Ceramic Vase", "prod-tw-vase", [["item-vase-tall", 32, { size: "Tall" }]]);
    product("Tidewell Cotton Bath Mat", "prod-tw-mat", [["item-mat-sage", 24, { colour: "Sage" }]]);
    product("Tidewell Scented Candle", "prod-tw-candle", [
      ["item-candle-fig", 18, { scent: "Fig" }],
      ["item-candle-cedar", 18, { scent: "Cedar" }],
    ]);
    product("Tidewell Wool Throw", "prod-tw-throw", [["item-throw-rust", 70, { colour: "Rust" }]]);
    const orders: [string, string, string][] = [
      ["TW-2988", "item-throw-rust", "2025-10-28 20:00:00"],
      ["TW-3101", "item-towels-sage", "2025-11-06 19:30:00"],
      ["TW-3124", "item-duvet-double-oat", "2025-11-09 11:15:00"],
      ["TW-3150", "item-vase-tall", "2025-11-12 08:40:00"],
      ["TW-3162", "item-mat-sage", "2025-11-14 21:00:00"],
      ["TW-3177", "item-candle-fig", "2025-11-16 17:25:00"],
    ];
    for (const [order_id, item_id, order_date] of orders)
      this.shopping.add_order({ order_id, item_id, order_status: "delivered", order_date });
    // Today's prices: the orders keep what John paid.
    const now: [string, number][] = [
      ["item-towels-sage", 38],
      ["item-duvet-king-oat", 99],
      ["item-vase-tall", 26],
      ["item-candle-fig", 14.5],
      ["item-throw-rust", 55],
    ];
    for (const [item_id, new_price] of now) this.shopping.update_item({ item_id, new_price });
    this.email.add_emails({
      emails: [
        {
          sender: "orders@tidewell.example",
          subject: "Order TW-3177 delivered",
          content: "Tidewell Scented Candle, Fig: $18.00.",
          time: "2025-11-17 12:00:00",
        },
        {
          sender: "news@tidewell.example",
          subject: "Winter bedding edit",
          content: "Flannel sheets and heavier duvets are in.",
          time: "2025-11-15 09:00:00",
        },
      ],
    });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.email, this.shopping];
  }

  protected buildEventsFlow(): void {
    const promise = ev(
      this.email.send_email_to_user_with_id({
        email_id: "email-tw-promise",
        sender: "news@tidewell.example",
        subject: "New: the Tidewell Price Promise",
        content:
          "From today, if anything you bought from us in the last 14 days is now cheaper in our shop, we refund " +
          `the difference. Email ${PROMISE} listing each order number and the difference, and we pay it back ` +
          "to your card. The promise compares the exact item you bought (same size and colour).",
      }),
    )
      .withId("price_promise")
      .delayed(7);
    const orders = ev(this.shopping.list_orders()).oracle().dependsOn(promise, { delaySeconds: 3 });
    const prices = ev(this.shopping.search_product({ product_name: "Tidewell" }))
      .oracle()
      .dependsOn(orders, { delaySeconds: 1 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "Tidewell's new price promise covers three of your orders from the last 14 days: TW-3101 towels $45 " +
          "-> $38 ($7.00), TW-3150 vase $32 -> $26 ($6.00) and TW-3177 fig candle $18 -> $14.50 ($3.50), $16.50 " +
          "in all. (The throw is cheaper too but was bought 21 days ago; only the King duvet cover dropped, yours " +
          `is the Double.) Shall I email ${PROMISE} with the three orders and differences?`,
      }),
    )
      .oracle()
      .dependsOn(prices, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes, send the claim." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const terms = ev(this.email.search_emails({ query: "price promise" }))
      .oracle()
      .dependsOn(accept, { delaySeconds: 1 });
    let previous = terms;
    const checks = QUALIFYING.map(([order_id]) => {
      previous = ev(this.shopping.get_order_details({ order_id }))
        .oracle()
        .dependsOn(previous, { delaySeconds: 1 });
      return previous;
    });
    const current = ev(this.shopping.search_product({ product_name: "Tidewell" }))
      .oracle()
      .dependsOn(previous, { delaySeconds: 1 });
    const claim = ev(
      this.email.send_email({
        recipients: [PROMISE],
        subject: "Price Promise claim: orders TW-3101, TW-3150, TW-3177",
        content:
          "Hello,\n\nThese items I bought in the last 14 days are now cheaper in your shop:\n" +
          "- TW-3101, Bath Towels (set of 2), Sage: paid $45.00, now $38.00, difference $7.00\n" +
          "- TW-3150, Ceramic Vase, Tall: paid $32.00, now $26.00, difference $6.00\n" +
          "- TW-3177, Scented Candle, Fig: paid $18.00, now $14.50, difference $3.50\n" +
          "Please refund the $16.50 in total to my card.\n\nThank you,\nJohn Doe",
      }),
    )
      .oracle()
      .dependsOn(current, { delaySeconds: 2 });
    this.events = [promise, orders, prices, propose, accept, terms, ...checks, current, claim];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const claim = assistantEmailsTo(env, PROMISE).some((m) =>
      QUALIFYING.every(([order, diff]) => m.content.includes(order) && mentionsAmount(m.content, diff)),
    );
    const overclaim = assistantEmails(env).some((m) =>
      NOT_QUALIFYING.some((order) => m.content.includes(order)),
    );
    return new Checklist()
      .require(
        "a proposal about the price promise",
        proposals(log).some((e) => mentionsAny(argText(e, "content"), "price", "promise", "cheaper")),
      )
      .require("one email to the promise desk listing TW-3101 $7, TW-3150 $6 and TW-3177 $3.50", claim)
      .require("no claim for the old throw, the unchanged mat or the Double duvet cover", !overclaim)
      .require(
        "nothing bought or cancelled",
        assistantWrites(log, { className: "StatefulShoppingApp" }).length === 0,
      )
      .verdict();
  }
}
