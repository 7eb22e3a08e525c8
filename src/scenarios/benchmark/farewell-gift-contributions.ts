import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import { StatefulMessagingApp } from "../../apps/messaging/app.js";
import { StatefulShoppingApp } from "../../apps/shopping/app.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { groupPosts, messagesElsewhere } from "../messaging-verdicts.js";
import { PAREScenario } from "../pare-scenario.js";
import { argText, assistantWrites, Checklist, mentionsAmount, proposals } from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;

const OMAR = "+15550281";
const LUCIA = "+15550282";
const BEN = "+15550283";
const TESS = "+15550284";
const KAI = "+15550285";
const INGRID = "+15550286";
const GROUP = "conv-ingrid-sendoff";
const GIFT_ORDER = "GF-3312";
const SHARE = 30;

/**
 * John ordered Ingrid's leaving present: a Moka Pro espresso maker ($156) with an engraved brass plate ($24),
 * order GF-3312, $180 in all. In "Ingrid's send-off" (John and five colleagues, not Ingrid) Omar asks (+9 s)
 * to split it evenly between the six of them and what it came to. Distractors: John's own Moka Pro Mini order
 * ($98), a book order, Ingrid's 1:1 chat and the "Design team" group she is in (the gift is a surprise).
 * Ideal help: offer to post the total and the $30 share; on acceptance post it in the send-off group only.
 */
@registerScenario("farewell_gift_contributions")
export class FarewellGiftContributions extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["follow-up"];
  override theme = "cost-sharing";
  override description =
    "Colleagues agree to split the farewell gift the user ordered; post the order total and the per-person share in their group.";
  override additionalSystemPrompt =
    "You are John Doe. You paid for Ingrid's present and want it split evenly between the six of you. The " +
    "present is a surprise: Ingrid must not hear about it.";

  private messaging!: StatefulMessagingApp;
  private shopping!: StatefulShoppingApp;
  private aui!: PAREAgentUserInterface;

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.messaging = new StatefulMessagingApp();
    this.shopping = new StatefulShoppingApp();
    this.shopping.add_product_with_variants({
      name: "Moka Pro Espresso Maker",
      product_id: "prod-moka-pro",
      variants: [
        { item_id: "item-moka-pro-steel", price: 156, options: { size: "6 cup", finish: "Brushed steel" } },
        { item_id: "item-moka-mini-red", price: 98, options: { size: "Mini, 2 cup", finish: "Red" } },
      ],
    });
    this.shopping.add_product_with_variants({
      name: "Engraved Brass Plate",
      product_id: "prod-brass-plate",
      variants: [{ item_id: "item-plate-small", price: 24, options: { size: "Small" } }],
    });
    this.shopping.add_product_with_variants({
      name: "The Slow Coffee Book",
      product_id: "prod-coffee-book",
      variants: [{ item_id: "item-coffee-book", price: 22.5, options: { format: "Hardback" } }],
    });
    this.shopping.add_order_multiple_items({
      order_id: GIFT_ORDER,
      items: { "item-moka-pro-steel": 1, "item-plate-small": 1 },
      order_status: "shipped",
      order_date: "2025-11-15 13:20:00",
    });
    this.shopping.add_order({
      order_id: "GF-2987",
      item_id: "item-moka-mini-red",
      order_status: "delivered",
      order_date: "2025-10-04 10:00:00",
    });
    this.shopping.add_order({
      order_id: "GF-3350",
      item_id: "item-coffee-book",
      order_status: "processed",
      order_date: "2025-11-17 21:45:00",
    });
    this.messaging.add_contacts({
      contacts: [
        { name: "Omar Farah", phone: OMAR },
        { name: "Lucia Vidal", phone: LUCIA },
        { name: "Ben Okoro", phone: BEN },
        { name: "Tess Morgan", phone: TESS },
        { name: "Kai Lindgren", phone: KAI },
        { name: "Ingrid Berg", phone: INGRID },
      ],
    });
    const me = this.messaging.currentUserId;
    this.messaging.add_conversation({
      conversation_id: GROUP,
      title: "Ingrid's send-off",
      participants: [OMAR, LUCIA, BEN, TESS, KAI],
      messages: [
        { sender: LUCIA, content: "Shh, Ingrid is not in this chat, right?", time: "2025-11-14 11:00:00" },
        {
          sender: me,
          content: "Nope. I've ordered the espresso maker she kept talking about, with an engraving",
          time: "2025-11-15 13:30:00",
        },
      ],
    });
    this.messaging.add_conversation({
      conversation_id: "conv-design-team",
      title: "Design team",
      participants: [OMAR, INGRID, TESS],
      messages: [{ sender: INGRID, content: "Crit moved to 2pm", time: "2025-11-17 09:10:00" }],
    });
    this.messaging.add_conversation({
      conversation_id: "conv-ingrid",
      participants: [INGRID],
      messages: [
        { sender: INGRID, content: "Can't believe Friday is my last day!", time: "2025-11-17 18:00:00" },
      ],
    });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.messaging, this.shopping];
  }

  protected buildEventsFlow(): void {
    const ask = ev(
      this.messaging.create_and_add_message({
        conversation_id: GROUP,
        sender_id: OMAR,
        content:
          "Let's split Ingrid's present evenly between the six of us. John, what did the espresso maker with " +
          "the engraving come to in the end?",
      }),
    )
      .withId("omar_asks_total")
      .delayed(9);
    const orders = ev(this.shopping.list_orders()).oracle().dependsOn(ask, { delaySeconds: 3 });
    const gift = ev(this.shopping.get_order_details({ order_id: GIFT_ORDER }))
      .oracle()
      .dependsOn(orders, { delaySeconds: 1 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "Omar asks what Ingrid's present cost. Order GF-3312 (Moka Pro Espresso Maker $156 + Engraved Brass " +
          "Plate $24) came to $180.00, so $30.00 each for the six of you. Shall I post that in Ingrid's send-off?",
      }),
    )
      .oracle()
      .dependsOn(gift, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes, post it." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const find = ev(this.messaging.search({ query: "send-off" }))
      .oracle()
      .dependsOn(accept, { delaySeconds: 1 });
    const post = ev(
      this.messaging.send_message_to_group_conversation({
        conversation_id: GROUP,
        content:
          "The espresso maker plus the engraved plate came to $180.00 in total, so $30.00 each for the six " +
          "of us. Send it whenever suits!",
      }),
    )
      .oracle()
      .dependsOn(find, { delaySeconds: 1 });
    this.events = [ask, orders, gift, propose, accept, find, post];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const posts = groupPosts(log, GROUP).map((e) => argText(e, "content"));
    return new Checklist()
      .require(
        "a proposal about the gift's cost",
        proposals(log).some((e) => mentionsAmount(argText(e, "content"), SHARE)),
      )
      .require(
        "a post in Ingrid's send-off with the $30 share",
        posts.some((p) => mentionsAmount(p, SHARE)),
      )
      .require(
        "no wrong figure (the Mini, the book, a split by five)",
        posts.every((p) => !mentionsAmount(p, 98) && !mentionsAmount(p, 22.5) && !mentionsAmount(p, 36)),
      )
      .require(
        "nothing sent to Ingrid or the Design team (the present is a surprise)",
        messagesElsewhere(log, { conversations: [GROUP], users: [OMAR, LUCIA, BEN, TESS, KAI] }).length === 0,
      )
      .require(
        "no order cancelled or placed",
        assistantWrites(log, { className: "StatefulShoppingApp" }).length === 0,
      )
      .verdict();
  }
}
