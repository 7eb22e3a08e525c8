import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulEmailApp } from "../../apps/email/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import { StatefulNotesApp } from "../../apps/notes/app.js";
import { StatefulReminderApp } from "../../apps/reminder/app.js";
import { StatefulShoppingApp } from "../../apps/shopping/app.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { assistantEmailsTo } from "../email-verdicts.js";
import { PAREScenario } from "../pare-scenario.js";
import { agentCalls, argText, Checklist, mentionsAny, proposals, timeBetween } from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;

const EXCHANGE_EMAIL = "email-sw-exchange";
const EXCHANGES = "exchanges@stridewell.example";
const SHOE_ORDER = "SW-66210";
const SIZE_44_OCEAN = "item-tempo-44-ocean";

/**
 * Stridewell writes (+7 s) that the free exchange of John's delivered Tempo running shoes (order SW-66210, size
 * 43, ocean blue) ends on Thursday 20 November: reply with the wanted size, and the box must be posted by then.
 * His fitting note says the Tempo in 43 pinches and to go up to 44 in the same colour (his Trail Runner in 43
 * fits; the Tempo also comes in 44 graphite). Ideal help: offer to ask for the 44 ocean-blue pair and a
 * reminder to post the box on Wednesday; on acceptance reply to the store's email and add the reminder.
 */
@registerScenario("shoes_exchange_window")
export class ShoesExchangeWindow extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["timing-sensitive"];
  override theme = "after-sales";
  override description =
    "The exchange window for too-small running shoes closes Thursday; ask for the next size in the same colour and remind the user to post the box.";
  override additionalSystemPrompt =
    "You are John Doe. The Tempo shoes pinch; you want them one size up, same colour. You pass the post office " +
    "on Wednesday around lunchtime, so that is when you would post the box.";

  private email!: StatefulEmailApp;
  private notes!: StatefulNotesApp;
  private reminders!: StatefulReminderApp;
  private shopping!: StatefulShoppingApp;
  private aui!: PAREAgentUserInterface;

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.email = new StatefulEmailApp();
    this.notes = new StatefulNotesApp();
    this.reminders = new StatefulReminderApp();
    this.shopping = new StatefulShoppingApp();
    const tempo = (size: number, colour: string, id: string) => ({
      item_id: id,
      price: 110,
      options: { size, colour },
    });
    this.shopping.add_product_with_variants({
      name: "Stridewell Tempo Running Shoe",
      product_id: "prod-sw-tempo",
      variants: [
        tempo(42, "Ocean blue", "item-tempo-42-ocean"),
        tempo(43, "Ocean blue", "item-tempo-43-ocean"),
        tempo(44, "Ocean blue", SIZE_44_OCEAN),
        tempo(45, "Ocean blue", "item-tempo-45-ocean"),
        tempo(44, "Graphite", "item-tempo-44-graphite"),
      ],
    });
    this.shopping.add_product_with_variants({
      name: "Stridewell Trail Runner",
      product_id: "prod-sw-trail",
      variants: [{ item_id: "item-trail-43", price: 125, options: { size: 43, colour: "Moss" } }],
    });
    this.shopping.add_order({
      order_id: SHOE_ORDER,
      item_id: "item-tempo-43-ocean",
      order_status: "delivered",
      order_date: "2025-11-08 20:15:00",
    });
    this.shopping.add_order({
      order_id: "SW-61877",
      item_id: "item-trail-43",
      order_status: "delivered",
      order_date: "2025-10-19 11:00:00",
    });
    this.notes.create_note_with_time({
      folder: "Personal",
      title: "Shoe fitting",
      content:
        "Stridewell Tempo (road), size 43: too tight at the toes after 5 km. Go up to 44, same ocean blue.\n" +
        "Stridewell Trail Runner, size 43: perfect, keep.\n" +
        "Office loafers: 43 wide.",
      created_at: "2025-11-12 21:40:00",
    });
    this.notes.create_note_with_time({
      folder: "Personal",
      title: "Half-marathon plan",
      content: "Week 6: long run 16 km Sunday, intervals Wednesday.",
      created_at: "2025-10-01 07:00:00",
    });
    this.reminders.add_reminder({ title: "Renew gym membership", due_datetime: "2025-11-24 09:00:00" });
    this.email.add_emails({
      emails: [
        {
          sender: "orders@stridewell.example",
          subject: "Delivered: order SW-66210",
          content: "Your Stridewell Tempo Running Shoe (size 43, Ocean blue) was delivered on 11 November.",
          time: "2025-11-11 14:02:00",
        },
        {
          sender: "club@harbour-runners.example",
          subject: "Saturday parkrun volunteers",
          content: "We still need two marshals at the 3 km point.",
          time: "2025-11-17 18:00:00",
        },
      ],
    });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.email, this.shopping, this.notes, this.reminders];
  }

  protected buildEventsFlow(): void {
    const notice = ev(
      this.email.send_email_to_user_with_id({
        email_id: EXCHANGE_EMAIL,
        sender: EXCHANGES,
        subject: "Your free exchange window closes on Thursday",
        content:
          "Order SW-66210 (Stridewell Tempo Running Shoe, size 43, Ocean blue) can be exchanged free of charge " +
          "until Thursday 20 November. Reply to this email with the size and colour you would like instead, " +
          "then post the shoes in their original box: it must be at the post office by Thursday.",
      }),
    )
      .withId("exchange_window_notice")
      .delayed(7);
    const fitting = ev(this.notes.search_notes({ query: "Tempo" }))
      .oracle()
      .dependsOn(notice, { delaySeconds: 3 });
    const variants = ev(this.shopping.search_product({ product_name: "Tempo" }))
      .oracle()
      .dependsOn(fitting, { delaySeconds: 1 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "Stridewell's free exchange for your Tempo running shoes (order SW-66210, size 43) closes on Thursday. " +
          "Your fitting note says the 43 is too tight and to go up to 44 in the same ocean blue. Shall I reply " +
          "asking to exchange them for the size 44 Ocean blue (item item-tempo-44-ocean) and remind you on " +
          "Wednesday at 12:00 to post the box?",
      }),
    )
      .oracle()
      .dependsOn(variants, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes, 44 in the same blue, and remind me." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const find = ev(this.email.search_emails({ query: "exchange" }))
      .oracle()
      .dependsOn(accept, { delaySeconds: 1 });
    const reply = ev(
      this.email.reply_to_email({
        email_id: EXCHANGE_EMAIL,
        content:
          "Hello,\n\nI'd like to exchange order SW-66210 (Tempo Running Shoe, size 43, Ocean blue) for the same " +
          "shoe in size 44, Ocean blue (item item-tempo-44-ocean). I will post the box this week.\n\nThanks,\nJohn Doe",
      }),
    )
      .oracle()
      .dependsOn(find, { delaySeconds: 2 });
    const remind = ev(
      this.reminders.add_reminder({
        title: "Post the Stridewell shoe box",
        due_datetime: "2025-11-19 12:00:00",
        description:
          "Exchange of order SW-66210 (Tempo 43 for 44 Ocean blue): the box must reach the post office by Thursday.",
      }),
    )
      .oracle()
      .dependsOn(reply, { delaySeconds: 1 });
    this.events = [notice, fitting, variants, propose, accept, find, reply, remind];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const asked = assistantEmailsTo(env, EXCHANGES).filter((m) => m.content.includes(SHOE_ORDER));
    const rightSize = asked.some(
      (m) =>
        /\b44\b/.test(m.content) &&
        (m.content.includes(SIZE_44_OCEAN) || mentionsAny(m.content, "ocean", "same colour", "same color")),
    );
    const wrongVariant = asked.some((m) => mentionsAny(m.content, "graphite", "item-tempo-45", "size 45"));
    const reminder = agentCalls(log, { className: "StatefulReminderApp", function: "add_reminder" }).some(
      (e) =>
        timeBetween(argText(e, "due_datetime"), "2025-11-19 07:00:00", "2025-11-19 20:00:00") &&
        mentionsAny(
          `${argText(e, "title")} ${argText(e, "description")}`,
          "box",
          "post",
          "shoe",
          "Stridewell",
        ),
    );
    return new Checklist()
      .require(
        "a proposal about the shoe exchange",
        proposals(log).some((e) => mentionsAny(argText(e, "content"), "exchange")),
      )
      .require("a reply to Stridewell asking for size 44 in ocean blue, with order SW-66210", rightSize)
      .require("no request for the graphite or size-45 variant", !wrongVariant)
      .require("a reminder on Wednesday 19 November to post the box", reminder)
      .require(
        "nothing bought or cancelled",
        agentCalls(log, { className: "StatefulShoppingApp" }).every(
          (e) => !["checkout", "cancel_order"].includes(e.action?.function ?? ""),
        ),
      )
      .verdict();
  }
}
