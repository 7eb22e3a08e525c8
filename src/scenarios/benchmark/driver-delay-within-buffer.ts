import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulCabApp } from "../../apps/cab/app.js";
import { StatefulCalendarApp } from "../../apps/calendar/app.js";
import { StatefulEmailApp } from "../../apps/email/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { PAREScenario } from "../pare-scenario.js";
import { assistantWrites, Checklist, proposals } from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;

/**
 * A false alarm. John's cab to the station (pickup 09:30, a 25-minute trip) reports a 6-minute delay at
 * +8 s; his train, per the calendar and the e-ticket email, leaves at 11:40, so he still arrives with well
 * over an hour to spare. The right help is none: a careful assistant checks the ride, the calendar and the
 * ticket and waits. Proposing to rebook, upgrade, cancel or warn anyone fails.
 */
@registerScenario("driver_delay_within_buffer")
export class DriverDelayWithinBuffer extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["timing-sensitive"];
  override theme = "ride-monitoring";
  override expectsProposal = false;
  override description =
    "The cab to the station is 6 minutes late while the train leaves in over two hours; nothing needs doing.";
  override additionalSystemPrompt =
    "You are John Doe, packing for a trip to Kingsbridge. You left plenty of time for the 11:40 train and you " +
    "find interruptions about small cab delays annoying: decline any suggestion to change the ride.";

  private cab!: StatefulCabApp;
  private calendar!: StatefulCalendarApp;
  private email!: StatefulEmailApp;
  private aui!: PAREAgentUserInterface;

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.cab = new StatefulCabApp();
    this.calendar = new StatefulCalendarApp();
    this.email = new StatefulEmailApp();
    this.calendar.add_calendar_event({
      title: "Train to Kingsbridge (coach C, seat 42)",
      start_datetime: "2025-11-18 11:40:00",
      end_datetime: "2025-11-18 13:55:00",
      location: "Harbourgate Station",
    });
    this.calendar.add_calendar_event({
      title: "Dinner with Aunt Ros",
      start_datetime: "2025-11-18 19:00:00",
      end_datetime: "2025-11-18 21:00:00",
      location: "Kingsbridge, The Old Mill",
    });
    this.email.add_emails({
      emails: [
        {
          email_id: "email-eticket",
          sender: "tickets@northline-rail.example",
          subject: "Your e-ticket: Harbourgate to Kingsbridge",
          content:
            "Outward: Tue 18 Nov, departs Harbourgate 11:40, arrives Kingsbridge 13:55. Coach C, seat 42. " +
            "Your ticket is valid on this train only.",
          time: "2025-11-10 20:14:00",
        },
        {
          sender: "tickets@northline-rail.example",
          subject: "Your e-ticket: Kingsbridge to Harbourgate",
          content: "Return: Sun 23 Nov, departs Kingsbridge 16:05. Coach B, seat 11.",
          time: "2025-11-10 20:15:00",
        },
      ],
    });
    this.cab.add_new_ride({
      service_type: "Default",
      start_location: "14 Alder Row",
      end_location: "Harbourgate Station",
      price: 12.6,
      duration: 26,
      distance_km: 12.6,
      ride_time: "2025-10-30 17:10:00",
    });
    this.cab.add_on_going_ride({
      service_type: "Default",
      start_location: "14 Alder Row",
      end_location: "Harbourgate Station",
      ride_time: "2025-11-18 09:30:00",
      distance_km: 12.6,
      duration: 25,
      delay: 30,
    });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.cab, this.calendar, this.email];
  }

  protected buildEventsFlow(): void {
    const delayed = ev(
      this.cab.update_ride_status({
        status: "DELAYED",
        message: "Running about 6 minutes behind, sorry.",
      }),
    )
      .withId("driver_slightly_late")
      .delayed(8);
    const ride = ev(this.cab.get_current_ride_status()).oracle().dependsOn(delayed, { delaySeconds: 2 });
    const agenda = ev(this.calendar.read_today_calendar_events())
      .oracle()
      .dependsOn(ride, { delaySeconds: 1 });
    const ticket = ev(this.email.search_emails({ query: "e-ticket" }))
      .oracle()
      .dependsOn(agenda, { delaySeconds: 1 });
    this.events = [delayed, ride, agenda, ticket];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    return new Checklist()
      .require("no proposal: a 6-minute delay leaves two hours before the train", proposals(log).length === 0)
      .require("the ride, calendar and mail left untouched", assistantWrites(log).length === 0)
      .verdict();
  }
}
