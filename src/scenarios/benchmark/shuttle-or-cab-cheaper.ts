import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulCabApp } from "../../apps/cab/app.js";
import { StatefulCalendarApp } from "../../apps/calendar/app.js";
import { StatefulEmailApp } from "../../apps/email/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { assistantRides, rideStartsBetween } from "../cab-verdicts.js";
import { PAREScenario } from "../pare-scenario.js";
import { agentCalls, argText, Checklist, mentionsAny, proposals } from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;

const HOTEL = "Hotel Marlow, 9 Dock Street";
const AIRPORT = "Halden Airport, Terminal 1";
const SHUTTLE_EMAIL = "email-marlow-shuttle";

/**
 * John and Maya are at Hotel Marlow and fly to Oslo tomorrow at 08:40 (calendar). At +8 s the concierge
 * offers the airport shuttle at $24 per person, leaving 06:15, reserved by reply. Their arrival ride from
 * the airport fixes the route (19 km): a Default cab for both is $19, Van $28.50, Premium $38, against $48
 * for two shuttle seats. Ideal help: offer to book a Default cab for 06:15 tomorrow and decline the shuttle;
 * on acceptance book it and reply to the concierge.
 */
@registerScenario("shuttle_or_cab_cheaper")
export class ShuttleOrCabCheaper extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["follow-up"];
  override theme = "cab-quotes";
  override description =
    "The hotel offers an airport shuttle per person; a cab for two is cheaper, so book it and decline the shuttle.";
  override additionalSystemPrompt =
    "You are John Doe, travelling with Maya. For tomorrow's airport run you want whatever is cheaper for the " +
    "two of you, as long as you are at the airport by 07:00.";

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
      title: "Flight SK 902 to Oslo",
      start_datetime: "2025-11-19 08:40:00",
      end_datetime: "2025-11-19 10:55:00",
      location: AIRPORT,
      attendees: ["Maya Lindqvist"],
      description: "Bag drop closes 07:40.",
    });
    this.calendar.add_calendar_event({
      title: "Check out of Hotel Marlow",
      start_datetime: "2025-11-19 06:00:00",
      end_datetime: "2025-11-19 06:10:00",
      location: HOTEL,
    });
    this.cab.add_new_ride({
      service_type: "Default",
      start_location: AIRPORT,
      end_location: HOTEL,
      price: 19,
      distance_km: 19,
      duration: 28,
      ride_time: "2025-11-15 17:05:00",
    });
    this.email.add_emails({
      emails: [
        {
          sender: "reservations@hotelmarlow.example",
          subject: "Your stay at Hotel Marlow",
          content: "Check-out is until 11:00. Our concierge can arrange transport.",
          time: "2025-11-15 18:00:00",
        },
        {
          sender: "noreply@skyways.example",
          subject: "Check-in open: SK 902 to Oslo",
          content: "Departs Halden Terminal 1 at 08:40 on 19 Nov. Passengers: John Doe, Maya Lindqvist.",
          time: "2025-11-18 08:40:00",
        },
      ],
    });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.cab, this.calendar, this.email];
  }

  protected buildEventsFlow(): void {
    const offer = ev(
      this.email.send_email_to_user_with_id({
        email_id: SHUTTLE_EMAIL,
        sender: "concierge@hotelmarlow.example",
        subject: "Airport shuttle tomorrow morning",
        content:
          "Dear Mr Doe, our shuttle to Halden Airport leaves the hotel at 06:15 tomorrow and costs $24 per " +
          "person. Reply to this email to reserve seats for you and Ms Lindqvist. Kind regards, the concierge",
      }),
    )
      .withId("shuttle_offer")
      .delayed(8);
    const flight = ev(this.calendar.search_events({ query: "Oslo" }))
      .oracle()
      .dependsOn(offer, { delaySeconds: 3 });
    const history = ev(this.cab.get_ride_history({ offset: 0, limit: 10 }))
      .oracle()
      .dependsOn(flight, { delaySeconds: 1 });
    const quotes = ev(
      this.cab.list_rides({ start_location: HOTEL, end_location: AIRPORT, ride_time: "2025-11-19 06:15:00" }),
    )
      .oracle()
      .dependsOn(history, { delaySeconds: 1 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "The hotel shuttle tomorrow would be $48 for you and Maya ($24 each). A Default cab from Hotel Marlow " +
          "to Terminal 1 at 06:15 costs $19 for both. Shall I book the cab and reply to the concierge that you " +
          "won't need the shuttle?",
      }),
    )
      .oracle()
      .dependsOn(quotes, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Good catch, yes." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const book = ev(
      this.cab.order_ride({
        start_location: HOTEL,
        end_location: AIRPORT,
        service_type: "Default",
        ride_time: "2025-11-19 06:15:00",
      }),
    )
      .oracle()
      .dependsOn(accept, { delaySeconds: 2 });
    const find = ev(this.email.search_emails({ query: "shuttle" }))
      .oracle()
      .dependsOn(book, { delaySeconds: 1 });
    const decline = ev(
      this.email.reply_to_email({
        email_id: SHUTTLE_EMAIL,
        content:
          "Thank you for the offer. We have booked a cab, so we won't need the shuttle. Best, John Doe",
      }),
    )
      .oracle()
      .dependsOn(find, { delaySeconds: 1 });
    this.events = [offer, flight, history, quotes, propose, accept, book, find, decline];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const rides = assistantRides(env);
    const cab = rides.find(
      (r) =>
        mentionsAny(r.start_location, "Marlow", "Dock Street") &&
        mentionsAny(r.end_location, "Halden", "Terminal 1", "airport") &&
        r.price < 48 &&
        rideStartsBetween(r, "2025-11-19 05:45:00", "2025-11-19 06:30:00"),
    );
    const replies = agentCalls(log, { className: "StatefulEmailApp", function: "reply_to_email" }).filter(
      (e) => argText(e, "email_id") === SHUTTLE_EMAIL,
    );
    const declined = replies.some((e) =>
      mentionsAny(
        argText(e, "content"),
        "cab",
        "taxi",
        "won't need",
        "will not need",
        "no need",
        "decline",
        "not need",
      ),
    );
    const reserved = replies.some((e) =>
      mentionsAny(argText(e, "content"), "please reserve", "book two seats"),
    );
    return new Checklist()
      .require(
        "a proposal comparing the shuttle with a cab",
        proposals(log).some((e) => mentionsAny(argText(e, "content"), "shuttle")),
      )
      .require(
        "one cab from the hotel to the airport tomorrow 05:45-06:30, cheaper than the shuttle",
        !!cab && rides.length === 1,
      )
      .require("a reply declining the shuttle, none reserving it", declined && !reserved)
      .verdict();
  }
}
