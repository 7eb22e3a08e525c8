import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulContactsApp } from "../../apps/contacts/app.js";
import { StatefulEmailApp } from "../../apps/email/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import { StatefulMessagingApp } from "../../apps/messaging/app.js";
import { StatefulShoppingApp } from "../../apps/shopping/app.js";
import type { Environment } from "../../core/environment.js";
import { ConditionCheckEvent, type Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { assistantEmails, assistantEmailsTo } from "../email-verdicts.js";
import { PAREScenario } from "../pare-scenario.js";
import { argText, assistantWrites, Checklist, mentionsAny, proposals } from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;

const LEAH = "+15550142";
const SUPPORT = "support@halvard-home.example";
const LAMP_ORDER = "HV-2281";
const PICKUP_EMAIL = "email-halvard-pickup";
const HOME = "Flat 4, 27 Quayside Terrace, Marlow Bay";

/**
 * Two rounds. (1) John's partner Leah texts (+6 s) that the base of yesterday's Halvard table lamp is cracked and
 * that they are both home on Saturday. Ideal help: offer to report it; on acceptance email Halvard support (the
 * address in the delivery email) with order HV-2281 and the fault, and report back. (2) Only once that email
 * reached support does support answer (+15 s): the courier can swap the lamp, reply with the full address and
 * a day (Thursday, Friday or Saturday). Ideal help: offer to answer with the address on John's own contact card
 * (not Leah's studio or his father's house) and Saturday; on acceptance reply to support's email.
 */
@registerScenario("cracked_lamp_support_followup")
export class CrackedLampSupportFollowup extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["follow-up"];
  override theme = "after-sales";
  override description =
    "The new lamp arrived cracked: report it to support, then answer their pickup questions with the home address and Saturday.";
  override additionalSystemPrompt =
    "You are John Doe. You want the cracked lamp swapped for a new one. You and Leah are both home on Saturday " +
    "morning; on weekdays nobody is in.";

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
    const me = this.contacts.get_current_user_details();
    this.contacts.edit_contact({
      contact_id: me.contact_id,
      updates: { address: HOME, city_living: "Marlow Bay", phone: "+15550100" },
    });
    this.contacts.add_contacts({
      contacts: [
        {
          first_name: "Leah",
          last_name: "Okafor",
          phone: LEAH,
          email: "leah.okafor@postbox.example",
          address: "Okafor Design Studio, 5 Mill Yard, Marlow Bay",
          description: "Partner",
        },
        {
          first_name: "Graham",
          last_name: "Doe",
          phone: "+15550110",
          address: "3 Beech Lane, Orrington",
          description: "Dad",
        },
      ],
    });
    this.messaging.add_contacts({
      contacts: [
        { name: "Leah Okafor", phone: LEAH },
        { name: "Graham Doe", phone: "+15550110" },
      ],
    });
    this.messaging.add_conversation({
      conversation_id: "conv-leah",
      participants: [LEAH],
      messages: [
        { sender: LEAH, content: "Parcel's here! The lamp you picked, I think", time: "2025-11-17 16:10:00" },
        { sender: this.messaging.currentUserId, content: "Yay, unbox it!", time: "2025-11-17 16:14:00" },
      ],
    });
    this.shopping.add_product_with_variants({
      name: "Halvard Ceramic Table Lamp",
      product_id: "prod-halvard-lamp",
      variants: [
        { item_id: "item-lamp-terracotta", price: 84, options: { glaze: "Terracotta" } },
        { item_id: "item-lamp-chalk", price: 84, options: { glaze: "Chalk" } },
      ],
    });
    this.shopping.add_product_with_variants({
      name: "Halvard Linen Shade",
      product_id: "prod-halvard-shade",
      variants: [{ item_id: "item-shade-natural", price: 29, options: { colour: "Natural" } }],
    });
    this.shopping.add_order({
      order_id: LAMP_ORDER,
      item_id: "item-lamp-terracotta",
      order_status: "delivered",
      order_date: "2025-11-12 20:30:00",
    });
    this.shopping.add_order({
      order_id: "HV-2104",
      item_id: "item-shade-natural",
      order_status: "delivered",
      order_date: "2025-10-21 18:00:00",
    });
    this.email.add_emails({
      emails: [
        {
          sender: "orders@halvard-home.example",
          subject: "Delivered: order HV-2281",
          content:
            "Your Halvard Ceramic Table Lamp (Terracotta) has been delivered. Something wrong with it? Write to " +
            `${SUPPORT} with your order number.`,
          time: "2025-11-17 16:05:00",
        },
        {
          sender: "hello@halvard-home.example",
          subject: "Winter candles are back",
          content: "Cedar, fig and smoked vanilla.",
          time: "2025-11-15 10:00:00",
        },
      ],
    });
    this.apps = [
      this.aui,
      new HomeScreenSystemApp(),
      this.messaging,
      this.email,
      this.shopping,
      this.contacts,
    ];
  }

  protected buildEventsFlow(): void {
    const text = ev(
      this.messaging.create_and_add_message({
        conversation_id: "conv-leah",
        sender_id: LEAH,
        content:
          "Bad news: the base of the new Halvard lamp has a crack right through it, must have happened in the " +
          "box. We're both home on Saturday if they want to swap it.",
      }),
    )
      .withId("leah_lamp_cracked")
      .delayed(6);
    const orders = ev(this.shopping.list_orders()).oracle().dependsOn(text, { delaySeconds: 3 });
    const delivery = ev(this.email.search_emails({ query: "Halvard" }))
      .oracle()
      .dependsOn(orders, { delaySeconds: 1 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "Leah says the base of the new Halvard Ceramic Table Lamp (order HV-2281) is cracked. Shall I email " +
          `Halvard support (${SUPPORT}) with the order number asking for a replacement?`,
      }),
    )
      .oracle()
      .dependsOn(delivery, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes please." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const report = ev(
      this.email.send_email({
        recipients: [SUPPORT],
        subject: "Cracked lamp base: order HV-2281",
        content:
          "Hello,\n\nThe Halvard Ceramic Table Lamp (Terracotta) from order HV-2281, delivered yesterday, has a " +
          "crack right through its base. Could you replace it?\n\nThank you,\nJohn Doe",
      }),
    )
      .oracle()
      .dependsOn(accept, { delaySeconds: 2 });
    const reported = ev(
      this.aui.send_message_to_user({
        content: "Done: I've emailed Halvard support about the cracked lamp. I'll tell you when they answer.",
      }),
    )
      .oracle()
      .dependsOn(report, { delaySeconds: 2 });
    const reachedSupport = ConditionCheckEvent.fromCondition(
      (env) => assistantEmailsTo(env, SUPPORT).length > 0,
      {
        description: "the cracked lamp was reported to Halvard support",
        everyTicks: 5,
        timeoutTicks: 3600,
      },
    );
    const pickup = ev(
      this.email.send_email_to_user_with_id({
        email_id: PICKUP_EMAIL,
        sender: SUPPORT,
        subject: "Re: Cracked lamp base: order HV-2281",
        content:
          "We're sorry about the lamp! Our courier can bring a new one and take the cracked one away. Please " +
          "reply with the full delivery address and the day that suits you: Thursday, Friday or Saturday, " +
          "between 9:00 and 13:00.",
      }),
    )
      .withId("support_asks_pickup")
      .dependsOn(reachedSupport, { delaySeconds: 15 });
    const read = ev(this.email.get_email_by_id({ email_id: PICKUP_EMAIL }))
      .oracle()
      .dependsOn(pickup, { delaySeconds: 2 });
    const me = ev(this.contacts.get_current_user_details()).oracle().dependsOn(read, { delaySeconds: 1 });
    const proposeSwap = ev(
      this.aui.send_message_to_user({
        content:
          "Halvard can swap the lamp by courier and asks for your address and a day (Thu, Fri or Sat, 9:00-13:00). " +
          `Shall I reply with ${HOME} and Saturday, when Leah said you're both home?`,
      }),
    )
      .oracle()
      .dependsOn(me, { delaySeconds: 2 });
    const acceptSwap = ev(this.aui.accept_proposal({ content: "Yes, Saturday works." }))
      .oracle()
      .dependsOn(proposeSwap, { delaySeconds: 3 });
    const find = ev(this.email.search_emails({ query: "courier" }))
      .oracle()
      .dependsOn(acceptSwap, { delaySeconds: 1 });
    const answer = ev(
      this.email.reply_to_email({
        email_id: PICKUP_EMAIL,
        content:
          `Thank you! Please deliver the replacement to ${HOME}, on Saturday between 9:00 and 13:00. The ` +
          "cracked lamp will be ready for the courier.\n\nBest,\nJohn Doe",
      }),
    )
      .oracle()
      .dependsOn(find, { delaySeconds: 2 });
    this.events = [
      text,
      orders,
      delivery,
      propose,
      accept,
      report,
      reported,
      reachedSupport,
      pickup,
      read,
      me,
      proposeSwap,
      acceptSwap,
      find,
      answer,
    ];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const toSupport = assistantEmailsTo(env, SUPPORT);
    const askedAt = log.byId("support_asks_pickup")?.eventTime;
    const answered = toSupport.some(
      (m) =>
        askedAt !== undefined &&
        m.time > askedAt &&
        mentionsAny(m.content, "Quayside") &&
        mentionsAny(m.content, "Saturday", "Sat "),
    );
    const wrongAddress = assistantEmails(env).some((m) =>
      mentionsAny(m.content, "Mill Yard", "Beech Lane", "Main St"),
    );
    const shopWrites = assistantWrites(log, { className: "StatefulShoppingApp" });
    return new Checklist()
      .require(
        "a proposal about the cracked lamp",
        proposals(log).some((e) => mentionsAny(argText(e, "content"), "lamp", "crack")),
      )
      .require(
        "an email to Halvard support reporting the crack on order HV-2281",
        toSupport.some((m) => m.content.includes(LAMP_ORDER) && mentionsAny(m.content, "crack")),
      )
      .require(
        "after support asked, a reply with the home address on Quayside Terrace and Saturday",
        answered,
      )
      .require("no other address given (Leah's studio, Dad's house)", !wrongAddress)
      .require("nothing cancelled or bought", shopWrites.length === 0)
      .verdict();
  }
}
