import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulCabApp } from "../../apps/cab/app.js";
import { StatefulCalendarApp } from "../../apps/calendar/app.js";
import { StatefulEmailApp } from "../../apps/email/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import { parseDateTime } from "../../core/clock.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { PAREScenario } from "../pare-scenario.js";
import { agentCalls, argText, Checklist, mentionsAny, proposals } from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;
const at = (text: string) => parseDateTime(text) as number;

const HOME = "27 Quarry Lane, Millbrook";
const AIRPORT = "Bayshore International Airport, Terminal 2";
const LANDING = at("2025-11-20 16:40:00");

/**
 * The airline sends the itinerary of Thursday's return flight: landing at Bayshore at 16:40. The cab
 * history shows the user rode from home to that airport on Monday; the calendar has a dinner on
 * Thursday evening. Ideal help: offer a cab from the airport home shortly after landing and book it.
 */
@registerScenario("airport_pickup_ride")
export class AirportPickupRide extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["timing-sensitive"];
  override theme = "travel";
  override description =
    "A flight itinerary says the user lands at 16:40; book a cab from the airport home shortly after landing.";
  override additionalSystemPrompt =
    "You are away on a work trip and fly home on Thursday. You travel with cabin luggage only and want to get home quickly.";

  private email!: StatefulEmailApp;
  private cab!: StatefulCabApp;
  private calendar!: StatefulCalendarApp;
  private aui!: PAREAgentUserInterface;

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.email = new StatefulEmailApp();
    this.cab = new StatefulCabApp();
    this.calendar = new StatefulCalendarApp();
    this.cab.add_new_ride({
      service_type: "Default",
      start_location: HOME,
      end_location: "Millbrook Climbing Gym",
      price: 9.4,
      duration: 14,
      distance_km: 5.2,
      ride_time: "2025-11-09 18:20:00",
    });
    this.cab.add_new_ride({
      service_type: "Default",
      start_location: "Lantern & Oak, 12 Mercer St",
      end_location: HOME,
      price: 12.1,
      duration: 19,
      distance_km: 7.5,
      ride_time: "2025-11-14 23:05:00",
    });
    this.cab.add_new_ride({
      service_type: "Default",
      start_location: HOME,
      end_location: AIRPORT,
      price: 31.6,
      duration: 38,
      distance_km: 18.4,
      ride_time: "2025-11-17 06:10:00",
    });
    this.calendar.add_calendar_events({
      events: [
        {
          title: "Harborline partner summit",
          start_datetime: "2025-11-17 13:00:00",
          end_datetime: "2025-11-20 12:00:00",
          location: "Kestrel Conference Centre",
          tag: "Work",
        },
        {
          title: "Flight SL 482 home",
          start_datetime: "2025-11-20 14:05:00",
          end_datetime: "2025-11-20 16:40:00",
          description: "Skyward Lines, seat 14C",
        },
        {
          title: "Dinner with Maren",
          start_datetime: "2025-11-20 19:30:00",
          end_datetime: "2025-11-20 21:30:00",
          location: "Osteria Fiume",
        },
      ],
    });
    this.email.add_emails({
      emails: [
        {
          sender: "bookings@kestrelhotel.example",
          subject: "Your stay: 17-20 November",
          content: "Check-out is at 11:00 on Thursday. Late check-out is available on request.",
          time: "2025-11-10 09:00:00",
        },
        {
          sender: "maren.solberg@postbox.example",
          subject: "Thursday!",
          content: "Table's booked for 19:30 at Osteria Fiume. Don't be late :)",
          time: "2025-11-17 20:45:00",
        },
      ],
    });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.email, this.cab, this.calendar];
  }

  protected buildEventsFlow(): void {
    const itinerary = ev(
      this.email.send_email_to_user_with_id({
        email_id: "email-sl482-itinerary",
        sender: "itinerary@skywardlines.example",
        subject: "Your itinerary: SL 482 on Thursday 20 November",
        content:
          "Hello John Doe,\n\nFlight SL 482, Thursday 20 November\nDeparts: Kestrel City (KSC) 14:05\n" +
          "Arrives: Bayshore International (BSI), Terminal 2, 16:40\nSeat 14C, cabin bag only.\n\n" +
          "Online check-in opens 24 hours before departure.\n\nSkyward Lines",
      }),
    )
      .withId("itinerary")
      .delayed(9);
    const history = ev(this.cab.get_ride_history()).oracle().dependsOn(itinerary, { delaySeconds: 3 });
    const evening = ev(
      this.calendar.get_calendar_events_from_to({
        start_datetime: "2025-11-20 00:00:00",
        end_datetime: "2025-11-21 00:00:00",
      }),
    )
      .oracle()
      .dependsOn(history, { delaySeconds: 2 });
    const quote = ev(
      this.cab.list_rides({ start_location: AIRPORT, end_location: HOME, ride_time: "2025-11-20 17:00:00" }),
    )
      .oracle()
      .dependsOn(evening, { delaySeconds: 2 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "Your flight SL 482 lands at Bayshore Terminal 2 on Thursday at 16:40, and you have dinner at 19:30. " +
          `Shall I book a cab from the airport to ${HOME} for 17:00 that day?`,
      }),
    )
      .oracle()
      .dependsOn(quote, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes, book it." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const book = ev(
      this.cab.order_ride({
        start_location: AIRPORT,
        end_location: HOME,
        service_type: "Default",
        ride_time: "2025-11-20 17:00:00",
      }),
    )
      .oracle()
      .dependsOn(accept, { delaySeconds: 2 });
    this.events = [itinerary, history, evening, quote, propose, accept, book];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const booked = agentCalls(log, { className: "StatefulCabApp", function: "order_ride" }).some((e) => {
      const when = parseDateTime(argText(e, "ride_time"));
      return (
        mentionsAny(argText(e, "start_location"), "Bayshore", "BSI", "airport") &&
        mentionsAny(argText(e, "end_location"), "Quarry") &&
        when !== null &&
        when >= LANDING + 5 * 60 &&
        when <= LANDING + 60 * 60
      );
    });
    return new Checklist()
      .require(
        "a proposal of a cab after the flight lands",
        proposals(log).some((e) => mentionsAny(argText(e, "content"), "cab", "ride", "taxi")),
      )
      .require("a cab from Bayshore airport to 27 Quarry Lane on Thursday between 16:45 and 17:40", booked)
      .verdict();
  }
}
