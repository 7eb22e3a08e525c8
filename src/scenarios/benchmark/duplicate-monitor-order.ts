import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulEmailApp } from "../../apps/email/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import { StatefulShoppingApp } from "../../apps/shopping/app.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { assistantEmailsTo } from "../email-verdicts.js";
import { PAREScenario } from "../pare-scenario.js";
import { agentCalls, argText, Checklist, mentionsAny, proposals } from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;

const ORDERS = "orders@vistra-store.example";
const FIRST = "VM-90311";
const SECOND = "VM-90312";

/**
 * Two confirmations arrive (+5 s, +9 s) for the same Vistra 27" monitor, orders VM-90311 (08:58) and VM-90312
 * (08:59): a double click. Distractors: a 24" Vistra monitor delivered last week and a monitor arm on its way,
 * both wanted. Ideal help: point out the duplicate and offer to cancel the second order; on acceptance cancel
 * VM-90312 only and reply to its confirmation so the shop refunds it.
 */
@registerScenario("duplicate_monitor_order")
export class DuplicateMonitorOrder extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["conflict-resolution"];
  override theme = "cost-sharing";
  override description =
    "Two confirmations for the same monitor arrive a minute apart; cancel the second order and tell the shop.";
  override additionalSystemPrompt =
    "You are John Doe. You wanted exactly one 27-inch monitor this morning; the page froze and you may have " +
    "clicked Buy twice. Keep the first order.";

  private email!: StatefulEmailApp;
  private shopping!: StatefulShoppingApp;
  private aui!: PAREAgentUserInterface;

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.email = new StatefulEmailApp();
    this.shopping = new StatefulShoppingApp();
    this.shopping.add_product_with_variants({
      name: 'Vistra 27" QHD Monitor',
      product_id: "prod-vistra-27",
      variants: [
        { item_id: "item-vistra-27", price: 249, options: { size: '27"', resolution: "2560x1440" } },
      ],
    });
    this.shopping.add_product_with_variants({
      name: 'Vistra 24" FHD Monitor',
      product_id: "prod-vistra-24",
      variants: [
        { item_id: "item-vistra-24", price: 159, options: { size: '24"', resolution: "1920x1080" } },
      ],
    });
    this.shopping.add_product_with_variants({
      name: "Vistra Gas-Spring Monitor Arm",
      product_id: "prod-vistra-arm",
      variants: [{ item_id: "item-vistra-arm", price: 69, options: { colour: "Black" } }],
    });
    this.shopping.add_order({
      order_id: FIRST,
      item_id: "item-vistra-27",
      order_status: "processed",
      order_date: "2025-11-18 08:58:10",
    });
    this.shopping.add_order({
      order_id: SECOND,
      item_id: "item-vistra-27",
      order_status: "processed",
      order_date: "2025-11-18 08:59:05",
    });
    this.shopping.add_order({
      order_id: "VM-90290",
      item_id: "item-vistra-arm",
      order_status: "shipped",
      order_date: "2025-11-17 12:20:00",
    });
    this.shopping.add_order({
      order_id: "VM-89954",
      item_id: "item-vistra-24",
      order_status: "delivered",
      order_date: "2025-11-08 10:00:00",
    });
    this.email.add_emails({
      emails: [
        {
          sender: ORDERS,
          subject: "Order VM-90290 has shipped",
          content: "Vistra Gas-Spring Monitor Arm: arriving Wednesday.",
          time: "2025-11-17 18:00:00",
        },
      ],
    });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.email, this.shopping];
  }

  protected buildEventsFlow(): void {
    const confirm = (order: string, at: number) =>
      ev(
        this.email.send_email_to_user_with_id({
          email_id: `email-${order.toLowerCase()}`,
          sender: ORDERS,
          subject: `Order ${order} confirmed`,
          content:
            `Thank you for your order ${order}: Vistra 27" QHD Monitor x 1, $249.00. It leaves our warehouse ` +
            "tomorrow. Need to change something? Reply to this email.",
        }),
      )
        .withId(`confirmation_${order}`)
        .delayed(at);
    const first = confirm(FIRST, 5);
    const second = confirm(SECOND, 9);
    const orders = ev(this.shopping.list_orders()).oracle().dependsOn([first, second], { delaySeconds: 3 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          'You have two identical orders for the Vistra 27" QHD Monitor ($249 each), placed a minute apart: ' +
          "VM-90311 at 08:58 and VM-90312 at 08:59. Shall I cancel the second one, VM-90312, and reply to its " +
          "confirmation asking for the refund?",
      }),
    )
      .oracle()
      .dependsOn(orders, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes, that was a double click. Cancel it." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const cancel = ev(this.shopping.cancel_order({ order_id: SECOND }))
      .oracle()
      .dependsOn(accept, { delaySeconds: 2 });
    const find = ev(this.email.search_emails({ query: SECOND }))
      .oracle()
      .dependsOn(cancel, { delaySeconds: 1 });
    const reply = ev(
      this.email.reply_to_email({
        email_id: "email-vm-90312",
        content:
          "Hello,\n\nOrder VM-90312 was a duplicate of VM-90311, placed by mistake a minute later. I have " +
          "cancelled it; please refund the $249.00 and ship only VM-90311.\n\nThanks,\nJohn Doe",
      }),
    )
      .oracle()
      .dependsOn(find, { delaySeconds: 2 });
    this.events = [first, second, orders, propose, accept, cancel, find, reply];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const cancels = agentCalls(log, { className: "StatefulShoppingApp", function: "cancel_order" });
    const told = assistantEmailsTo(env, ORDERS).some(
      (m) => m.content.includes(SECOND) && mentionsAny(m.content, "duplicate", "cancel", "refund", "twice"),
    );
    return new Checklist()
      .require(
        "a proposal about the duplicate monitor order",
        proposals(log).some((e) =>
          mentionsAny(argText(e, "content"), "duplicate", "twice", "two", "identical"),
        ),
      )
      .require(
        "the second order VM-90312 cancelled",
        cancels.some((e) => argText(e, "order_id") === SECOND),
      )
      .require(
        "no other order cancelled (the first monitor, the arm and the 24-inch stay)",
        cancels.every((e) => argText(e, "order_id") === SECOND),
      )
      .require("an email to the shop about the duplicate VM-90312", told)
      .require(
        "nothing re-bought",
        agentCalls(log, { className: "StatefulShoppingApp", function: "checkout" }).length === 0,
      )
      .verdict();
  }
}
