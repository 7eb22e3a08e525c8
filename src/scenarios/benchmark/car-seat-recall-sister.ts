import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulContactsApp } from "../../apps/contacts/app.js";
import { StatefulEmailApp } from "../../apps/email/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import { StatefulMessagingApp } from "../../apps/messaging/app.js";
import { StatefulShoppingApp } from "../../apps/shopping/app.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { assistantEmails, assistantEmailsTo } from "../email-verdicts.js";
import { PAREScenario } from "../pare-scenario.js";
import { agentCalls, argText, Checklist, mentionsAny, proposals } from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;

const INES = "+15550125";
const INES_DORADO = "+15550129";
const REFUNDS = "refunds@tinybloom.example";
const SEAT_ORDER = "TB-7071";

/**
 * Tinybloom recalls (+6 s) the Nestling Go NG-3 car seat sold in September and October: the buckle can open.
 * John bought one in October (TB-7071) as a gift delivered to his sister Ines Doe, who has a baby; the order
 * email says so and Contacts has her number (a colleague Ines Dorado is the namesake). His travel-cot order from
 * the same shop is not recalled. Ideal help: offer to warn Ines and claim the refund; on acceptance text Ines
 * (number from Contacts) to stop using the seat and email Tinybloom's refunds address with the order id.
 */
@registerScenario("car_seat_recall_sister")
export class CarSeatRecallSister extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["timing-sensitive"];
  override theme = "after-sales";
  override description =
    "A recall hits the car seat the user gave his sister for her baby; warn her at once and claim the refund.";
  override additionalSystemPrompt =
    "You are John Doe. You gave your sister Ines the car seat for her baby Theo; her safety comes first, then " +
    "the refund, which you will pass on to her.";

  private contacts!: StatefulContactsApp;
  private email!: StatefulEmailApp;
  private messaging!: StatefulMessagingApp;
  private shopping!: StatefulShoppingApp;
  private aui!: PAREAgentUserInterface;

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.contacts = new StatefulContactsApp();
    this.email = new StatefulEmailApp();
    this.messaging = new StatefulMessagingApp();
    this.shopping = new StatefulShoppingApp();
    this.contacts.add_contacts({
      contacts: [
        {
          first_name: "Ines",
          last_name: "Doe",
          phone: INES,
          address: "8 Larch Close, Orrington",
          description: "Sister. Baby Theo born September 2025.",
        },
        {
          first_name: "Ines",
          last_name: "Dorado",
          phone: INES_DORADO,
          job: "Product designer",
          description: "Colleague",
        },
        { first_name: "Marcus", last_name: "Doe", phone: "+15550126", description: "Brother-in-law" },
      ],
    });
    this.messaging.add_contacts({
      contacts: [
        { name: "Ines Doe", phone: INES },
        { name: "Ines Dorado", phone: INES_DORADO },
      ],
    });
    this.messaging.add_conversation({
      participants: [INES],
      messages: [
        {
          sender: INES,
          content: "Theo fell asleep in the car seat again, best present ever",
          time: "2025-11-02 14:00:00",
        },
      ],
    });
    this.messaging.add_conversation({
      participants: [INES_DORADO],
      messages: [{ sender: INES_DORADO, content: "Sent you the mock-ups", time: "2025-11-17 17:00:00" }],
    });
    this.shopping.add_product_with_variants({
      name: "Nestling Go Car Seat",
      product_id: "prod-nestling-go",
      variants: [
        { item_id: "item-ng3-storm", price: 199, options: { model: "NG-3", colour: "Storm grey" } },
        { item_id: "item-ng3-berry", price: 199, options: { model: "NG-3", colour: "Berry" } },
        { item_id: "item-ng2-storm", price: 149, options: { model: "NG-2", colour: "Storm grey" } },
      ],
    });
    this.shopping.add_product_with_variants({
      name: "Nestling Travel Cot",
      product_id: "prod-nestling-cot",
      variants: [{ item_id: "item-cot", price: 119, options: { colour: "Sand" } }],
    });
    this.shopping.add_order({
      order_id: SEAT_ORDER,
      item_id: "item-ng3-storm",
      order_status: "delivered",
      order_date: "2025-10-03 19:20:00",
    });
    this.shopping.add_order({
      order_id: "TB-7302",
      item_id: "item-cot",
      order_status: "delivered",
      order_date: "2025-11-01 10:00:00",
    });
    this.email.add_emails({
      emails: [
        {
          sender: "orders@tinybloom.example",
          subject: "Gift order TB-7071 delivered",
          content:
            "Nestling Go Car Seat NG-3, Storm grey, $199.00, gift wrapped and delivered to Ines Doe, 8 Larch Close, " +
            "on 6 October.",
          time: "2025-10-06 13:00:00",
        },
        {
          sender: "orders@tinybloom.example",
          subject: "Order TB-7302 delivered",
          content: "Nestling Travel Cot, Sand, $119.00.",
          time: "2025-11-03 12:00:00",
        },
      ],
    });
    this.apps = [
      this.aui,
      new HomeScreenSystemApp(),
      this.email,
      this.shopping,
      this.contacts,
      this.messaging,
    ];
  }

  protected buildEventsFlow(): void {
    const recall = ev(
      this.email.send_email_to_user_with_id({
        email_id: "email-tb-recall",
        sender: "recalls@tinybloom.example",
        subject: "Urgent safety recall: Nestling Go NG-3 car seat",
        content:
          "Nestling Go NG-3 car seats sold between 1 September and 31 October 2025 are being recalled: the " +
          "harness buckle can open under load. Stop using the seat straight away. If you bought one from " +
          `Tinybloom, email ${REFUNDS} with your order number for a full refund. The NG-2 and all other ` +
          "Nestling products are not affected.",
      }),
    )
      .withId("car_seat_recall")
      .delayed(6);
    const orders = ev(this.shopping.list_orders()).oracle().dependsOn(recall, { delaySeconds: 3 });
    const gift = ev(this.email.search_emails({ query: SEAT_ORDER }))
      .oracle()
      .dependsOn(orders, { delaySeconds: 1 });
    const sister = ev(this.contacts.search_contacts({ query: "Ines" }))
      .oracle()
      .dependsOn(gift, { delaySeconds: 1 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "Urgent: Tinybloom is recalling the Nestling Go NG-3 car seat (the buckle can open). It's the one you " +
          "gave Ines for Theo (order TB-7071, October). Shall I text Ines Doe (+15550125) to stop using it now, " +
          `and email ${REFUNDS} for the refund with the order number?`,
      }),
    )
      .oracle()
      .dependsOn(sister, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes, warn her right away and claim the refund." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const number = ev(this.contacts.search_contacts({ query: "Ines Doe" }))
      .oracle()
      .dependsOn(accept, { delaySeconds: 1 });
    const warn = ev(
      this.messaging.send_message({
        user_id: INES,
        content:
          "Ines, please stop using the Nestling car seat I gave you: the NG-3 is being recalled because the " +
          "buckle can open. I'm claiming the refund and we'll get Theo a safe one.",
      }),
    )
      .oracle()
      .dependsOn(number, { delaySeconds: 1 });
    const refund = ev(
      this.email.send_email({
        recipients: [REFUNDS],
        subject: "Recall refund: Nestling Go NG-3, order TB-7071",
        content:
          "Hello,\n\nI bought a Nestling Go NG-3 car seat (Storm grey, $199.00) on 3 October, order TB-7071, " +
          "which is covered by the recall. Please refund it in full.\n\nThank you,\nJohn Doe",
      }),
    )
      .oracle()
      .dependsOn(warn, { delaySeconds: 2 });
    this.events = [recall, orders, gift, sister, propose, accept, number, warn, refund];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const messages = agentCalls(log, { className: "StatefulMessagingApp", function: "send_message" });
    const warned = messages.some(
      (e) => argText(e, "user_id") === INES && mentionsAny(argText(e, "content"), "recall", "stop", "unsafe"),
    );
    const refund = assistantEmailsTo(env, REFUNDS).some(
      (m) => m.content.includes(SEAT_ORDER) && mentionsAny(m.content, "refund"),
    );
    const cot = assistantEmails(env).some((m) => m.content.includes("TB-7302"));
    return new Checklist()
      .require(
        "a proposal about the car seat recall",
        proposals(log).some((e) => mentionsAny(argText(e, "content"), "recall", "car seat")),
      )
      .require("Ines Doe warned by text about the recall", warned)
      .require(
        "no message to the namesake Ines Dorado or anyone else",
        messages.every((e) => argText(e, "user_id") === INES),
      )
      .require("a refund claim to Tinybloom refunds with order TB-7071", refund)
      .require("no claim for the travel cot", !cot)
      .verdict();
  }
}
