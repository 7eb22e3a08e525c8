import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulCabApp } from "../../apps/cab/app.js";
import { StatefulCalendarApp } from "../../apps/calendar/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { PAREScenario } from "../pare-scenario.js";
import { agentCalls, argText, Checklist, mentionsAny, proposals } from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;

/**
 * The user booked a cab for 10:20 to a client's office for an 11:00 proposal review. At +12 s the
 * client removes the meeting from the calendar. Ideal help: notice the ride now has no purpose, offer
 * to cancel it and, on acceptance, cancel the on-going ride (without booking the same trip again).
 */
@registerScenario("cancelled_meeting_cancel_ride")
export class CancelledMeetingCancelRide extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["conflict-resolution"];
  override theme = "travel";
  override description =
    "A client deletes the meeting the user booked a cab to; offer to cancel the now pointless ride.";
  override additionalSystemPrompt =
    "You are John Doe. You booked a cab to Halvorsen Foods for your 11:00 packaging review. " +
    "You do not want to pay for a ride you no longer need.";

  private calendar!: StatefulCalendarApp;
  private cab!: StatefulCabApp;
  private aui!: PAREAgentUserInterface;
  private reviewEventId = "";

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.calendar = new StatefulCalendarApp();
    this.cab = new StatefulCabApp();
    this.calendar.add_calendar_event({
      title: "Design sync",
      start_datetime: "2025-11-18 09:30:00",
      end_datetime: "2025-11-18 10:00:00",
      attendees: ["Noor Haddad", "Felix Aranda"],
    });
    this.reviewEventId = this.calendar.add_calendar_event({
      title: "Packaging proposal review - Halvorsen Foods",
      start_datetime: "2025-11-18 11:00:00",
      end_datetime: "2025-11-18 12:00:00",
      location: "Halvorsen Foods HQ, 88 Quayside Road",
      description: "Walk Ingrid through the three compostable tray options and the pricing sheet.",
      attendees: ["Ingrid Halvorsen"],
    });
    this.calendar.add_calendar_event({
      title: "Lunch with Marco",
      start_datetime: "2025-11-18 12:30:00",
      end_datetime: "2025-11-18 13:30:00",
      location: "Osteria Lume, 3 Canal Street",
      attendees: ["Marco Bellini"],
    });
    this.calendar.add_calendar_event({
      title: "Quarterly planning",
      start_datetime: "2025-11-19 14:00:00",
      end_datetime: "2025-11-19 16:00:00",
      location: "Office, room Fjord",
    });
    this.cab.add_new_ride({
      service_type: "Default",
      start_location: "14 Elm Terrace",
      end_location: "Osteria Lume, 3 Canal Street",
      price: 12.4,
      duration: 18,
      distance_km: 6.2,
      ride_time: "2025-11-14 19:05:00",
    });
    this.cab.add_new_ride({
      service_type: "Premium",
      start_location: "Central Station",
      end_location: "14 Elm Terrace",
      price: 31.0,
      duration: 25,
      distance_km: 15.5,
      ride_time: "2025-11-16 22:40:00",
    });
    this.cab.add_on_going_ride({
      service_type: "Default",
      start_location: "14 Elm Terrace",
      end_location: "Halvorsen Foods HQ, 88 Quayside Road",
      ride_time: "2025-11-18 10:20:00",
      distance_km: 11.8,
    });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.calendar, this.cab];
  }

  protected buildEventsFlow(): void {
    const deleted = ev(
      this.calendar.delete_calendar_event_by_attendee({
        event_id: this.reviewEventId,
        who_delete: "Ingrid Halvorsen",
      }),
    )
      .withId("client_deletes_review")
      .delayed(12);
    const checkCalendar = ev(
      this.calendar.get_calendar_events_from_to({
        start_datetime: "2025-11-18 00:00:00",
        end_datetime: "2025-11-19 00:00:00",
      }),
    )
      .oracle()
      .dependsOn(deleted, { delaySeconds: 3 });
    const checkRide = ev(this.cab.get_current_ride_status())
      .oracle()
      .dependsOn(checkCalendar, { delaySeconds: 2 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "Ingrid Halvorsen removed the 11:00 packaging review from your calendar, but your cab to " +
          "Halvorsen Foods HQ (88 Quayside Road) is still booked for 10:20. Shall I cancel that ride?",
      }),
    )
      .oracle()
      .dependsOn(checkRide, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes, cancel it, thanks." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const cancel = ev(this.cab.user_cancel_ride()).oracle().dependsOn(accept, { delaySeconds: 2 });
    this.events = [deleted, checkCalendar, checkRide, propose, accept, cancel];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const cancelled = agentCalls(log, { className: "StatefulCabApp", function: "user_cancel_ride" });
    const rebooked = agentCalls(log, { className: "StatefulCabApp", function: "order_ride" }).some((e) =>
      mentionsAny(argText(e, "end_location"), "Quayside", "Halvorsen"),
    );
    return new Checklist()
      .require(
        "a proposal to cancel the cab",
        proposals(log).some(
          (e) =>
            mentionsAny(argText(e, "content"), "cancel") &&
            mentionsAny(argText(e, "content"), "ride", "cab", "taxi"),
        ),
      )
      .require("the on-going ride to Halvorsen Foods cancelled", cancelled.length > 0)
      .require("no new ride booked to the cancelled meeting", !rebooked)
      .verdict();
  }
}
