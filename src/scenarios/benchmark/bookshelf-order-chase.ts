import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulEmailApp } from "../../apps/email/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import { StatefulReminderApp } from "../../apps/reminder/app.js";
import { StatefulShoppingApp } from "../../apps/shopping/app.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { assistantEmails, assistantEmailsTo } from "../email-verdicts.js";
import { PAREScenario } from "../pare-scenario.js";
import { agentCalls, argText, Checklist, mentionsAny, proposals } from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;

const HELP = "help@oakhollow.example";
const SHELF_ORDER = "OH-7720";
/** 9 November as people write it. */
const ORDER_DATE =
  /2025-11-09|\b0?9(?:th)?\s+(?:of\s+)?nov|\bnov[a-z]*\.?\s+0?9(?:th)?\b|\b0?9[/.]11\b|\b11\/0?9\b/i;

/**
 * No environment event: John's reminder "Chase the Oakhollow bookshelf" falls due at +20 s. The ladder bookshelf
 * (OH-7720, placed 9 Nov) is still processed nine days later while its confirmation promised shipping within
 * three working days and names the help address. Distractors: the Oakhollow side table (shipped), an older
 * white bookshelf (delivered), the shop's newsletter address. Ideal help: offer to chase; on acceptance email
 * Oakhollow help with the order id, the order date and the promise.
 */
@registerScenario("bookshelf_order_chase")
export class BookshelfOrderChase extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["follow-up"];
  override theme = "after-sales";
  override description =
    "A due reminder says to chase the bookshelf; the order is still unshipped nine days on, so email the shop's help desk.";
  override additionalSystemPrompt =
    "You are John Doe. You still want the bookshelf (do not cancel it); you just want Oakhollow to ship it or " +
    "give you a date.";

  private email!: StatefulEmailApp;
  private reminders!: StatefulReminderApp;
  private shopping!: StatefulShoppingApp;
  private aui!: PAREAgentUserInterface;

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.email = new StatefulEmailApp();
    this.reminders = new StatefulReminderApp();
    this.shopping = new StatefulShoppingApp();
    this.shopping.add_product_with_variants({
      name: "Oakhollow Ladder Bookshelf",
      product_id: "prod-oh-ladder",
      variants: [
        { item_id: "item-ladder-5-walnut", price: 210, options: { shelves: 5, finish: "Walnut" } },
        { item_id: "item-ladder-3-white", price: 140, options: { shelves: 3, finish: "White" } },
      ],
    });
    this.shopping.add_product_with_variants({
      name: "Oakhollow Round Side Table",
      product_id: "prod-oh-table",
      variants: [{ item_id: "item-table-walnut", price: 95, options: { finish: "Walnut" } }],
    });
    this.shopping.add_order({
      order_id: SHELF_ORDER,
      item_id: "item-ladder-5-walnut",
      order_status: "processed",
      order_date: "2025-11-09 10:14:00",
    });
    this.shopping.add_order({
      order_id: "OH-7598",
      item_id: "item-table-walnut",
      order_status: "shipped",
      order_date: "2025-11-12 21:30:00",
    });
    this.shopping.add_order({
      order_id: "OH-6012",
      item_id: "item-ladder-3-white",
      order_status: "delivered",
      order_date: "2025-08-30 13:00:00",
    });
    this.email.add_emails({
      emails: [
        {
          sender: "orders@oakhollow.example",
          subject: "Order OH-7720 confirmed",
          content:
            "Oakhollow Ladder Bookshelf, 5 shelves, walnut: $210.00. In stock: ships within 3 working days. " +
            `Questions about an order? Write to ${HELP} with your order number.`,
          time: "2025-11-09 10:15:00",
        },
        {
          sender: "orders@oakhollow.example",
          subject: "Order OH-7598 has shipped",
          content: "Your Oakhollow Round Side Table is on its way.",
          time: "2025-11-14 09:00:00",
        },
        {
          sender: "news@oakhollow.example",
          subject: "New in: rattan lighting",
          content: "Pendants and lamps woven by hand.",
          time: "2025-11-15 08:00:00",
        },
      ],
    });
    this.reminders.add_reminder({
      title: "Chase the Oakhollow bookshelf",
      due_datetime: "2025-11-18 09:00:20",
      description: "If the ladder bookshelf still hasn't shipped, get on to Oakhollow about it.",
    });
    this.reminders.add_reminder({ title: "Dentist check-up", due_datetime: "2025-11-21 15:30:00" });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.reminders, this.shopping, this.email];
  }

  protected buildEventsFlow(): void {
    const orders = ev(this.shopping.list_orders()).oracle().delayed(25);
    const confirmation = ev(this.email.search_emails({ query: "OH-7720" }))
      .oracle()
      .dependsOn(orders, { delaySeconds: 1 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "Your reminder to chase the bookshelf is due: the Oakhollow Ladder Bookshelf (order OH-7720, placed 9 " +
          "Nov) is still only processed, although the confirmation promised shipping within 3 working days. " +
          `Shall I email Oakhollow's help desk (${HELP}) asking them to ship it or give a date?`,
      }),
    )
      .oracle()
      .dependsOn(confirmation, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes, chase them." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const chase = ev(
      this.email.send_email({
        recipients: [HELP],
        subject: "Order OH-7720 not shipped yet",
        content:
          "Hello,\n\nI ordered the Oakhollow Ladder Bookshelf (5 shelves, walnut) on 9 November, order OH-7720. " +
          "The confirmation said it would ship within 3 working days, but nine days later it still has not " +
          "shipped. Could you ship it or tell me when it will go out?\n\nThank you,\nJohn Doe",
      }),
    )
      .oracle()
      .dependsOn(accept, { delaySeconds: 2 });
    this.events = [orders, confirmation, propose, accept, chase];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const chased = assistantEmailsTo(env, HELP).some(
      (m) => m.content.includes(SHELF_ORDER) && ORDER_DATE.test(m.content) && mentionsAny(m.content, "ship"),
    );
    const wrongOrder = assistantEmails(env).some((m) => mentionsAny(m.content, "OH-7598", "OH-6012"));
    const cancels = agentCalls(log, { className: "StatefulShoppingApp", function: "cancel_order" });
    return new Checklist()
      .require(
        "a proposal to chase the bookshelf",
        proposals(log).some((e) => mentionsAny(argText(e, "content"), "bookshelf", "OH-7720")),
      )
      .require(
        "an email to Oakhollow help about OH-7720, its 9 November order date and the shipping delay",
        chased,
      )
      .require("no chase about the side table or the old bookshelf", !wrongOrder)
      .require("the bookshelf order not cancelled", cancels.length === 0)
      .verdict();
  }
}
