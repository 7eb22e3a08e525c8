import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulCabApp } from "../../apps/cab/app.js";
import { StatefulCalendarApp } from "../../apps/calendar/app.js";
import { StatefulEmailApp } from "../../apps/email/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { assistantRides, rideById } from "../cab-verdicts.js";
import { PAREScenario } from "../pare-scenario.js";
import { argText, Checklist, mentionsAny, proposals } from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;

const HOME = "14 Alder Row";
const STATION = "Harbourgate Station";

/**
 * 09:00. John's Default cab to Harbourgate Station was due at 09:10 (a 9 km trip, about 15 minutes) for
 * the 10:05 train, and his e-ticket is valid on that train only. At +8 s the driver reports being 30
 * minutes late. Quotes show Premium has the shortest pickup (about 4-8 minutes). Ideal help: offer to
 * cancel and rebook Premium now, which the persona pays for; on acceptance cancel and book it.
 */
@registerScenario("delayed_driver_rebook_premium")
export class DelayedDriverRebookPremium extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["timing-sensitive"];
  override theme = "ride-monitoring";
  override description =
    "The cab to a fixed-ticket train is suddenly 30 minutes late; cancel and rebook the quickest (Premium) ride.";
  override additionalSystemPrompt =
    "You are John Doe. Your 10:05 ticket cannot be changed, so you'd gladly pay for Premium to make the train.";

  private cab!: StatefulCabApp;
  private calendar!: StatefulCalendarApp;
  private email!: StatefulEmailApp;
  private aui!: PAREAgentUserInterface;
  private lateRideId = "";

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.cab = new StatefulCabApp();
    this.calendar = new StatefulCalendarApp();
    this.email = new StatefulEmailApp();
    this.calendar.add_calendar_event({
      title: "Train to Kingsbridge",
      start_datetime: "2025-11-18 10:05:00",
      end_datetime: "2025-11-18 12:20:00",
      location: STATION,
    });
    this.calendar.add_calendar_event({
      title: "Site visit, Kingsbridge depot",
      start_datetime: "2025-11-18 13:00:00",
      end_datetime: "2025-11-18 16:00:00",
    });
    this.email.add_emails({
      emails: [
        {
          sender: "tickets@northline-rail.example",
          subject: "Your e-ticket: Harbourgate to Kingsbridge, 10:05",
          content: "Advance ticket, valid only on the 10:05 from Harbourgate on 18 Nov. Not refundable.",
          time: "2025-11-09 18:00:00",
        },
        {
          sender: "tickets@northline-rail.example",
          subject: "Your e-ticket: Kingsbridge to Harbourgate, 17:30",
          content: "Return ticket, valid on any train on 18 Nov after 17:00.",
          time: "2025-11-09 18:01:00",
        },
      ],
    });
    this.cab.add_new_ride({
      service_type: "Default",
      start_location: HOME,
      end_location: STATION,
      price: 9,
      distance_km: 9,
      duration: 15,
      ride_time: "2025-10-30 17:10:00",
    });
    this.lateRideId = this.cab.add_on_going_ride({
      service_type: "Default",
      start_location: HOME,
      end_location: STATION,
      ride_time: "2025-11-18 09:10:00",
      distance_km: 9,
      duration: 15,
      delay: 10,
    }).ride_id;
    this.apps = [this.aui, new HomeScreenSystemApp(), this.cab, this.calendar, this.email];
  }

  protected buildEventsFlow(): void {
    const late = ev(
      this.cab.update_ride_status({
        status: "DELAYED",
        message: "Stuck behind an accident on Mill Road, I'll be about 30 minutes late.",
      }),
    )
      .withId("driver_very_late")
      .delayed(8);
    const ride = ev(this.cab.get_current_ride_status()).oracle().dependsOn(late, { delaySeconds: 2 });
    const agenda = ev(this.calendar.read_today_calendar_events())
      .oracle()
      .dependsOn(ride, { delaySeconds: 1 });
    const ticket = ev(this.email.search_emails({ query: "10:05" }))
      .oracle()
      .dependsOn(agenda, { delaySeconds: 1 });
    const quotes = ev(this.cab.list_rides({ start_location: HOME, end_location: STATION }))
      .oracle()
      .dependsOn(ticket, { delaySeconds: 1 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "Your driver is now ~30 minutes late, which would miss the 10:05 train (your ticket is only valid on " +
          "that one). Premium has the quickest pickup (a few minutes, $18). Shall I cancel the late cab and book " +
          "Premium from 14 Alder Row to Harbourgate Station now?",
      }),
    )
      .oracle()
      .dependsOn(quotes, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes, do it now." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const cancel = ev(this.cab.user_cancel_ride()).oracle().dependsOn(accept, { delaySeconds: 1 });
    const book = ev(
      this.cab.order_ride({ start_location: HOME, end_location: STATION, service_type: "Premium" }),
    )
      .oracle()
      .dependsOn(cancel, { delaySeconds: 1 });
    this.events = [late, ride, agenda, ticket, quotes, propose, accept, cancel, book];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const rides = assistantRides(env);
    const premium = rides.find(
      (r) =>
        r.service_type === "Premium" &&
        mentionsAny(r.start_location, "Alder") &&
        mentionsAny(r.end_location, "Harbourgate") &&
        r.time_stamp <= this.startTime + 20 * 60,
    );
    return new Checklist()
      .require(
        "a proposal to rebook because of the train",
        proposals(log).some((e) => mentionsAny(argText(e, "content"), "train", "10:05")),
      )
      .require("the late cab cancelled", rideById(env, this.lateRideId)?.status === "CANCELLED")
      .require("one Premium cab from home to the station, picking up now", !!premium && rides.length === 1)
      .verdict();
  }
}
