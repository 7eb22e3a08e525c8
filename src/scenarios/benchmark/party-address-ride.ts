import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulCabApp } from "../../apps/cab/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import { StatefulMessagingApp } from "../../apps/messaging/app.js";
import { parseDateTime } from "../../core/clock.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { PAREScenario } from "../pare-scenario.js";
import { agentCalls, argText, Checklist, mentionsAny, proposals } from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;

const DARIO = "5125550147";
const CONVERSATION = "conv-dario";
const HOME = "123 Main St, Anytown";
const PARTY = "1180 Wisteria Court, Unit 4, Maplewood";
/** The party starts at 19:30; a pickup in this window gets the user there on time, not hours early. */
const EARLIEST_PICKUP = parseDateTime("2025-11-22 18:30:00") as number;
const LATEST_PICKUP = parseDateTime("2025-11-22 19:30:00") as number;

/**
 * Saturday afternoon. Dario sends the address and time of his housewarming (tonight, 19:30, at his new
 * place in Maplewood). Another chat mentions a different party address next week. Ideal help: offer a
 * cab from home to the new address in time; on acceptance book it for a pickup shortly before 19:30.
 */
@registerScenario("party_address_ride")
export class PartyAddressRide extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["information-extraction"];
  override theme = "travel";
  override description = "A friend sends tonight's party address and time; book a ride there in time.";
  /** Saturday 2025-11-22 16:00:00 UTC. */
  override startTime = 1763827200;
  override additionalSystemPrompt =
    "You live at 123 Main St, Anytown. You are going to Dario's housewarming tonight and you do not drive, " +
    "so a cab that gets you there around the start time is welcome; the standard (Default) service is fine.";

  private messaging!: StatefulMessagingApp;
  private cab!: StatefulCabApp;
  private aui!: PAREAgentUserInterface;

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.messaging = new StatefulMessagingApp();
    this.cab = new StatefulCabApp();
    this.messaging.add_contacts({
      contacts: [
        { name: "Dario Benedetti", phone: DARIO },
        { name: "Hollis Greer", phone: "5125550108" },
      ],
    });
    this.messaging.add_conversation({
      participants: [DARIO],
      conversation_id: CONVERSATION,
      messages: [
        {
          sender: "Dario Benedetti",
          content: "Keys are mine! Housewarming this Saturday night, you're coming. Details soon.",
          time: "2025-11-18 20:14:00",
        },
        {
          sender: "John Doe",
          content: "Wouldn't miss it. Send me the address!",
          time: "2025-11-18 20:31:00",
        },
      ],
    });
    this.messaging.add_conversation({
      participants: ["5125550108"],
      messages: [
        {
          sender: "Hollis Greer",
          content: "Board game night next Friday at 8, at my place: 300 Birch Road. Bring snacks!",
          time: "2025-11-21 12:10:00",
        },
      ],
    });
    this.cab.add_new_ride({
      service_type: "Default",
      start_location: HOME,
      end_location: "Maplewood Farmers Market",
      price: 11.2,
      duration: 16,
      distance_km: 11.2,
      ride_time: "2025-11-15 10:20:00",
    });
    this.cab.add_new_ride({
      service_type: "Default",
      start_location: "Anytown Central Station",
      end_location: HOME,
      price: 8.5,
      duration: 12,
      distance_km: 8.5,
      ride_time: "2025-11-19 19:45:00",
    });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.messaging, this.cab];
  }

  protected buildEventsFlow(): void {
    const details = ev(
      this.messaging.create_and_add_message({
        conversation_id: CONVERSATION,
        sender_id: DARIO,
        content:
          "Party's on tonight from 7:30pm! Address: 1180 Wisteria Court, Unit 4, Maplewood. " +
          "Buzz 4 at the gate, parking is a nightmare so don't drive.",
      }),
    )
      .withId("party_details")
      .delayed(10);
    // Home is where past rides start: the ride history shows its address.
    const history = ev(this.cab.get_ride_history({})).oracle().dependsOn(details, { delaySeconds: 3 });
    const quote = ev(
      this.cab.list_rides({ start_location: HOME, end_location: PARTY, ride_time: "2025-11-22 19:05:00" }),
    )
      .oracle()
      .dependsOn(history, { delaySeconds: 2 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "Dario's housewarming is tonight at 19:30 at 1180 Wisteria Court, Unit 4, Maplewood. " +
          "Shall I book a Default cab from home with a 19:05 pickup so you arrive on time?",
      }),
    )
      .oracle()
      .dependsOn(quote, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes, book it." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const book = ev(
      this.cab.order_ride({
        start_location: HOME,
        end_location: PARTY,
        service_type: "Default",
        ride_time: "2025-11-22 19:05:00",
      }),
    )
      .oracle()
      .dependsOn(accept, { delaySeconds: 2 });
    this.events = [details, history, quote, propose, accept, book];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const booked = agentCalls(log, { className: "StatefulCabApp", function: "order_ride" }).some((e) => {
      const at = parseDateTime(argText(e, "ride_time"));
      return (
        at !== null &&
        at >= EARLIEST_PICKUP &&
        at <= LATEST_PICKUP &&
        mentionsAny(argText(e, "end_location"), "1180 Wisteria")
      );
    });
    return new Checklist()
      .require(
        "a proposal about a ride to Dario's party",
        proposals(log).some((e) => mentionsAny(argText(e, "content"), "Wisteria", "party", "housewarming")),
      )
      .require("a ride to 1180 Wisteria Court with a pickup between 18:30 and 19:30 tonight", booked)
      .verdict();
  }
}
