import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulEmailApp } from "../../apps/email/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import { StatefulShoppingApp } from "../../apps/shopping/app.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { PAREScenario } from "../pare-scenario.js";
import { assistantWrites, Checklist, proposals } from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;

const BLENDER_ORDER = "MS-20917";

/**
 * A false alarm. Mistral Kitchen recalls (+7 s) its 600 Blender in matte black, batch MB-24, and asks owners
 * to reply with their order number for a refund. John's delivered Mistral 600 Blender (MS-20917) is the arctic
 * white variant, as the order and its confirmation email show; his matte-black Mistral item is a hand mixer,
 * another product. A careful assistant reads the recall, the orders and the confirmation, and stays quiet:
 * proposing a claim, a cancellation or a reply fails.
 */
@registerScenario("recall_other_variant_no_action")
export class RecallOtherVariantNoAction extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["information-extraction"];
  override theme = "after-sales";
  override expectsProposal = false;
  override description =
    "A recall covers the matte-black batch of a blender; the user's blender is the white one, so nothing needs doing.";
  override additionalSystemPrompt =
    "You are John Doe. You dislike being bothered about product notices that do not concern you; decline any " +
    "offer to claim a refund for a blender that is not the recalled one.";

  private email!: StatefulEmailApp;
  private shopping!: StatefulShoppingApp;

  protected initAndPopulateApps(): void {
    const aui = new PAREAgentUserInterface();
    this.email = new StatefulEmailApp();
    this.shopping = new StatefulShoppingApp();
    this.shopping.add_product_with_variants({
      name: "Mistral 600 Blender",
      product_id: "prod-mistral-600",
      variants: [
        { item_id: "item-m600-black", price: 89, options: { colour: "Matte black" } },
        { item_id: "item-m600-white", price: 89, options: { colour: "Arctic white" } },
        { item_id: "item-m600-sage", price: 94, options: { colour: "Sage" } },
      ],
    });
    this.shopping.add_product_with_variants({
      name: "Mistral Hand Mixer",
      product_id: "prod-mistral-mixer",
      variants: [{ item_id: "item-mixer-black", price: 45, options: { colour: "Matte black" } }],
    });
    this.shopping.add_product_with_variants({
      name: "Oakline Chopping Board",
      product_id: "prod-board",
      variants: [{ item_id: "item-board-l", price: 28, options: { size: "Large" } }],
    });
    this.shopping.add_order({
      order_id: BLENDER_ORDER,
      item_id: "item-m600-white",
      order_status: "delivered",
      order_date: "2025-10-12 15:30:00",
    });
    this.shopping.add_order({
      order_id: "MS-21388",
      item_id: "item-mixer-black",
      order_status: "delivered",
      order_date: "2025-11-03 09:12:00",
    });
    this.shopping.add_order({
      order_id: "OL-5520",
      item_id: "item-board-l",
      order_status: "shipped",
      order_date: "2025-11-16 18:00:00",
    });
    this.email.add_emails({
      emails: [
        {
          sender: "orders@mistral-kitchen.example",
          subject: "Your Mistral order MS-20917",
          content:
            "Thank you! Mistral 600 Blender, colour: Arctic white. Delivered to your door on 15 October.",
          time: "2025-10-15 11:20:00",
        },
        {
          sender: "orders@mistral-kitchen.example",
          subject: "Your Mistral order MS-21388",
          content: "Thank you! Mistral Hand Mixer, colour: Matte black.",
          time: "2025-11-03 09:13:00",
        },
        {
          sender: "maya.lindqvist@postbox.example",
          subject: "Smoothie recipe",
          content: "Spinach, banana, oat milk, a spoon of peanut butter. Blend for a full minute!",
          time: "2025-11-16 08:30:00",
        },
      ],
    });
    this.apps = [aui, new HomeScreenSystemApp(), this.email, this.shopping];
  }

  protected buildEventsFlow(): void {
    const recall = ev(
      this.email.send_email_to_user_with_id({
        email_id: "email-mistral-recall",
        sender: "recalls@mistral-kitchen.example",
        subject: "Important: Mistral 600 Blender recall",
        content:
          "We are recalling Mistral 600 Blenders in matte black from production batch MB-24: the jug seal can " +
          "leak onto the motor base. If you own one, stop using it and reply with your order number; we refund " +
          "the full price. Blenders in arctic white or sage, and all other Mistral products, are not affected.",
      }),
    )
      .withId("blender_recall")
      .delayed(7);
    const orders = ev(this.shopping.list_orders()).oracle().dependsOn(recall, { delaySeconds: 3 });
    const order = ev(this.shopping.get_order_details({ order_id: BLENDER_ORDER }))
      .oracle()
      .dependsOn(orders, { delaySeconds: 1 });
    const confirmation = ev(this.email.search_emails({ query: "MS-20917" }))
      .oracle()
      .dependsOn(order, { delaySeconds: 1 });
    this.events = [recall, orders, order, confirmation];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    return new Checklist()
      .require(
        "no proposal: the user's blender is the white one, not the recalled black batch",
        proposals(log).length === 0,
      )
      .require("no order cancelled, no claim or reply sent", assistantWrites(log).length === 0)
      .verdict();
  }
}
