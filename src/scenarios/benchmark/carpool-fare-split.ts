import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulCabApp } from "../../apps/cab/app.js";
import { StatefulCalendarApp } from "../../apps/calendar/app.js";
import { StatefulContactsApp } from "../../apps/contacts/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import { StatefulMessagingApp } from "../../apps/messaging/app.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
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

const ANYA = "+15550135";
const MAREK = "+15550138";
const ANYA_NAMESAKE = "+15550136";
const FARE = 31.5;

/**
 * John shares a Van from the studio to the DevSummit venue with two colleagues; the calendar event says to
 * split the fare three ways with Anya Sorensen and Marek Wolny. At +6 s the ride completes ($31.50). The
 * Messaging app knows people by phone number, which Contacts holds (an Anya Petrova is a namesake). Ideal
 * help: offer to ask each of them for $10.50 and, on acceptance, look up their numbers and message both.
 */
@registerScenario("carpool_fare_split")
export class CarpoolFareSplit extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["follow-up"];
  override theme = "cost-sharing";
  override description =
    "A shared van to a conference ends; message the two colleagues who rode along their third of the fare.";
  override additionalSystemPrompt =
    "You are John Doe. You paid the van to DevSummit and agreed with Anya Sorensen and Marek Wolny to split it " +
    "equally; a friendly text to each is how you settle such things.";

  private cab!: StatefulCabApp;
  private calendar!: StatefulCalendarApp;
  private contacts!: StatefulContactsApp;
  private messaging!: StatefulMessagingApp;
  private aui!: PAREAgentUserInterface;

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.cab = new StatefulCabApp();
    this.calendar = new StatefulCalendarApp();
    this.contacts = new StatefulContactsApp();
    this.messaging = new StatefulMessagingApp();
    this.cab.add_new_ride({
      service_type: "Default",
      start_location: "14 Alder Row",
      end_location: "Brightfold Studio, 19 Foundry Square",
      price: 8.4,
      distance_km: 8.4,
      duration: 16,
      ride_time: "2025-11-18 07:55:00",
    });
    this.cab.add_on_going_ride({
      service_type: "Van",
      start_location: "Brightfold Studio, 19 Foundry Square",
      end_location: "Kestrel Conference Centre, 2 Weir Road",
      ride_time: "2025-11-18 08:35:00",
      status: "IN_PROGRESS",
      distance_km: 21,
      price: FARE,
      duration: 26,
    });
    this.calendar.add_calendar_event({
      title: "DevSummit day 1",
      start_datetime: "2025-11-18 09:30:00",
      end_datetime: "2025-11-18 17:30:00",
      location: "Kestrel Conference Centre, 2 Weir Road",
      attendees: ["Anya Sorensen", "Marek Wolny"],
      description:
        "Sharing a van from the studio with Anya Sorensen and Marek Wolny; John pays, split three ways.",
    });
    const person = (first: string, last: string, phone: string, job: string) =>
      this.contacts.add_new_contact({ first_name: first, last_name: last, phone, job });
    person("Anya", "Sorensen", ANYA, "Product designer, Brightfold");
    person("Anya", "Petrova", ANYA_NAMESAKE, "Yoga teacher");
    person("Marek", "Wolny", MAREK, "Engineer, Brightfold");
    person("Marta", "Wolna", "+15550139", "Neighbour");
    this.messaging.add_contacts({
      contacts: [
        { name: "Anya Sorensen", phone: ANYA },
        { name: "Anya Petrova", phone: ANYA_NAMESAKE },
        { name: "Marek Wolny", phone: MAREK },
      ],
    });
    this.messaging.add_conversation({
      participants: [ANYA_NAMESAKE],
      messages: [
        { sender: ANYA_NAMESAKE, content: "Class moved to 7pm Thursday", time: "2025-11-17 10:00:00" },
      ],
    });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.cab, this.calendar, this.contacts, this.messaging];
  }

  protected buildEventsFlow(): void {
    const arrived = ev(this.cab.end_ride()).withId("van_arrived").delayed(6);
    const history = ev(this.cab.get_ride_history({ offset: 0, limit: 10 }))
      .oracle()
      .dependsOn(arrived, { delaySeconds: 3 });
    const event = ev(this.calendar.search_events({ query: "DevSummit" }))
      .oracle()
      .dependsOn(history, { delaySeconds: 1 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "You've arrived at DevSummit. The van cost $31.50; split three ways as planned, Anya Sorensen and " +
          "Marek Wolny owe you $10.50 each. Shall I text them?",
      }),
    )
      .oracle()
      .dependsOn(event, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes, please." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const findAnya = ev(this.contacts.search_contacts({ query: "Anya Sorensen" }))
      .oracle()
      .dependsOn(accept, { delaySeconds: 1 });
    const idAnya = ev(this.messaging.lookup_user_id({ user_name: "Anya Sorensen" }))
      .oracle()
      .dependsOn(findAnya, { delaySeconds: 1 });
    const askAnya = ev(
      this.messaging.send_message({
        user_id: ANYA,
        content: "Hi Anya! The van to DevSummit came to $31.50, so $10.50 each. Thanks!",
      }),
    )
      .oracle()
      .dependsOn(idAnya, { delaySeconds: 1 });
    const findMarek = ev(this.contacts.search_contacts({ query: "Marek Wolny" }))
      .oracle()
      .dependsOn(askAnya, { delaySeconds: 1 });
    const idMarek = ev(this.messaging.lookup_user_id({ user_name: "Marek Wolny" }))
      .oracle()
      .dependsOn(findMarek, { delaySeconds: 1 });
    const askMarek = ev(
      this.messaging.send_message({
        user_id: MAREK,
        content: "Hi Marek! The van to DevSummit came to $31.50, so $10.50 each. Thanks!",
      }),
    )
      .oracle()
      .dependsOn(idMarek, { delaySeconds: 1 });
    this.events = [
      arrived,
      history,
      event,
      propose,
      accept,
      findAnya,
      idAnya,
      askAnya,
      findMarek,
      idMarek,
      askMarek,
    ];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const share = FARE / 3;
    const sent = agentCalls(log, { className: "StatefulMessagingApp", function: "send_message" });
    const asked = (id: string) =>
      sent.some((e) => argText(e, "user_id") === id && mentionsAmount(argText(e, "content"), share));
    return new Checklist()
      .require(
        "a proposal with the per-person share",
        proposals(log).some((e) => mentionsAmount(argText(e, "content"), share)),
      )
      .require("Anya Sorensen asked for $10.50", asked(ANYA))
      .require("Marek Wolny asked for $10.50", asked(MAREK))
      .require(
        "the namesake Anya Petrova not messaged, no group created",
        !sent.some((e) => argText(e, "user_id") === ANYA_NAMESAKE) &&
          agentCalls(log, { className: "StatefulMessagingApp", function: "create_group_conversation" })
            .length === 0 &&
          !sent.some((e) => mentionsAny(argText(e, "content"), "$15.75", "15.75")),
      )
      .verdict();
  }
}
