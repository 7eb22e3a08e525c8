import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulCabApp } from "../../apps/cab/app.js";
import { StatefulCalendarApp } from "../../apps/calendar/app.js";
import { StatefulEmailApp } from "../../apps/email/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import { StatefulMessagingApp } from "../../apps/messaging/app.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { assistantRides, rideById, rideStartsBetween } from "../cab-verdicts.js";
import { directMessagesTo, messagesElsewhere } from "../messaging-verdicts.js";
import { PAREScenario } from "../pare-scenario.js";
import { calendarWritesOutside, eventRunsAt } from "../reschedule-verdicts.js";
import { argText, Checklist, mentionsAny, proposals } from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;

const HOME = "14 Alder Row";
const VENUE = "Granary Hall, 2 Wharf Road";
const ANA = "+15550631";
const ANA_NAMESAKE = "+15550632";
const HALF_TWO = /14[:.]30|2[:.]30\s*pm/i;

/**
 * A cascade of moves. Karin, the organiser, emails (+7 s) that Thursday's privacy workshop moves from
 * 10:00-12:00 to 12:00-14:00. That pushes into lunch with Ana at 12:30, and the cab booked for Thursday 09:30
 * to the venue is now far too early. Ana wrote on Monday that any time from 14:30 also works for her; the
 * afternoon is free until the 16:00 dentist. Ideal help: offer to move the workshop, move lunch to 14:30 and
 * tell Ana, and rebook the cab for 11:30; on acceptance do each.
 */
@registerScenario("workshop_pushed_lunch_and_cab")
export class WorkshopPushedLunchAndCab extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["conflict-resolution"];
  override theme = "reschedule";
  override description =
    "A workshop moves two hours later; cascade it: move lunch to the time the friend offered, tell her, and rebook the cab to the venue.";
  override additionalSystemPrompt =
    "You are John Doe. The workshop is mandatory. You'd like to keep lunch with Ana on Thursday if it still " +
    "fits, and you take a Default cab to venues across town, arriving a little early.";

  private email!: StatefulEmailApp;
  private calendar!: StatefulCalendarApp;
  private messaging!: StatefulMessagingApp;
  private cab!: StatefulCabApp;
  private aui!: PAREAgentUserInterface;
  private workshopId = "";
  private lunchId = "";
  private bookedRideId = "";

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.email = new StatefulEmailApp();
    this.calendar = new StatefulCalendarApp();
    this.messaging = new StatefulMessagingApp();
    this.cab = new StatefulCabApp();
    [this.workshopId, this.lunchId] = this.calendar.add_calendar_events({
      events: [
        {
          title: "Data privacy workshop",
          start_datetime: "2025-11-20 10:00:00",
          end_datetime: "2025-11-20 12:00:00",
          location: VENUE,
          tag: "Work",
        },
        {
          title: "Lunch with Ana",
          start_datetime: "2025-11-20 12:30:00",
          end_datetime: "2025-11-20 13:30:00",
          location: "Pico Café, Wharf Road",
          attendees: ["Ana Ferreira"],
        },
        {
          title: "Dentist",
          start_datetime: "2025-11-20 16:00:00",
          end_datetime: "2025-11-20 16:45:00",
        },
        {
          title: "Lunch with the team",
          start_datetime: "2025-11-21 12:30:00",
          end_datetime: "2025-11-21 13:30:00",
        },
      ],
    }) as [string, string, ...string[]];
    this.messaging.add_contacts({
      contacts: [
        { name: "Ana Ferreira", phone: ANA },
        { name: "Ana Lind", phone: ANA_NAMESAKE },
      ],
    });
    this.messaging.add_conversation({
      conversation_id: "conv-ana-ferreira",
      participants: [ANA],
      messages: [
        {
          sender: ANA,
          content:
            "Thursday 12:30 at Pico, great! If your workshop runs over, anything from 14:30 works for me too.",
          time: "2025-11-17 19:12:00",
        },
      ],
    });
    this.messaging.add_conversation({
      conversation_id: "conv-ana-lind",
      participants: [ANA_NAMESAKE],
      messages: [
        { sender: ANA_NAMESAKE, content: "Book club moved to the 27th", time: "2025-11-16 10:00:00" },
      ],
    });
    this.bookedRideId = this.cab.add_on_going_ride({
      service_type: "Default",
      start_location: HOME,
      end_location: VENUE,
      ride_time: "2025-11-20 09:30:00",
      distance_km: 9,
      duration: 22,
    }).ride_id;
    this.email.add_emails({
      emails: [
        {
          sender: "karin.voss@quillfield.example",
          subject: "Data privacy workshop: agenda",
          content: "Agenda attached in the intranet. Lunch is not provided.",
          time: "2025-11-13 10:00:00",
        },
      ],
    });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.email, this.calendar, this.messaging, this.cab];
  }

  protected buildEventsFlow(): void {
    const moved = ev(
      this.email.send_email_to_user_with_id({
        email_id: "email-workshop-moved",
        sender: "karin.voss@quillfield.example",
        subject: "Workshop moved to 12:00-14:00 on Thursday",
        content:
          "Hi all,\n\nThe trainer's train arrives late, so Thursday's data privacy workshop now runs 12:00-14:00 " +
          "(not 10:00-12:00), same venue, Granary Hall. Sorry for the shuffle!\n\nKarin",
      }),
    )
      .withId("workshop_moved")
      .delayed(7);
    const day = ev(
      this.calendar.get_calendar_events_from_to({
        start_datetime: "2025-11-20 00:00:00",
        end_datetime: "2025-11-21 00:00:00",
      }),
    )
      .oracle()
      .dependsOn(moved, { delaySeconds: 3 });
    const chats = ev(this.messaging.list_recent_conversations({ offset: 0, limit: 5 }))
      .oracle()
      .dependsOn(day, { delaySeconds: 1 });
    const ride = ev(this.cab.get_current_ride_status()).oracle().dependsOn(chats, { delaySeconds: 1 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "Karin moved Thursday's workshop to 12:00-14:00, which runs into lunch with Ana (12:30) and makes your " +
          "09:30 cab far too early. Ana said anything from 14:30 works for her. Shall I move the workshop in your " +
          "calendar, move lunch to 14:30-15:30 and tell Ana Ferreira, and rebook the Default cab from 14 Alder Row to " +
          "Granary Hall for 11:30?",
      }),
    )
      .oracle()
      .dependsOn(ride, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes, all of it." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const reread = ev(
      this.calendar.get_calendar_events_from_to({
        start_datetime: "2025-11-20 00:00:00",
        end_datetime: "2025-11-21 00:00:00",
      }),
    )
      .oracle()
      .dependsOn(accept, { delaySeconds: 1 });
    const moveWorkshop = ev(
      this.calendar.edit_calendar_event({
        event_id: this.workshopId,
        start_datetime: "2025-11-20 12:00:00",
        end_datetime: "2025-11-20 14:00:00",
      }),
    )
      .oracle()
      .dependsOn(reread, { delaySeconds: 1 });
    const moveLunch = ev(
      this.calendar.edit_calendar_event({
        event_id: this.lunchId,
        start_datetime: "2025-11-20 14:30:00",
        end_datetime: "2025-11-20 15:30:00",
      }),
    )
      .oracle()
      .dependsOn(moveWorkshop, { delaySeconds: 1 });
    const findAna = ev(this.messaging.lookup_user_id({ user_name: "Ana Ferreira" }))
      .oracle()
      .dependsOn(moveLunch, { delaySeconds: 1 });
    const tell = ev(
      this.messaging.send_message({
        user_id: ANA,
        content:
          "Hi Ana! My workshop moved to 12:00-14:00 on Thursday, so could we take you up on 14:30 at Pico instead?",
      }),
    )
      .oracle()
      .dependsOn(findAna, { delaySeconds: 1 });
    const cancel = ev(this.cab.user_cancel_ride()).oracle().dependsOn(tell, { delaySeconds: 1 });
    const rebook = ev(
      this.cab.order_ride({
        start_location: HOME,
        end_location: VENUE,
        service_type: "Default",
        ride_time: "2025-11-20 11:30:00",
      }),
    )
      .oracle()
      .dependsOn(cancel, { delaySeconds: 1 });
    const report = ev(
      this.aui.send_message_to_user({
        content: "Done: workshop 12:00-14:00, lunch with Ana 14:30, cab now at 11:30.",
      }),
    )
      .oracle()
      .dependsOn(rebook, { delaySeconds: 1 });
    this.events = [
      moved,
      day,
      chats,
      ride,
      propose,
      accept,
      reread,
      moveWorkshop,
      moveLunch,
      findAna,
      tell,
      cancel,
      rebook,
      report,
    ];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const rides = assistantRides(env);
    return new Checklist()
      .require(
        "a proposal about the moved workshop",
        proposals(log).some((e) => mentionsAny(argText(e, "content"), "workshop")),
      )
      .require(
        "the workshop now runs Thursday 12:00-14:00",
        eventRunsAt(env, this.workshopId, "2025-11-20 12:00:00", "2025-11-20 14:00:00"),
      )
      .require(
        "lunch with Ana moved to 14:30 on Thursday",
        eventRunsAt(env, this.lunchId, "2025-11-20 14:30:00", "2025-11-20 15:00:00", "2025-11-20 15:45:00"),
      )
      .require(
        "Ana Ferreira told lunch is at 14:30",
        directMessagesTo(log, ANA).some((e) => HALF_TWO.test(argText(e, "content"))),
      )
      .require("the 09:30 cab cancelled", rideById(env, this.bookedRideId)?.status === "CANCELLED")
      .require(
        "one Default cab from home to Granary Hall picking up 11:15-11:35",
        rides.length === 1 &&
          rides.every(
            (r) =>
              r.service_type === "Default" &&
              mentionsAny(r.start_location, "Alder") &&
              mentionsAny(r.end_location, "Granary") &&
              rideStartsBetween(r, "2025-11-20 11:15:00", "2025-11-20 11:35:00"),
          ),
      )
      .require(
        "nothing else changed, no message to Ana Lind or anyone else",
        calendarWritesOutside(log, [this.workshopId, this.lunchId]).length === 0 &&
          messagesElsewhere(log, { users: [ANA] }).length === 0,
      )
      .verdict();
  }
}
