import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import { StatefulReminderApp } from "../../apps/reminder/app.js";
import { StatefulShoppingApp } from "../../apps/shopping/app.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { PAREScenario } from "../pare-scenario.js";
import { agentCalls, argText, Checklist, mentionsAny, proposals } from "../scenario-verdict.js";
import { orderedExactly } from "../shopping-verdicts.js";

const ev = (x: unknown) => x as Event;

const INK_ITEM = "item-inkwell-64xl-black";

/**
 * A standing reminder says to buy two Inkwell 64XL black cartridges as soon as they are back in stock
 * (the shop also sells the standard 64 black and the 64XL tri-colour, both in stock). At +10 s the
 * 64XL black becomes available. Ideal help: offer to order two and clear the reminder; on acceptance
 * check out exactly that item and quantity, then delete the reminder.
 */
@registerScenario("restock_printer_ink")
export class RestockPrinterInk extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["timing-sensitive"];
  override theme = "errands-shopping";
  override description =
    "The printer ink a reminder waits for is back in stock; order it before it sells out and clear the reminder.";
  override additionalSystemPrompt =
    "You are John Doe. Your Brightjet 3400 printer is out of black ink and you need to print contracts " +
    "this week. You want exactly what your reminder says.";

  private shop!: StatefulShoppingApp;
  private reminders!: StatefulReminderApp;
  private aui!: PAREAgentUserInterface;
  private inkReminderId = "";

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.shop = new StatefulShoppingApp();
    this.reminders = new StatefulReminderApp();
    this.shop.add_product_with_variants({
      name: "Inkwell 64XL Ink Cartridge",
      product_id: "prod-inkwell-64xl",
      variants: [
        { item_id: INK_ITEM, price: 34.5, options: { color: "black", yield: "600 pages" }, available: false },
        {
          item_id: "item-inkwell-64xl-tricolor",
          price: 39.9,
          options: { color: "tri-colour", yield: "450 pages" },
        },
      ],
    });
    this.shop.add_product_with_variants({
      name: "Inkwell 64 Ink Cartridge",
      product_id: "prod-inkwell-64",
      variants: [
        { item_id: "item-inkwell-64-black", price: 19.9, options: { color: "black", yield: "200 pages" } },
      ],
    });
    this.shop.add_product_with_variants({
      name: "Brightjet Glossy Photo Paper A4 (50 sheets)",
      variants: [{ price: 12.75 }],
    });
    const paper = this.shop.add_product_with_variants({
      name: "Recycled Copy Paper A4 (500 sheets)",
      variants: [{ price: 6.4 }],
    });
    this.shop.add_order({
      order_id: "order-paper-oct",
      item_id: paper.item_ids[0] as string,
      quantity: 2,
      order_status: "delivered",
      order_date: "2025-10-21 13:20:00",
    });
    this.inkReminderId = this.reminders.create_reminder_with_time({
      title: "Buy printer ink when back in stock",
      due_datetime: "2025-11-14 09:00:00",
      description:
        "Inkwell 64XL black for the Brightjet 3400 is sold out. Order 2 cartridges as soon as it's back - " +
        "the standard 64 runs dry far too quickly.",
      already_notified: true,
    });
    this.reminders.create_reminder_with_time({
      title: "Send signed contracts to Ferreira",
      due_datetime: "2025-11-20 12:00:00",
      description: "Print, sign and scan the two service contracts.",
    });
    this.reminders.create_reminder_with_time({
      title: "Gym membership renewal",
      due_datetime: "2025-11-28 09:00:00",
    });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.shop, this.reminders];
  }

  protected buildEventsFlow(): void {
    const restock = ev(this.shop.update_item({ item_id: INK_ITEM, new_availability: true }))
      .withId("ink_restocked")
      .delayed(10);
    const rems = ev(this.reminders.get_all_reminders()).oracle().dependsOn(restock, { delaySeconds: 3 });
    const search = ev(this.shop.search_product({ product_name: "Inkwell 64XL" }))
      .oracle()
      .dependsOn(rems, { delaySeconds: 1 });
    const product = ev(this.shop.get_product_details({ product_id: "prod-inkwell-64xl" }))
      .oracle()
      .dependsOn(search, { delaySeconds: 1 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "The Inkwell 64XL black cartridge you were waiting for is back in stock (34.50 each). Shall I order " +
          "the 2 cartridges from your reminder and then delete the reminder?",
      }),
    )
      .oracle()
      .dependsOn(product, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes, go ahead." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const cart = ev(this.shop.add_to_cart({ item_id: INK_ITEM, quantity: 2 }))
      .oracle()
      .dependsOn(accept, { delaySeconds: 2 });
    const buy = ev(this.shop.checkout({})).oracle().dependsOn(cart, { delaySeconds: 1 });
    const clear = ev(this.reminders.delete_reminder({ reminder_id: this.inkReminderId }))
      .oracle()
      .dependsOn(buy, { delaySeconds: 2 });
    this.events = [restock, rems, search, product, propose, accept, cart, buy, clear];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    // The assistant's order must hold exactly two 64XL black cartridges and nothing else, and still stand.
    const ordered = orderedExactly(env, INK_ITEM, 2);
    const deleted = agentCalls(log, { className: "StatefulReminderApp", function: "delete_reminder" }).some(
      (e) => argText(e, "reminder_id") === this.inkReminderId,
    );
    return new Checklist()
      .require(
        "a proposal to order the restocked ink",
        proposals(log).some((e) => mentionsAny(argText(e, "content"), "ink", "cartridge", "64XL")),
      )
      .require("an order of exactly two Inkwell 64XL black cartridges", ordered)
      .require("the ink reminder deleted", deleted)
      .verdict();
  }
}
