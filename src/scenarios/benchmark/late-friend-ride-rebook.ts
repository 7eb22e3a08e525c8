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

const WEN = "7735550136";
const CONVERSATION = "conv-wen";
const HOME = "123 Main St, Anytown";
const CAFE = "Juniper Cafe, 58 Orchard Ave";
/** The booked pickup is 09:40; Wen now arrives at 10:45 instead of 10:00. */
const EARLIEST_REBOOK = parseDateTime("2025-11-22 10:10:00") as number;
const LATEST_REBOOK = parseDateTime("2025-11-22 10:45:00") as number;

/**
 * Saturday morning: the user has a cab booked for 09:40 to meet Wen at Juniper Cafe at 10:00. Wen
 * writes that her train is stuck and she will be 45 minutes late. Ideal help: offer to push the ride;
 * on acceptance cancel the booked ride and book the same route about 45 minutes later.
 */
@registerScenario("late_friend_ride_rebook")
export class LateFriendRideRebook extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["timing-sensitive"];
  override theme = "travel";
  override description =
    "A friend will be 45 minutes late; cancel the booked cab to meet her and book the same route later.";
  /** Saturday 2025-11-22 09:00:00 UTC. */
  override startTime = 1763802000;

  private messaging!: StatefulMessagingApp;
  private cab!: StatefulCabApp;
  private aui!: PAREAgentUserInterface;

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.messaging = new StatefulMessagingApp();
    this.cab = new StatefulCabApp();
    this.messaging.add_contacts({
      contacts: [
        { name: "Wen Li", phone: WEN },
        { name: "Gabriel Okoye", phone: "7735550190" },
      ],
    });
    this.messaging.add_conversation({
      participants: [WEN],
      conversation_id: CONVERSATION,
      messages: [
        {
          sender: "Wen Li",
          content: "Brunch Saturday at 10 at Juniper Cafe on Orchard Ave? I'm coming in by train.",
          time: "2025-11-20 18:40:00",
        },
        {
          sender: "John Doe",
          content: "Perfect, I'll grab a cab over. See you at 10!",
          time: "2025-11-20 18:52:00",
        },
      ],
    });
    this.messaging.add_conversation({
      participants: ["7735550190"],
      messages: [
        {
          sender: "Gabriel Okoye",
          content: "I'm running 10 min late for the 5-a-side tonight, start without me.",
          time: "2025-11-21 17:55:00",
        },
      ],
    });
    this.cab.add_new_ride({
      service_type: "Default",
      start_location: HOME,
      end_location: "Riverside Sports Hall, 7 Dock Road",
      price: 12.4,
      duration: 18,
      distance_km: 12.4,
      ride_time: "2025-11-21 18:05:00",
    });
    this.cab.add_new_ride({
      service_type: "Premium",
      start_location: "Anytown Central Station",
      end_location: HOME,
      price: 17.8,
      duration: 11,
      distance_km: 8.9,
      ride_time: "2025-11-14 22:30:00",
    });
    this.cab.add_on_going_ride({
      service_type: "Default",
      start_location: HOME,
      end_location: CAFE,
      ride_time: "2025-11-22 09:40:00",
      distance_km: 9.6,
      status: "BOOKED",
    });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.messaging, this.cab];
  }

  protected buildEventsFlow(): void {
    const late = ev(
      this.messaging.create_and_add_message({
        conversation_id: CONVERSATION,
        sender_id: WEN,
        content:
          "Ugh, my train is stuck outside Halston station. I'll be about 45 minutes late, so more like 10:45 at Juniper. So sorry!",
      }),
    )
      .withId("friend_late")
      .delayed(8);
    const status = ev(this.cab.get_current_ride_status()).oracle().dependsOn(late, { delaySeconds: 3 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "Wen will reach Juniper Cafe around 10:45 instead of 10:00. Your cab is booked for 09:40. " +
          "Shall I cancel it and book the same ride for 10:25?",
      }),
    )
      .oracle()
      .dependsOn(status, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Good idea, do it." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    // The executor starts fresh: it reads the booked ride (its route) and looks Wen up before changing anything.
    const booked = ev(this.cab.get_current_ride_status()).oracle().dependsOn(accept, { delaySeconds: 2 });
    const findWen = ev(this.messaging.lookup_user_id({ user_name: "Wen" }))
      .oracle()
      .dependsOn(booked, { delaySeconds: 2 });
    const cancel = ev(this.cab.user_cancel_ride()).oracle().dependsOn(findWen, { delaySeconds: 2 });
    const rebook = ev(
      this.cab.order_ride({
        start_location: HOME,
        end_location: CAFE,
        service_type: "Default",
        ride_time: "2025-11-22 10:25:00",
      }),
    )
      .oracle()
      .dependsOn(cancel, { delaySeconds: 2 });
    const reply = ev(
      this.messaging.send_message({ user_id: WEN, content: "No worries! I moved my cab, see you at 10:45." }),
    )
      .oracle()
      .dependsOn(rebook, { delaySeconds: 2 });
    this.events = [late, status, propose, accept, booked, findWen, cancel, rebook, reply];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const cancelled =
      agentCalls(log, { className: "StatefulCabApp", function: "user_cancel_ride" }).length > 0;
    const rebooked = agentCalls(log, { className: "StatefulCabApp", function: "order_ride" }).some((e) => {
      const at = parseDateTime(argText(e, "ride_time"));
      return (
        at !== null &&
        at >= EARLIEST_REBOOK &&
        at <= LATEST_REBOOK &&
        mentionsAny(argText(e, "end_location"), "Juniper", "58 Orchard") &&
        mentionsAny(argText(e, "start_location"), "123 Main", "Main St")
      );
    });
    return new Checklist()
      .require(
        "a proposal about moving the ride",
        proposals(log).some((e) => mentionsAny(argText(e, "content"), "Wen", "cab", "ride", "10:45")),
      )
      .require("the 09:40 ride cancelled", cancelled)
      .require("the same route (home to Juniper Cafe) booked between 10:10 and 10:45", rebooked)
      .verdict();
  }
}
