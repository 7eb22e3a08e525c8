import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulEmailApp } from "../../apps/email/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import { StatefulMessagingApp } from "../../apps/messaging/app.js";
import { StatefulShoppingApp } from "../../apps/shopping/app.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { PAREScenario } from "../pare-scenario.js";
import { assistantWrites, Checklist, proposals } from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;

const DAD = "+15550110";
const ORDERS = "orders@kilnandco.example";

/**
 * A tempting false alarm. Confirmations for two identical orders of the blue speckled Kiln & Co mug arrive (+5 s,
 * +9 s), placed six minutes apart this morning. They look like a double purchase, but between them John's dad
 * asked in their chat for a mug of his own ("same blue, I'll pay you back") and John answered that he was
 * ordering it. A careful assistant checks the orders and the chat and stays quiet: proposing to cancel either
 * order fails.
 */
@registerScenario("second_mug_for_dad")
export class SecondMugForDad extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["conflict-resolution"];
  override theme = "errands-shopping";
  override expectsProposal = false;
  override description =
    "Two orders for the same mug arrive minutes apart, but the second is the one Dad asked for; nothing to cancel.";
  override additionalSystemPrompt =
    "You are John Doe. This morning you ordered a speckled mug for yourself and then, after your dad asked, a " +
    "second one for him. Decline any suggestion to cancel one of them.";

  private email!: StatefulEmailApp;
  private messaging!: StatefulMessagingApp;
  private shopping!: StatefulShoppingApp;

  protected initAndPopulateApps(): void {
    const aui = new PAREAgentUserInterface();
    this.email = new StatefulEmailApp();
    this.messaging = new StatefulMessagingApp();
    this.shopping = new StatefulShoppingApp();
    this.messaging.add_contacts({
      contacts: [
        { name: "Graham Doe", phone: DAD },
        { name: "Nina Castellanos", phone: "+15550177" },
      ],
    });
    const me = this.messaging.currentUserId;
    this.messaging.add_conversation({
      conversation_id: "conv-dad",
      participants: [DAD],
      messages: [
        {
          sender: me,
          content: "Look what I'm treating myself to [photo of a blue speckled mug]",
          time: "2025-11-18 08:40:00",
        },
        {
          sender: DAD,
          content: "That's lovely. Could you order me one too, same blue? I'll pay you back on Sunday",
          time: "2025-11-18 08:44:00",
        },
        { sender: me, content: "Of course, ordering yours now", time: "2025-11-18 08:45:00" },
      ],
    });
    this.messaging.add_conversation({
      participants: ["+15550177"],
      messages: [{ sender: "+15550177", content: "Coffee after the standup?", time: "2025-11-18 08:20:00" }],
    });
    this.shopping.add_product_with_variants({
      name: "Kiln & Co Speckled Stoneware Mug",
      product_id: "prod-kiln-mug",
      variants: [
        { item_id: "item-mug-blue", price: 18, options: { glaze: "Blue speckle" } },
        { item_id: "item-mug-sand", price: 18, options: { glaze: "Sand speckle" } },
      ],
    });
    this.shopping.add_product_with_variants({
      name: "Kiln & Co Pour-Over Dripper",
      product_id: "prod-kiln-dripper",
      variants: [{ item_id: "item-dripper", price: 32, options: { glaze: "White" } }],
    });
    this.shopping.add_order({
      order_id: "KC-4410",
      item_id: "item-mug-blue",
      order_status: "processed",
      order_date: "2025-11-18 08:41:00",
    });
    this.shopping.add_order({
      order_id: "KC-4415",
      item_id: "item-mug-blue",
      order_status: "processed",
      order_date: "2025-11-18 08:47:00",
    });
    this.shopping.add_order({
      order_id: "KC-4102",
      item_id: "item-dripper",
      order_status: "delivered",
      order_date: "2025-10-30 19:00:00",
    });
    this.apps = [aui, new HomeScreenSystemApp(), this.email, this.shopping, this.messaging];
  }

  protected buildEventsFlow(): void {
    const confirm = (order: string, at: number) =>
      ev(
        this.email.send_email_to_user_with_id({
          email_id: `email-${order.toLowerCase()}`,
          sender: ORDERS,
          subject: `Order ${order} confirmed`,
          content:
            `Thanks for order ${order}: Kiln & Co Speckled Stoneware Mug, Blue speckle x 1, $18.00. ` +
            "Changed your mind? You can cancel in the app until it ships.",
        }),
      )
        .withId(`confirmation_${order}`)
        .delayed(at);
    const first = confirm("KC-4410", 5);
    const second = confirm("KC-4415", 9);
    const orders = ev(this.shopping.list_orders()).oracle().dependsOn([first, second], { delaySeconds: 3 });
    const chats = ev(this.messaging.list_recent_conversations({ limit: 3 }))
      .oracle()
      .dependsOn(orders, { delaySeconds: 1 });
    const dad = ev(this.messaging.read_conversation({ conversation_id: "conv-dad", limit: 5 }))
      .oracle()
      .dependsOn(chats, { delaySeconds: 1 });
    this.events = [first, second, orders, chats, dad];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    return new Checklist()
      .require("no proposal: the second mug is the one Dad asked for", proposals(log).length === 0)
      .require("no order cancelled and nothing sent", assistantWrites(log).length === 0)
      .verdict();
  }
}
