import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulCabApp } from "../../apps/cab/app.js";
import { StatefulCalendarApp } from "../../apps/calendar/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import { StatefulMessagingApp } from "../../apps/messaging/app.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { assistantRides, rideStartsBetween } from "../cab-verdicts.js";
import { PAREScenario } from "../pare-scenario.js";
import {
  agentCalls,
  argText,
  Checklist,
  mentionsAmount,
  mentionsAny,
  proposals,
} from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;

const STUDIO = "Brightfold Studio, 19 Foundry Square";
const AIRPORT = "Halden Airport, Terminal 2";
const GROUP = "conv-offsite-crew";
const CREW = { Priya: "+15550129", Tom: "+15550131", Anya: "+15550135", Marek: "+15550138" };

/**
 * Five colleagues (John and four others) fly to the Lisbon offsite at 13:05. In the group chat they agree to
 * leave the studio together at 11:00 and, at +8 s, ask John to book one cab for all five with their bags.
 * A Default or Premium car seats four; the Van seats six. The route's price is fixed by a past ride (22 km:
 * Default $22, Van $33, Premium $44). Ideal help: compare the quotes, offer to book the Van for 11:00 and
 * post the per-person price ($6.60); on acceptance book it and post in the group.
 */
@registerScenario("airport_van_for_five")
export class AirportVanForFive extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["gap-detection"];
  override theme = "cab-quotes";
  override description =
    "Five colleagues want one cab to the airport; a car seats four, so quote and book the Van and post the share.";
  override additionalSystemPrompt =
    "You are John Doe, flying to the Lisbon offsite with four colleagues. You're happy to book one shared cab " +
    "for everyone as long as all five of you and the bags fit; everyone pays their share.";

  private cab!: StatefulCabApp;
  private calendar!: StatefulCalendarApp;
  private messaging!: StatefulMessagingApp;
  private aui!: PAREAgentUserInterface;

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.cab = new StatefulCabApp();
    this.calendar = new StatefulCalendarApp();
    this.messaging = new StatefulMessagingApp();
    this.calendar.add_calendar_event({
      title: "Flight NX 214 to Lisbon (offsite)",
      start_datetime: "2025-11-18 13:05:00",
      end_datetime: "2025-11-18 15:50:00",
      location: AIRPORT,
      attendees: ["Priya Raman", "Tom Becker", "Anya Sorensen", "Marek Wolny"],
      description: "Check-in closes 12:20. Team offsite in Lisbon until Friday.",
    });
    this.calendar.add_calendar_event({
      title: "Stand-up",
      start_datetime: "2025-11-18 09:30:00",
      end_datetime: "2025-11-18 09:45:00",
      location: STUDIO,
    });
    this.cab.add_new_ride({
      service_type: "Default",
      start_location: STUDIO,
      end_location: AIRPORT,
      price: 22,
      distance_km: 22,
      duration: 31,
      ride_time: "2025-09-12 16:40:00",
    });
    this.messaging.add_contacts({
      contacts: [
        { name: "Priya Raman", phone: CREW.Priya },
        { name: "Tom Becker", phone: CREW.Tom },
        { name: "Anya Sorensen", phone: CREW.Anya },
        { name: "Marek Wolny", phone: CREW.Marek },
        { name: "Tomasz Becker", phone: "+15550132" },
      ],
    });
    this.messaging.add_conversation({
      conversation_id: GROUP,
      title: "Offsite crew",
      participants: Object.values(CREW),
      messages: [
        {
          sender: CREW.Priya,
          content: "Shall we share one cab to the airport?",
          time: "2025-11-18 08:30:00",
        },
        { sender: CREW.Tom, content: "Yes! Leave the studio at 11:00 sharp?", time: "2025-11-18 08:32:00" },
        {
          sender: CREW.Marek,
          content: "11:00 works, I'll have my big suitcase",
          time: "2025-11-18 08:35:00",
        },
        { sender: CREW.Anya, content: "Same, plus the banner tube", time: "2025-11-18 08:41:00" },
      ],
    });
    this.messaging.add_conversation({
      participants: ["+15550132"],
      messages: [{ sender: "+15550132", content: "Squash next week?", time: "2025-11-17 19:00:00" }],
    });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.cab, this.calendar, this.messaging];
  }

  protected buildEventsFlow(): void {
    const ask = ev(
      this.messaging.create_and_add_message({
        conversation_id: GROUP,
        sender_id: CREW.Priya,
        content:
          "John, can you book it from the studio for 11:00? All five of us plus bags. We'll pay you back",
      }),
    )
      .withId("crew_asks_john")
      .delayed(8);
    const chat = ev(this.messaging.read_conversation({ conversation_id: GROUP }))
      .oracle()
      .dependsOn(ask, { delaySeconds: 3 });
    const flight = ev(this.calendar.search_events({ query: "Flight" }))
      .oracle()
      .dependsOn(chat, { delaySeconds: 1 });
    const history = ev(this.cab.get_ride_history({ offset: 0, limit: 10 }))
      .oracle()
      .dependsOn(flight, { delaySeconds: 1 });
    const quotes = ev(
      this.cab.list_rides({
        start_location: STUDIO,
        end_location: AIRPORT,
        ride_time: "2025-11-18 11:00:00",
      }),
    )
      .oracle()
      .dependsOn(history, { delaySeconds: 1 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "The offsite crew wants one cab from the studio to Halden Airport at 11:00 for five people with bags. " +
          "Default and Premium cars seat four, so it needs the Van: $33.00, i.e. $6.60 each. Shall I book the " +
          "Van for 11:00 and post the price in the Offsite crew group?",
      }),
    )
      .oracle()
      .dependsOn(quotes, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes, book the van." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const book = ev(
      this.cab.order_ride({
        start_location: STUDIO,
        end_location: AIRPORT,
        service_type: "Van",
        ride_time: "2025-11-18 11:00:00",
      }),
    )
      .oracle()
      .dependsOn(accept, { delaySeconds: 2 });
    const group = ev(this.messaging.search({ query: "Offsite crew" }))
      .oracle()
      .dependsOn(book, { delaySeconds: 1 });
    const post = ev(
      this.messaging.send_message_to_group_conversation({
        conversation_id: GROUP,
        content: "Booked a Van from the studio to Terminal 2 at 11:00 ($33.00 total, so $6.60 each).",
      }),
    )
      .oracle()
      .dependsOn(group, { delaySeconds: 1 });
    this.events = [ask, chat, flight, history, quotes, propose, accept, book, group, post];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const rides = assistantRides(env);
    const van = rides.find(
      (r) =>
        r.service_type === "Van" &&
        mentionsAny(r.start_location, "Foundry", "Brightfold") &&
        mentionsAny(r.end_location, "Halden", "airport") &&
        rideStartsBetween(r, "2025-11-18 10:50:00", "2025-11-18 11:10:00"),
    );
    const share = van ? van.price / 5 : Number.NaN;
    const posted = agentCalls(log, {
      className: "StatefulMessagingApp",
      function: "send_message_to_group_conversation",
    }).some((e) => argText(e, "conversation_id") === GROUP && mentionsAmount(argText(e, "content"), share));
    return new Checklist()
      .require(
        "a proposal to book a van for the five",
        proposals(log).some((e) => mentionsAny(argText(e, "content"), "van")),
      )
      .require(
        "one Van from the studio to the airport at about 11:00, no other ride",
        !!van && rides.length === 1,
      )
      .require("the per-person share of the van's fare posted in the group", posted)
      .verdict();
  }
}
