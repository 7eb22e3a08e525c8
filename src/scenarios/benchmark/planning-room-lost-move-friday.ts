import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulCalendarApp } from "../../apps/calendar/app.js";
import { StatefulContactsApp } from "../../apps/contacts/app.js";
import { StatefulEmailApp } from "../../apps/email/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { assistantEmails } from "../email-verdicts.js";
import { PAREScenario } from "../pare-scenario.js";
import { calendarWritesOutside, eventRunsAt } from "../reschedule-verdicts.js";
import { argText, Checklist, mentionsAny, proposals } from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;

const VENUE = "bookings@corner-rooms.example";
const NADIA = "nadia.rahman@quillfield.example";
const OSKAR = "oskar.lindqvist@quillfield.example";
const PRITI = "priti.shah@quillfield.example";
const TEAM = [NADIA, OSKAR, PRITI];
const NAMESAKES = ["nadia.rahmani@postbox.example", "oskar.lind@lind-joinery.example"];
const FRIDAY = /\bfri(day)?\b|\b21 nov/i;

/**
 * The venue cancels the room. The meeting rooms' booking desk emails (+8 s) that Room Larch is closed on
 * Thursday 20 Nov (burst pipe); they offer Friday 21 Nov 10:00-12:00 in Larch or Thursday 14:00-16:00.
 * John organises the quarterly planning (Thu 10:00-12:00) with Nadia Rahman, Oskar Lindqvist and Priti Shah;
 * his Thursday afternoon has a client visit, Friday morning is free. Ideal help: offer to take Friday, reply to
 * the venue, move the event and email the three attendees (addresses from Contacts, not the namesakes); on
 * acceptance do it.
 */
@registerScenario("planning_room_lost_move_friday")
export class PlanningRoomLostMoveFriday extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["follow-up"];
  override theme = "reschedule";
  override description =
    "The venue loses the room for Thursday's planning meeting; take its Friday offer, move the event and tell the three attendees.";
  override additionalSystemPrompt =
    "You are John Doe, organiser of the quarterly planning. The client visit on Thursday afternoon can't move.";

  private email!: StatefulEmailApp;
  private calendar!: StatefulCalendarApp;
  private contacts!: StatefulContactsApp;
  private aui!: PAREAgentUserInterface;
  private planningId = "";

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.email = new StatefulEmailApp();
    this.calendar = new StatefulCalendarApp();
    this.contacts = new StatefulContactsApp();
    [this.planningId] = this.calendar.add_calendar_events({
      events: [
        {
          title: "Quarterly planning",
          start_datetime: "2025-11-20 10:00:00",
          end_datetime: "2025-11-20 12:00:00",
          location: "Corner Rooms, Room Larch",
          attendees: ["Nadia Rahman", "Oskar Lindqvist", "Priti Shah"],
        },
        {
          title: "Client visit: Orbis Freight",
          start_datetime: "2025-11-20 14:00:00",
          end_datetime: "2025-11-20 16:30:00",
          location: "Orbis Freight, Dock Road",
        },
        {
          title: "Lunch",
          start_datetime: "2025-11-21 12:30:00",
          end_datetime: "2025-11-21 13:30:00",
        },
      ],
    }) as [string, string, ...string[]];
    this.contacts.add_contacts({
      contacts: [
        { first_name: "Nadia", last_name: "Rahman", email: NADIA, job: "Product lead" },
        { first_name: "Nadia", last_name: "Rahmani", email: NAMESAKES[0], description: "Neighbour" },
        { first_name: "Oskar", last_name: "Lindqvist", email: OSKAR, job: "Data engineer" },
        { first_name: "Oskar", last_name: "Lind", email: NAMESAKES[1], job: "Joiner" },
        { first_name: "Priti", last_name: "Shah", email: PRITI, job: "Finance partner" },
      ],
    });
    this.email.add_emails({
      emails: [
        {
          email_id: "email-larch-booking",
          sender: VENUE,
          subject: "Booking confirmed: Room Larch",
          content: "Room Larch is booked for Thursday 20 November, 10:00-12:00, 4 people. Ref CR-5521.",
          time: "2025-11-04 12:00:00",
        },
        {
          sender: OSKAR,
          subject: "Planning numbers",
          content: "I'll bring the Q4 pipeline numbers on Thursday.",
          time: "2025-11-17 15:00:00",
        },
      ],
    });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.email, this.calendar, this.contacts];
  }

  protected buildEventsFlow(): void {
    const lost = ev(
      this.email.send_email_to_user_with_id({
        email_id: "email-larch-closed",
        sender: VENUE,
        subject: "Your booking CR-5521: Room Larch unavailable on Thursday",
        content:
          "Dear John,\n\nWe are very sorry: a burst pipe means Room Larch is closed on Thursday 20 November. We " +
          "can offer you Room Larch on Friday 21 November, 10:00-12:00, or Thursday 20 November 14:00-16:00 in " +
          "Room Birch. Please reply with your choice.\n\nCorner Rooms bookings",
      }),
    )
      .withId("room_lost")
      .delayed(8);
    const find = ev(this.calendar.search_events({ query: "planning" }))
      .oracle()
      .dependsOn(lost, { delaySeconds: 3 });
    const days = ev(
      this.calendar.get_calendar_events_from_to({
        start_datetime: "2025-11-20 00:00:00",
        end_datetime: "2025-11-22 00:00:00",
      }),
    )
      .oracle()
      .dependsOn(find, { delaySeconds: 1 });
    const reads = ["Nadia", "Oskar", "Priti"].map((q) =>
      ev(this.contacts.search_contacts({ query: q })).oracle(),
    );
    let prev: Event = days;
    for (const r of reads) {
      r.dependsOn(prev, { delaySeconds: 1 });
      prev = r;
    }
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "Corner Rooms lost Room Larch for Thursday's quarterly planning. They offer Friday 21 Nov 10:00-12:00 " +
          "in Larch, or Thursday 14:00-16:00, which clashes with your Orbis client visit. Shall I take Friday: " +
          "reply to Corner Rooms, move the meeting in your calendar, and email Nadia Rahman, Oskar Lindqvist " +
          `and Priti Shah (${NADIA}, ${OSKAR}, ${PRITI}) about the new time?`,
      }),
    )
      .oracle()
      .dependsOn(prev, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes, Friday." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const mail = ev(this.email.search_emails({ query: "CR-5521" }))
      .oracle()
      .dependsOn(accept, { delaySeconds: 1 });
    const reply = ev(
      this.email.reply_to_email({
        email_id: "email-larch-closed",
        content: "Thank you, we'll take Room Larch on Friday 21 November, 10:00-12:00.\n\nJohn Doe",
      }),
    )
      .oracle()
      .dependsOn(mail, { delaySeconds: 1 });
    const refind = ev(this.calendar.search_events({ query: "Quarterly planning" }))
      .oracle()
      .dependsOn(reply, { delaySeconds: 1 });
    const move = ev(
      this.calendar.edit_calendar_event({
        event_id: this.planningId,
        start_datetime: "2025-11-21 10:00:00",
        end_datetime: "2025-11-21 12:00:00",
      }),
    )
      .oracle()
      .dependsOn(refind, { delaySeconds: 1 });
    const tell = ev(
      this.email.send_email({
        recipients: TEAM,
        subject: "Quarterly planning moves to Friday 21 Nov, 10:00-12:00",
        content:
          "Hi all,\n\nCorner Rooms lost Room Larch on Thursday, so the quarterly planning moves to Friday 21 " +
          "November, 10:00-12:00, same room. Sorry for the change!\n\nJohn",
      }),
    )
      .oracle()
      .dependsOn(move, { delaySeconds: 1 });
    const report = ev(
      this.aui.send_message_to_user({ content: "Done: Friday booked, moved and everyone told." }),
    )
      .oracle()
      .dependsOn(tell, { delaySeconds: 1 });
    this.events = [lost, find, days, ...reads, propose, accept, mail, reply, refind, move, tell, report];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const sent = assistantEmails(env);
    const toVenue = sent.filter((m) => m.recipients.includes(VENUE));
    return new Checklist()
      .require(
        "a proposal about the lost room",
        proposals(log).some((e) => mentionsAny(argText(e, "content"), "planning", "Larch", "room")),
      )
      .require(
        "the venue told Friday is taken",
        toVenue.length > 0 && toVenue.some((m) => FRIDAY.test(m.content)),
      )
      .require(
        "the planning meeting now runs Friday 21 Nov 10:00-12:00",
        eventRunsAt(env, this.planningId, "2025-11-21 10:00:00", "2025-11-21 12:00:00"),
      )
      .require(
        "Nadia Rahman, Oskar Lindqvist and Priti Shah each emailed the Friday time",
        TEAM.every((who) => sent.some((m) => m.recipients.includes(who) && FRIDAY.test(m.content))),
      )
      .require(
        "no email to the namesakes or anyone else, no other event changed",
        sent.every((m) => m.recipients.every((r) => r === VENUE || TEAM.includes(r))) &&
          calendarWritesOutside(log, [this.planningId]).length === 0,
      )
      .verdict();
  }
}
