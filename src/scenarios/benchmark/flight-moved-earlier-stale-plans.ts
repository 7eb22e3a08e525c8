import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulCabApp } from "../../apps/cab/app.js";
import { StatefulCalendarApp } from "../../apps/calendar/app.js";
import { StatefulEmailApp } from "../../apps/email/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import { StatefulReminderApp } from "../../apps/reminder/app.js";
import { parseDateTime } from "../../core/clock.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { assistantRides, rideStartsBetween } from "../cab-verdicts.js";
import { calendarEvent } from "../calendar-verdicts.js";
import { PAREScenario } from "../pare-scenario.js";
import {
  calendarWritesOutside,
  dueBetween,
  reminderWritesOutside,
  upcomingRemindersAbout,
} from "../reschedule-verdicts.js";
import { argText, Checklist, mentionsAny, proposals } from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;

const HOME = "14 Alder Row";
const AIRPORT = "Halden Airport, Terminal 2";
const at = (t: string) => parseDateTime(t) as number;

/**
 * No environment event. Last night the airline emailed a schedule change: Thursday's flight NS482 to Lisbon
 * now leaves at 07:05 (was 14:20) and lands 10:50. The calendar still shows 14:20, the "Leave for the airport"
 * reminder is still at 11:30, and no cab is booked; John's rides to Terminal 2 take about 35 minutes and he
 * likes to be there 90 minutes before a flight. Ideal help: on noticing it, offer to move the flight event,
 * move the reminder to about 04:45 and book a Default cab at 05:00; on acceptance do all three.
 */
@registerScenario("flight_moved_earlier_stale_plans")
export class FlightMovedEarlierStalePlans extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["conflict-resolution"];
  override theme = "reschedule";
  override description =
    "Nothing arrives: the airline moved Thursday's flight to 07:05 overnight; move the event and the leave reminder and book an early cab.";
  override additionalSystemPrompt =
    "You are John Doe. You like to be at the airport 90 minutes before a flight and take a Default cab from " +
    "home. You hadn't noticed the airline's schedule change.";

  private email!: StatefulEmailApp;
  private calendar!: StatefulCalendarApp;
  private reminders!: StatefulReminderApp;
  private cab!: StatefulCabApp;
  private aui!: PAREAgentUserInterface;
  private flightId = "";
  private leaveId = "";

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.email = new StatefulEmailApp();
    this.calendar = new StatefulCalendarApp();
    this.reminders = new StatefulReminderApp();
    this.cab = new StatefulCabApp();
    [this.flightId] = this.calendar.add_calendar_events({
      events: [
        {
          title: "Flight NS482 to Lisbon",
          start_datetime: "2025-11-20 14:20:00",
          end_datetime: "2025-11-20 18:05:00",
          location: AIRPORT,
          description: "Booking ref QX7RTM",
        },
        {
          title: "Flight NS487 back from Lisbon",
          start_datetime: "2025-11-24 19:30:00",
          end_datetime: "2025-11-24 23:10:00",
          location: "Lisbon airport",
        },
        {
          title: "Dinner with Beatriz",
          start_datetime: "2025-11-20 20:00:00",
          end_datetime: "2025-11-20 22:00:00",
          location: "Lisbon, Alfama",
        },
      ],
    }) as [string, string, ...string[]];
    this.leaveId = this.reminders.create_reminder_with_time({
      title: "Leave for the airport",
      description: "Passport, charger, Beatriz's gift.",
      due_datetime: "2025-11-20 11:30:00",
    });
    this.reminders.create_reminder_with_time({
      title: "Leave for the airport (return)",
      due_datetime: "2025-11-24 16:30:00",
    });
    this.reminders.create_reminder_with_time({
      title: "Water the plants",
      due_datetime: "2025-11-19 19:00:00",
    });
    this.email.add_emails({
      emails: [
        {
          email_id: "email-schedule-change",
          sender: "alerts@northsea-air.example",
          subject: "Schedule change to your booking QX7RTM",
          content:
            "Dear John Doe,\n\nThe schedule of your flight NS482 Halden - Lisbon on Thursday 20 November has " +
            "changed. New departure: 07:05 (was 14:20). New arrival: 10:50. Bag drop closes 45 minutes before " +
            "departure. Your return flight NS487 is unchanged.\n\nNorthSea Air",
          time: "2025-11-17 21:40:00",
        },
        {
          sender: "beatriz.lopes@correio.example",
          subject: "Thursday!",
          content: "Dinner on Thursday at 20:00 still on? I booked the place in Alfama.",
          time: "2025-11-16 10:00:00",
        },
        {
          sender: "offers@northsea-air.example",
          subject: "Winter sale",
          content: "Fly to the sun from 39 euros.",
          time: "2025-11-15 07:00:00",
        },
      ],
    });
    for (const [from, to, time] of [
      [HOME, AIRPORT, "2025-09-02 05:10:00"],
      [AIRPORT, HOME, "2025-09-06 22:40:00"],
      [HOME, "Quillfield office, 12 Tanner Street", "2025-11-14 08:20:00"],
    ] as const)
      this.cab.add_new_ride({
        service_type: "Default",
        start_location: from,
        end_location: to,
        price: to === AIRPORT || from === AIRPORT ? 31.5 : 9.8,
        duration: to === AIRPORT || from === AIRPORT ? 35 : 14,
        distance_km: to === AIRPORT || from === AIRPORT ? 24 : 6,
        ride_time: time,
      });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.email, this.calendar, this.reminders, this.cab];
  }

  protected buildEventsFlow(): void {
    const inbox = ev(this.email.list_emails({ limit: 5 }))
      .oracle()
      .delayed(5);
    const flight = ev(this.calendar.search_events({ query: "Lisbon" }))
      .oracle()
      .dependsOn(inbox, { delaySeconds: 2 });
    const list = ev(this.reminders.get_all_reminders()).oracle().dependsOn(flight, { delaySeconds: 1 });
    const rides = ev(this.cab.get_ride_history({ offset: 0, limit: 5 }))
      .oracle()
      .dependsOn(list, { delaySeconds: 1 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "NorthSea Air moved Thursday's flight NS482 to Lisbon to 07:05 (lands 10:50), but your calendar still " +
          "says 14:20 and 'Leave for the airport' is set for 11:30. Shall I move the flight in your calendar to " +
          `07:05-10:50, move the reminder to 04:45, and book a Default cab from ${HOME} to ${AIRPORT} at 05:00 ` +
          "(about 35 minutes, so you're there 90 minutes early)?",
      }),
    )
      .oracle()
      .dependsOn(rides, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Oh no, yes please, all three." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const refind = ev(this.calendar.search_events({ query: "NS482" }))
      .oracle()
      .dependsOn(accept, { delaySeconds: 1 });
    const move = ev(
      this.calendar.edit_calendar_event({
        event_id: this.flightId,
        start_datetime: "2025-11-20 07:05:00",
        end_datetime: "2025-11-20 10:50:00",
      }),
    )
      .oracle()
      .dependsOn(refind, { delaySeconds: 1 });
    const relist = ev(this.reminders.get_all_reminders()).oracle().dependsOn(move, { delaySeconds: 1 });
    const remind = ev(
      this.reminders.update_reminder({ reminder_id: this.leaveId, due_datetime: "2025-11-20 04:45:00" }),
    )
      .oracle()
      .dependsOn(relist, { delaySeconds: 1 });
    const book = ev(
      this.cab.order_ride({
        start_location: HOME,
        end_location: AIRPORT,
        service_type: "Default",
        ride_time: "2025-11-20 05:00:00",
      }),
    )
      .oracle()
      .dependsOn(remind, { delaySeconds: 1 });
    const report = ev(
      this.aui.send_message_to_user({
        content: "Done: flight moved to 07:05, reminder at 04:45, cab booked for 05:00 on Thursday.",
      }),
    )
      .oracle()
      .dependsOn(book, { delaySeconds: 1 });
    this.events = [inbox, flight, list, rides, propose, accept, refind, move, relist, remind, book, report];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const flight = calendarEvent(env, this.flightId);
    const leave = upcomingRemindersAbout(env, "airport").filter((r) => !r.title.includes("return"));
    const rides = assistantRides(env);
    return new Checklist()
      .require(
        "a proposal about the earlier flight",
        proposals(log).some((e) => mentionsAny(argText(e, "content"), "07:05", "7:05")),
      )
      .require(
        "the flight event now departs 07:05 and ends by 11:00",
        flight !== undefined &&
          flight.start_datetime === at("2025-11-20 07:05:00") &&
          flight.end_datetime > at("2025-11-20 09:00:00") &&
          flight.end_datetime <= at("2025-11-20 11:00:00"),
      )
      .require(
        "a leave-for-the-airport reminder before 05:05 on Thursday, none left for the old time",
        leave.some((r) => dueBetween(r, "2025-11-20 03:30:00", "2025-11-20 05:05:00")) &&
          leave.every((r) => dueBetween(r, "2025-11-20 03:30:00", "2025-11-20 05:05:00")),
      )
      .require(
        "one Default cab from home to Terminal 2 picking up between 04:30 and 05:05",
        rides.length === 1 &&
          rides.every(
            (r) =>
              r.service_type === "Default" &&
              mentionsAny(r.start_location, "Alder") &&
              mentionsAny(r.end_location, "Halden Airport") &&
              rideStartsBetween(r, "2025-11-20 04:30:00", "2025-11-20 05:05:00"),
          ),
      )
      .require(
        "the return flight, dinner and other reminders left alone",
        calendarWritesOutside(log, [this.flightId]).length === 0 &&
          reminderWritesOutside(log, [this.leaveId], { allowAdds: true }).length === 0,
      )
      .verdict();
  }
}
