import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulEmailApp } from "../../apps/email/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import { StatefulShoppingApp } from "../../apps/shopping/app.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { assistantEmailsTo } from "../email-verdicts.js";
import { PAREScenario } from "../pare-scenario.js";
import { agentCalls, argText, Checklist, mentionsAll, mentionsAny, proposals } from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;

const RECALL_EMAIL = "email-bw-recall";
const SAFETY = "safety@brightwell-home.example";
const KETTLE_ORDER = "BW-40718";

/**
 * Brightwell Home emails a safety recall (+8 s) for its Glass Kettle in the 1.7 L size. John's order of that
 * kettle (BW-40718) has shipped but not arrived; the same kettle in 1.2 L (BW-40691, a present for his mother,
 * still processed) and a delivered Brightwell toaster are not covered. Ideal help: offer to cancel BW-40718 and
 * reply to the recall asking for the refund confirmation; on acceptance cancel that order only and reply.
 */
@registerScenario("kettle_recall_cancel_order")
export class KettleRecallCancelOrder extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["timing-sensitive"];
  override theme = "after-sales";
  override description =
    "A recall names the 1.7 L kettle the user has on its way; cancel that order (not the 1.2 L gift) and ask for the refund.";
  override additionalSystemPrompt =
    "You are John Doe. You want nothing to do with a recalled appliance and prefer cancelling over returning a " +
    "parcel. The 1.2 L kettle you ordered is a birthday present for your mother and must stay on order.";

  private email!: StatefulEmailApp;
  private shopping!: StatefulShoppingApp;
  private aui!: PAREAgentUserInterface;

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.email = new StatefulEmailApp();
    this.shopping = new StatefulShoppingApp();
    this.shopping.add_product_with_variants({
      name: "Brightwell Glass Kettle",
      product_id: "prod-bw-kettle",
      variants: [
        { item_id: "item-bw-kettle-17", price: 54, options: { capacity: "1.7 L", model: "BK-170" } },
        { item_id: "item-bw-kettle-12", price: 46, options: { capacity: "1.2 L", model: "BK-120" } },
      ],
    });
    this.shopping.add_product_with_variants({
      name: "Brightwell 2-Slice Toaster",
      product_id: "prod-bw-toaster",
      variants: [{ item_id: "item-bw-toaster-cream", price: 39, options: { colour: "Cream" } }],
    });
    this.shopping.add_product_with_variants({
      name: "Fernleaf Cotton Tea Towels (3-pack)",
      product_id: "prod-tea-towels",
      variants: [{ item_id: "item-tea-towels", price: 12.5, options: { pattern: "Stripe" } }],
    });
    this.shopping.add_order({
      order_id: KETTLE_ORDER,
      item_id: "item-bw-kettle-17",
      order_status: "shipped",
      order_date: "2025-11-15 19:22:00",
    });
    this.shopping.add_order({
      order_id: "BW-40691",
      item_id: "item-bw-kettle-12",
      order_status: "processed",
      order_date: "2025-11-14 08:05:00",
    });
    this.shopping.add_order({
      order_id: "BW-40233",
      item_id: "item-bw-toaster-cream",
      order_status: "delivered",
      order_date: "2025-11-02 12:40:00",
    });
    this.shopping.add_order({
      order_id: "FL-88120",
      item_id: "item-tea-towels",
      order_status: "delivered",
      order_date: "2025-11-06 17:10:00",
    });
    this.email.add_emails({
      emails: [
        {
          sender: "orders@brightwell-home.example",
          subject: "Order BW-40718 is on its way",
          content:
            "Good news: your Brightwell Glass Kettle (1.7 L) has left our warehouse and should reach you on Thursday.",
          time: "2025-11-17 07:45:00",
        },
        {
          sender: "orders@brightwell-home.example",
          subject: "We've received order BW-40691",
          content:
            "Brightwell Glass Kettle (1.2 L), gift wrapped, with the card message 'Happy birthday, Mum!'.",
          time: "2025-11-14 08:06:00",
        },
        {
          sender: "newsletter@fernleaf.example",
          subject: "Autumn linens are here",
          content: "New colours in tea towels and table runners, this week only.",
          time: "2025-11-16 10:00:00",
        },
      ],
    });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.email, this.shopping];
  }

  protected buildEventsFlow(): void {
    const recall = ev(
      this.email.send_email_to_user_with_id({
        email_id: RECALL_EMAIL,
        sender: SAFETY,
        subject: "Safety recall: Brightwell Glass Kettle 1.7 L (BK-170)",
        content:
          "We have found that the lid catch of the Brightwell Glass Kettle 1.7 L (model BK-170) can release " +
          "while the water boils. Please stop using it. If your kettle has not been delivered yet, cancel the " +
          "order in the Brightwell app and reply to this email with your order number: we confirm every refund " +
          "within two working days. The 1.2 L kettle (BK-120) and our toasters are not affected.",
      }),
    )
      .withId("kettle_recall")
      .delayed(8);
    const orders = ev(this.shopping.list_orders()).oracle().dependsOn(recall, { delaySeconds: 3 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "Brightwell is recalling the 1.7 L Glass Kettle, and your order BW-40718 for it has shipped but not " +
          "arrived yet. Shall I cancel BW-40718 and reply to the recall email asking them to confirm the refund? " +
          "Your 1.2 L kettle for your mum (BW-40691) and the toaster are not affected.",
      }),
    )
      .oracle()
      .dependsOn(orders, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes, cancel it and ask for the refund." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const cancel = ev(this.shopping.cancel_order({ order_id: KETTLE_ORDER }))
      .oracle()
      .dependsOn(accept, { delaySeconds: 2 });
    const find = ev(this.email.search_emails({ query: "recall" }))
      .oracle()
      .dependsOn(cancel, { delaySeconds: 1 });
    const reply = ev(
      this.email.reply_to_email({
        email_id: RECALL_EMAIL,
        content:
          "Hello,\n\nI have cancelled my order BW-40718 (Glass Kettle 1.7 L, BK-170), which had not been " +
          "delivered yet. Could you please confirm the refund of $54.00?\n\nThank you,\nJohn Doe",
      }),
    )
      .oracle()
      .dependsOn(find, { delaySeconds: 2 });
    this.events = [recall, orders, propose, accept, cancel, find, reply];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const cancels = agentCalls(log, { className: "StatefulShoppingApp", function: "cancel_order" });
    const refundAsked = assistantEmailsTo(env, SAFETY).some(
      (m) => mentionsAll(m.content, KETTLE_ORDER) && mentionsAny(m.content, "refund"),
    );
    return new Checklist()
      .require(
        "a proposal about the recalled kettle",
        proposals(log).some((e) => mentionsAny(argText(e, "content"), "recall", "kettle")),
      )
      .require(
        "the 1.7 L kettle order BW-40718 cancelled",
        cancels.some((e) => argText(e, "order_id") === KETTLE_ORDER),
      )
      .require(
        "no other order cancelled (the 1.2 L gift kettle is not recalled)",
        cancels.every((e) => argText(e, "order_id") === KETTLE_ORDER),
      )
      .require("an email to the recall desk asking for the refund of BW-40718", refundAsked)
      .verdict();
  }
}
