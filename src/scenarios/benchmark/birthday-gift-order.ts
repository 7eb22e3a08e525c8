import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulCalendarApp } from "../../apps/calendar/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import { StatefulMessagingApp } from "../../apps/messaging/app.js";
import { StatefulShoppingApp } from "../../apps/shopping/app.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { PAREScenario } from "../pare-scenario.js";
import { argText, Checklist, mentionsAny, proposals } from "../scenario-verdict.js";
import { orderedExactly } from "../shopping-verdicts.js";

const ev = (x: unknown) => x as Event;

const GIFT_ITEM = "item-tidewave-mini-sage";

/**
 * Mia's birthday is on Thursday (calendar). Last week she told the user in chat that she wants the
 * Tidewave Mini speaker in sage green (not the bulky Max). At +10 s a mutual friend asks whether the
 * user has a gift yet. Ideal help: connect the two, offer to order that exact variant and, on
 * acceptance, add it to the cart and check out.
 */
@registerScenario("birthday_gift_order")
export class BirthdayGiftOrder extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["gap-detection"];
  override theme = "errands-shopping";
  override description =
    "A friend's birthday is Thursday and she named the speaker she wants in chat; order that exact item.";
  override additionalSystemPrompt =
    "You are John Doe. You have not bought Mia a birthday present yet and would gladly buy something " +
    "she actually asked for, if it is under 80.";

  private calendar!: StatefulCalendarApp;
  private messaging!: StatefulMessagingApp;
  private shop!: StatefulShoppingApp;
  private aui!: PAREAgentUserInterface;
  private owenId = "";

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.calendar = new StatefulCalendarApp();
    this.messaging = new StatefulMessagingApp();
    this.shop = new StatefulShoppingApp();
    this.calendar.add_calendar_event({
      title: "Mia's birthday",
      start_datetime: "2025-11-20 00:00:00",
      end_datetime: "2025-11-20 23:59:00",
      tag: "Birthday",
      attendees: ["Mia Castellano"],
    });
    this.calendar.add_calendar_event({
      title: "Team retro",
      start_datetime: "2025-11-19 15:00:00",
      end_datetime: "2025-11-19 16:00:00",
    });
    this.calendar.add_calendar_event({
      title: "Dad's birthday dinner",
      start_datetime: "2025-12-03 19:00:00",
      end_datetime: "2025-12-03 22:00:00",
      tag: "Birthday",
      location: "Casa Verde",
    });
    const ids = this.messaging.add_users({ user_names: ["Mia Castellano", "Owen Pratt", "Bea Lindholm"] });
    this.owenId = ids["Owen Pratt"] as string;
    const me = this.messaging.currentUserId;
    this.messaging.add_conversation({
      conversation_id: "conv-mia",
      participants: ["Mia Castellano"],
      messages: [
        {
          sender: "Mia Castellano",
          content: "My old speaker finally died in the shower, RIP 😭",
          time: "2025-11-11 19:02:00",
        },
        { sender: me, content: "Noo! Getting a new one?", time: "2025-11-11 19:05:00" },
        {
          sender: "Mia Castellano",
          content:
            "I really want the Tidewave Mini, the sage green one - waterproof and tiny. Not the Max, way too " +
            "bulky for my bathroom. Maybe after payday lol",
          time: "2025-11-11 19:07:00",
        },
      ],
    });
    this.messaging.add_conversation({
      conversation_id: "conv-owen",
      participants: ["Owen Pratt"],
      messages: [{ sender: "Owen Pratt", content: "Padel on Sunday at 10?", time: "2025-11-15 09:12:00" }],
    });
    this.messaging.add_conversation({
      participants: ["Bea Lindholm"],
      messages: [
        {
          sender: "Bea Lindholm",
          content: "Can you send me the lasagne recipe?",
          time: "2025-11-16 18:40:00",
        },
      ],
    });
    this.shop.add_product_with_variants({
      name: "Tidewave Mini Bluetooth Speaker",
      product_id: "prod-tidewave-mini",
      variants: [
        { item_id: "item-tidewave-mini-charcoal", price: 49.99, options: { color: "charcoal" } },
        { item_id: GIFT_ITEM, price: 49.99, options: { color: "sage green" } },
        { item_id: "item-tidewave-mini-coral", price: 49.99, options: { color: "coral" } },
      ],
    });
    this.shop.add_product_with_variants({
      name: "Tidewave Max Bluetooth Speaker",
      product_id: "prod-tidewave-max",
      variants: [{ item_id: "item-tidewave-max-sage", price: 129.0, options: { color: "sage green" } }],
    });
    this.shop.add_product_with_variants({
      name: "Lumo Adjustable Desk Lamp",
      variants: [{ price: 34.5, options: { finish: "brass" } }],
    });
    this.shop.add_product_with_variants({
      name: "Copper Pour-Over Kettle",
      variants: [{ price: 42.0, options: { capacity: "1 L" } }],
    });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.calendar, this.messaging, this.shop];
  }

  protected buildEventsFlow(): void {
    const nudge = ev(
      this.messaging.create_and_add_message({
        conversation_id: "conv-owen",
        sender_id: this.owenId,
        content: "Hey, got Mia a gift yet? I'm getting her that pottery book she mentioned.",
      }),
    )
      .withId("owen_nudge")
      .delayed(10);
    const when = ev(this.calendar.search_events({ query: "Mia" }))
      .oracle()
      .dependsOn(nudge, { delaySeconds: 3 });
    const findChat = ev(this.messaging.search({ query: "Mia" }))
      .oracle()
      .dependsOn(when, { delaySeconds: 1 });
    const chat = ev(this.messaging.read_conversation({ conversation_id: "conv-mia" }))
      .oracle()
      .dependsOn(findChat, { delaySeconds: 1 });
    const search = ev(this.shop.search_product({ product_name: "Tidewave Mini" }))
      .oracle()
      .dependsOn(chat, { delaySeconds: 1 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "Mia's birthday is this Thursday, and last week she said she wants the Tidewave Mini speaker in sage " +
          "green. It's 49.99 in the shop. Shall I order it for her?",
      }),
    )
      .oracle()
      .dependsOn(search, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Perfect, order it." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const cart = ev(this.shop.add_to_cart({ item_id: GIFT_ITEM, quantity: 1 }))
      .oracle()
      .dependsOn(accept, { delaySeconds: 2 });
    const buy = ev(this.shop.checkout({})).oracle().dependsOn(cart, { delaySeconds: 1 });
    this.events = [nudge, when, findChat, chat, search, propose, accept, cart, buy];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    // The assistant's order must hold exactly one sage Mini and nothing else, and still stand.
    const ordered = orderedExactly(env, GIFT_ITEM, 1);
    return new Checklist()
      .require(
        "a proposal to order the Tidewave Mini for Mia",
        proposals(log).some(
          (e) => mentionsAny(argText(e, "content"), "Mia") && mentionsAny(argText(e, "content"), "Tidewave"),
        ),
      )
      .require("an order of exactly one sage green Tidewave Mini", ordered)
      .verdict();
  }
}
