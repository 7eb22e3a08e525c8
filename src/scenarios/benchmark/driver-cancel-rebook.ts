import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulCabApp } from "../../apps/cab/app.js";
import { StatefulCalendarApp } from "../../apps/calendar/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import { parseDateTime } from "../../core/clock.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { PAREScenario } from "../pare-scenario.js";
import { agentCalls, argText, Checklist, mentionsAny, proposals } from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;

/** A ride time is acceptable when omitted (now) or within the window of useful pickups. */
const pickupInTime = (rideTime: string, earliest: string, latest: string): boolean => {
  if (rideTime.trim() === "") return true;
  const t = parseDateTime(rideTime);
  return t !== null && t >= (parseDateTime(earliest) as number) && t <= (parseDateTime(latest) as number);
};

/**
 * At 09:00 the user has a cab booked from home to a client's office for a 10:00 quarterly review.
 * At +8 s the driver cancels. Ideal help: warn the user, offer to book a replacement on the same
 * route right away, and on acceptance order it (pickup now, or at the latest 09:25).
 */
@registerScenario("driver_cancel_rebook")
export class DriverCancelRebook extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["timing-sensitive"];
  override theme = "ride-monitoring";
  override description =
    "The driver cancels the cab the user needs for an imminent meeting; rebook the same route at once.";
  override additionalSystemPrompt =
    "You are John Doe, at home (22 Birchwood Lane) getting ready for a 10:00 quarterly review at " +
    "Lindqvist & Co, 5 Harbour Plaza. Being late would be embarrassing; any ordinary cab is fine.";

  private cab!: StatefulCabApp;
  private calendar!: StatefulCalendarApp;
  private aui!: PAREAgentUserInterface;

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.cab = new StatefulCabApp();
    this.calendar = new StatefulCalendarApp();
    this.calendar.add_calendar_event({
      title: "Quarterly review - Lindqvist & Co",
      start_datetime: "2025-11-18 10:00:00",
      end_datetime: "2025-11-18 11:30:00",
      location: "Lindqvist & Co, 5 Harbour Plaza",
      description: "Present Q3 results and the renewal offer. Bring the signed NDA.",
      attendees: ["Astrid Lindqvist", "Paulo Mendes"],
    });
    this.calendar.add_calendar_event({
      title: "Call with accountant",
      start_datetime: "2025-11-18 15:00:00",
      end_datetime: "2025-11-18 15:30:00",
      attendees: ["Hannah Oyelaran"],
    });
    this.calendar.add_calendar_event({
      title: "Climbing session",
      start_datetime: "2025-11-19 18:30:00",
      end_datetime: "2025-11-19 20:00:00",
      location: "Greenway Bouldering Gym",
    });
    this.cab.add_new_ride({
      service_type: "Default",
      start_location: "22 Birchwood Lane",
      end_location: "Greenway Bouldering Gym",
      price: 9.8,
      duration: 14,
      distance_km: 4.9,
      ride_time: "2025-11-12 18:05:00",
    });
    this.cab.add_new_ride({
      service_type: "Van",
      start_location: "Airport Terminal 2",
      end_location: "22 Birchwood Lane",
      price: 36.0,
      duration: 38,
      distance_km: 24,
      ride_time: "2025-11-15 21:10:00",
    });
    this.cab.add_on_going_ride({
      service_type: "Default",
      start_location: "22 Birchwood Lane",
      end_location: "Lindqvist & Co, 5 Harbour Plaza",
      ride_time: "2025-11-18 09:15:00",
      distance_km: 12.5,
    });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.cab, this.calendar];
  }

  protected buildEventsFlow(): void {
    const cancelled = ev(
      this.cab.cancel_ride({
        who_cancel: "driver",
        message: "Sorry, I have a flat tyre and cannot make the pickup.",
      }),
    )
      .withId("driver_cancels")
      .delayed(8);
    const history = ev(this.cab.get_ride_history({ offset: 0, limit: 10 }))
      .oracle()
      .dependsOn(cancelled, { delaySeconds: 2 });
    const agenda = ev(this.calendar.read_today_calendar_events())
      .oracle()
      .dependsOn(history, { delaySeconds: 1 });
    const quote = ev(
      this.cab.get_quotation({
        start_location: "22 Birchwood Lane",
        end_location: "Lindqvist & Co, 5 Harbour Plaza",
        service_type: "Default",
      }),
    )
      .oracle()
      .dependsOn(agenda, { delaySeconds: 1 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "Your driver just cancelled the 09:15 cab to Lindqvist & Co (flat tyre), and your quarterly review " +
          "starts at 10:00. Shall I book a new ride from 22 Birchwood Lane to 5 Harbour Plaza right now?",
      }),
    )
      .oracle()
      .dependsOn(quote, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes please, book it now." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const rebook = ev(
      this.cab.order_ride({
        start_location: "22 Birchwood Lane",
        end_location: "Lindqvist & Co, 5 Harbour Plaza",
        service_type: "Default",
      }),
    )
      .oracle()
      .dependsOn(accept, { delaySeconds: 2 });
    this.events = [cancelled, history, agenda, quote, propose, accept, rebook];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const rebooked = agentCalls(log, { className: "StatefulCabApp", function: "order_ride" }).some(
      (e) =>
        mentionsAny(argText(e, "start_location"), "Birchwood") &&
        mentionsAny(argText(e, "end_location"), "Harbour Plaza", "Lindqvist") &&
        pickupInTime(argText(e, "ride_time"), "2025-11-18 09:00:00", "2025-11-18 09:25:00"),
    );
    return new Checklist()
      .require(
        "a proposal to rebook the cancelled ride",
        proposals(log).some(
          (e) =>
            mentionsAny(argText(e, "content"), "ride", "cab", "taxi") &&
            mentionsAny(argText(e, "content"), "book", "new", "replace", "another"),
        ),
      )
      .require("a new ride from Birchwood Lane to 5 Harbour Plaza, picking up by 09:25", rebooked)
      .verdict();
  }
}
