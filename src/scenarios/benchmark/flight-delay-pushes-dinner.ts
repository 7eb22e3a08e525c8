import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulCalendarApp } from "../../apps/calendar/app.js";
import { StatefulContactsApp } from "../../apps/contacts/app.js";
import { StatefulEmailApp } from "../../apps/email/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import { StatefulMessagingApp } from "../../apps/messaging/app.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { assistantEmails } from "../email-verdicts.js";
import { groupPosts, messagesElsewhere } from "../messaging-verdicts.js";
import { PAREScenario } from "../pare-scenario.js";
import { calendarWritesOutside, eventRunsAt } from "../reschedule-verdicts.js";
import { argText, Checklist, mentionsAny, proposals } from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;

const RESTAURANT = "bookings@osterialume.example";
const BAKERY = "orders@lume-bakery.example";
const KEMI = "+15550671";
const DAYO = "+15550672";
const GROUP = "conv-kemi-dayo";
const NINE_PM = /21[:.]00|9\s*pm|9[:.]00\s*pm/i;

/**
 * An urgent same-day reschedule. The airline emails (+6 s) that John's flight home from Oslo today now lands
 * at 20:05 instead of 17:40; tonight's dinner with Kemi and Dayo at Osteria Lume is at 19:00, and the airport
 * is about 40 minutes from the restaurant. Last week the friends wrote they'd happily eat later if the flight
 * ran late, as long as it's by 21:00, when the kitchen's last seating is. The restaurant's booking address is
 * on its contact card (not Lume Bakery's). Ideal help: offer to move the table to 21:00 by email, tell the
 * friends' group and move the dinner in the calendar; on acceptance do all three.
 */
@registerScenario("flight_delay_pushes_dinner")
export class FlightDelayPushesDinner extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["timing-sensitive"];
  override theme = "reschedule";
  override description =
    "The flight home lands two and a half hours late; move tonight's restaurant table to 21:00, tell the friends and move the dinner.";
  override additionalSystemPrompt =
    "You are John Doe, in Oslo for work and flying home this afternoon. You'd much rather have a late dinner " +
    "with Kemi and Dayo than cancel it.";

  private email!: StatefulEmailApp;
  private calendar!: StatefulCalendarApp;
  private messaging!: StatefulMessagingApp;
  private contacts!: StatefulContactsApp;
  private aui!: PAREAgentUserInterface;
  private dinnerId = "";
  private flightId = "";

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.email = new StatefulEmailApp();
    this.calendar = new StatefulCalendarApp();
    this.messaging = new StatefulMessagingApp();
    this.contacts = new StatefulContactsApp();
    [this.flightId, this.dinnerId] = this.calendar.add_calendar_events({
      events: [
        {
          title: "Flight NS221 Oslo → Halden",
          start_datetime: "2025-11-18 15:10:00",
          end_datetime: "2025-11-18 17:40:00",
          location: "Oslo Gardermoen",
          description: "Halden airport to Quay Street: about 40 minutes by cab.",
        },
        {
          title: "Dinner with Kemi & Dayo",
          start_datetime: "2025-11-18 19:00:00",
          end_datetime: "2025-11-18 21:30:00",
          location: "Osteria Lume, 8 Quay Street",
          attendees: ["Kemi Adeyemi", "Dayo Adeyemi"],
        },
        {
          title: "Client workshop (Oslo)",
          start_datetime: "2025-11-18 09:30:00",
          end_datetime: "2025-11-18 12:30:00",
        },
      ],
    }) as [string, string, ...string[]];
    this.contacts.add_contacts({
      contacts: [
        {
          first_name: "Osteria",
          last_name: "Lume",
          email: RESTAURANT,
          address: "8 Quay Street",
          description: "Restaurant; table for 3 booked Tue 18 Nov 19:00, ref OL-118",
        },
        { first_name: "Lume", last_name: "Bakery", email: BAKERY, description: "Birthday cakes" },
        { first_name: "Kemi", last_name: "Adeyemi", phone: KEMI },
      ],
    });
    this.messaging.add_contacts({
      contacts: [
        { name: "Kemi Adeyemi", phone: KEMI },
        { name: "Dayo Adeyemi", phone: DAYO },
      ],
    });
    const me = this.messaging.currentUserId;
    this.messaging.add_conversation({
      conversation_id: GROUP,
      title: "Kemi & Dayo",
      participants: [KEMI, DAYO],
      messages: [
        { sender: me, content: "Osteria Lume Tuesday 19:00, booked!", time: "2025-11-12 20:00:00" },
        {
          sender: KEMI,
          content: "Yay! If your flight's late just say, we're happy to eat later, as long as it's by 21:00.",
          time: "2025-11-12 20:05:00",
        },
        { sender: DAYO, content: "Agreed 🍝", time: "2025-11-12 20:06:00" },
      ],
    });
    this.email.add_emails({
      emails: [
        {
          sender: RESTAURANT,
          subject: "Your table at Osteria Lume",
          content:
            "Table for 3 on Tuesday 18 November at 19:00 confirmed, ref OL-118. Last seating is 21:00.",
          time: "2025-11-12 20:10:00",
        },
      ],
    });
    this.apps = [
      this.aui,
      new HomeScreenSystemApp(),
      this.email,
      this.calendar,
      this.messaging,
      this.contacts,
    ];
  }

  protected buildEventsFlow(): void {
    const delay = ev(
      this.email.send_email_to_user_with_id({
        email_id: "email-ns221-delay",
        sender: "alerts@northsea-air.example",
        subject: "NS221 Oslo - Halden delayed",
        content:
          "Dear John Doe,\n\nYour flight NS221 today is delayed by a late incoming aircraft. New departure 17:35, " +
          "expected arrival in Halden 20:05 (was 17:40). We apologise for the inconvenience.\n\nNorthSea Air",
      }),
    )
      .withId("flight_delayed")
      .delayed(6);
    const today = ev(this.calendar.read_today_calendar_events())
      .oracle()
      .dependsOn(delay, { delaySeconds: 3 });
    const chat = ev(this.messaging.search({ query: "Kemi" }))
      .oracle()
      .dependsOn(today, { delaySeconds: 1 });
    const read = ev(this.messaging.read_conversation({ conversation_id: GROUP, limit: 5 }))
      .oracle()
      .dependsOn(chat, { delaySeconds: 1 });
    const card = ev(this.contacts.search_contacts({ query: "Lume" }))
      .oracle()
      .dependsOn(read, { delaySeconds: 1 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "Your flight now lands at 20:05, so you can't make the 19:00 dinner; the restaurant is about 40 minutes " +
          "away. Kemi said they're happy to eat later as long as it's by 21:00. Shall I email Osteria Lume " +
          `(${RESTAURANT}) to move table OL-118 to 21:00, tell the Kemi & Dayo group, and move the dinner in ` +
          "your calendar to 21:00?",
      }),
    )
      .oracle()
      .dependsOn(card, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes please, quickly." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const table = ev(
      this.email.send_email({
        recipients: [RESTAURANT],
        subject: "Booking OL-118 tonight: could we move to 21:00?",
        content:
          "Hello,\n\nMy flight is delayed. Could you please move our table for 3 tonight (ref OL-118) from 19:00 " +
          "to 21:00?\n\nThank you,\nJohn Doe",
      }),
    )
      .oracle()
      .dependsOn(accept, { delaySeconds: 1 });
    const findGroup = ev(this.messaging.search({ query: "Kemi & Dayo" }))
      .oracle()
      .dependsOn(table, { delaySeconds: 1 });
    const post = ev(
      this.messaging.send_message_to_group_conversation({
        conversation_id: GROUP,
        content:
          "My flight's landing at 20:05, sorry! I've asked Osteria Lume to move us to 21:00. See you then?",
      }),
    )
      .oracle()
      .dependsOn(findGroup, { delaySeconds: 1 });
    const find = ev(this.calendar.search_events({ query: "Dinner with Kemi" }))
      .oracle()
      .dependsOn(post, { delaySeconds: 1 });
    const move = ev(
      this.calendar.edit_calendar_event({
        event_id: this.dinnerId,
        start_datetime: "2025-11-18 21:00:00",
        end_datetime: "2025-11-18 23:00:00",
      }),
    )
      .oracle()
      .dependsOn(find, { delaySeconds: 1 });
    const report = ev(
      this.aui.send_message_to_user({
        content: "Done: restaurant asked for 21:00, friends told, dinner moved.",
      }),
    )
      .oracle()
      .dependsOn(move, { delaySeconds: 1 });
    this.events = [
      delay,
      today,
      chat,
      read,
      card,
      propose,
      accept,
      table,
      findGroup,
      post,
      find,
      move,
      report,
    ];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const sent = assistantEmails(env);
    return new Checklist()
      .require(
        "a proposal about the delayed flight and dinner",
        proposals(log).some((e) => mentionsAny(argText(e, "content"), "dinner", "Osteria", "Lume")),
      )
      .require(
        "Osteria Lume asked to move the table to 21:00",
        sent.some((m) => m.recipients.includes(RESTAURANT) && NINE_PM.test(m.content)),
      )
      .require(
        "the friends' group told dinner is at 21:00",
        groupPosts(log, GROUP).some((e) => NINE_PM.test(argText(e, "content"))),
      )
      .require(
        "the dinner now starts at 21:00 tonight",
        eventRunsAt(env, this.dinnerId, "2025-11-18 21:00:00", "2025-11-18 22:00:00", "2025-11-18 23:59:00"),
      )
      .require(
        "no email to Lume Bakery or anyone else, no other message, no other event changed",
        sent.every((m) => m.recipients.every((r) => r === RESTAURANT)) &&
          messagesElsewhere(log, { conversations: [GROUP] }).length === 0 &&
          calendarWritesOutside(log, [this.dinnerId, this.flightId]).length === 0,
      )
      .verdict();
  }
}
