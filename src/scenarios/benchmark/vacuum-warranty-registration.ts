import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulEmailApp } from "../../apps/email/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import { StatefulReminderApp } from "../../apps/reminder/app.js";
import { StatefulShoppingApp } from "../../apps/shopping/app.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { PAREScenario } from "../pare-scenario.js";
import {
  agentCalls,
  argText,
  assistantWrites,
  Checklist,
  mentionsAny,
  proposals,
  timeBetween,
} from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;

const VACUUM_ORDER = "HL-60233";

/**
 * Hearthline's delivery email (+7 s) for the Zephyr V8 vacuum (order HL-60233) says its 3-year warranty needs
 * registering within 30 days of today's delivery, by 18 December (accessories: 2 years, no registration).
 * Distractors: the old Zephyr V6 from 2023 with its own filter reminder, a wall dock still in transit. The
 * persona does paperwork on weekends. Ideal help: offer a reminder before the deadline naming the order; on
 * acceptance add it (this Saturday morning), and touch no other reminder.
 */
@registerScenario("vacuum_warranty_registration")
export class VacuumWarrantyRegistration extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["information-extraction"];
  override theme = "after-sales";
  override description =
    "The vacuum's delivery email says its warranty must be registered within 30 days; add a reminder before the deadline.";
  override additionalSystemPrompt =
    "You are John Doe. You do paperwork on Saturday mornings and want reminders for it then, well before any " +
    "deadline.";

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
      name: "Zephyr V8 Cordless Vacuum",
      product_id: "prod-zephyr-v8",
      variants: [{ item_id: "item-zephyr-v8", price: 329, options: { colour: "Copper" } }],
    });
    this.shopping.add_product_with_variants({
      name: "Zephyr V6 Cordless Vacuum",
      product_id: "prod-zephyr-v6",
      variants: [{ item_id: "item-zephyr-v6", price: 219, options: { colour: "Grey" } }],
    });
    this.shopping.add_product_with_variants({
      name: "Zephyr Wall Dock",
      product_id: "prod-zephyr-dock",
      variants: [{ item_id: "item-zephyr-dock", price: 39, options: { fits: "V6, V8" } }],
    });
    this.shopping.add_order({
      order_id: VACUUM_ORDER,
      item_id: "item-zephyr-v8",
      order_status: "delivered",
      order_date: "2025-11-14 21:10:00",
    });
    this.shopping.add_order({
      order_id: "HL-60240",
      item_id: "item-zephyr-dock",
      order_status: "shipped",
      order_date: "2025-11-15 09:00:00",
    });
    this.shopping.add_order({
      order_id: "HL-31877",
      item_id: "item-zephyr-v6",
      order_status: "delivered",
      order_date: "2023-03-02 12:00:00",
    });
    this.reminders.add_reminder({
      title: "Replace the Zephyr V6 filter",
      due_datetime: "2025-12-02 19:00:00",
      description: "Spare filter is in the hall cupboard.",
    });
    this.reminders.add_reminder({ title: "Pay the window cleaner", due_datetime: "2025-11-21 18:00:00" });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.email, this.shopping, this.reminders];
  }

  protected buildEventsFlow(): void {
    const delivered = ev(
      this.email.send_email_to_user_with_id({
        email_id: "email-hl-60233-delivered",
        sender: "deliveries@hearthline.example",
        subject: "Delivered: your Zephyr V8 Cordless Vacuum",
        content:
          "Order HL-60233 was delivered today. Zephyr gives the V8 a 3-year warranty if you register it within " +
          "30 days of delivery, so by 18 December, at zephyr-home.example/register with your order number. " +
          "Accessories carry a 2-year warranty with no registration needed.",
      }),
    )
      .withId("vacuum_delivered")
      .delayed(7);
    const orders = ev(this.shopping.list_orders()).oracle().dependsOn(delivered, { delaySeconds: 3 });
    const existing = ev(this.reminders.get_all_reminders()).oracle().dependsOn(orders, { delaySeconds: 1 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "Your Zephyr V8 vacuum (order HL-60233) arrived today; its 3-year warranty must be registered by 18 " +
          "December. Shall I add a reminder for this Saturday, 22 November at 10:00, to register it with the order number?",
      }),
    )
      .oracle()
      .dependsOn(existing, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes, Saturday is good." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const remind = ev(
      this.reminders.add_reminder({
        title: "Register the Zephyr V8 warranty",
        due_datetime: "2025-11-22 10:00:00",
        description:
          "Order HL-60233. Register at zephyr-home.example/register by 18 December for the 3-year warranty.",
      }),
    )
      .oracle()
      .dependsOn(accept, { delaySeconds: 2 });
    this.events = [delivered, orders, existing, propose, accept, remind];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const added = agentCalls(log, { className: "StatefulReminderApp", function: "add_reminder" });
    const good = added.some((e) => {
      const text = `${argText(e, "title")} ${argText(e, "description")}`;
      return (
        mentionsAny(text, "warranty", "regist") &&
        mentionsAny(text, VACUUM_ORDER, "V8") &&
        timeBetween(argText(e, "due_datetime"), "2025-11-18 09:00:00", "2025-12-17 23:59:59")
      );
    });
    const writes = assistantWrites(log);
    return new Checklist()
      .require(
        "a proposal about registering the vacuum warranty",
        proposals(log).some((e) => mentionsAny(argText(e, "content"), "warranty", "regist")),
      )
      .require("a reminder before 18 December to register the Zephyr V8 warranty, naming the order", good)
      .require(
        "no other change (the V6 filter reminder and the orders untouched)",
        writes.every((e) => e.action?.function === "add_reminder"),
      )
      .verdict();
  }
}
