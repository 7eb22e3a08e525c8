import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulCabApp } from "../../apps/cab/app.js";
import { StatefulCalendarApp } from "../../apps/calendar/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import { StatefulMessagingApp } from "../../apps/messaging/app.js";
import { parseDateTime } from "../../core/clock.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { PAREScenario } from "../pare-scenario.js";
import { agentCalls, argText, Checklist, mentionsAny, proposals } from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;

const between = (text: string, from: string, to: string): boolean => {
  const t = parseDateTime(text);
  return t !== null && t >= (parseDateTime(from) as number) && t <= (parseDateTime(to) as number);
};

/**
 * The calendar holds the Nordlicht Data Summit on Thursday from 09:30 at the Riverside Convention
 * Centre. At +10 s a colleague asks to share a cab there, offering to come to the user's place on
 * Larch Street. Ideal help: offer to book a Thursday morning ride from 17 Larch Street that arrives
 * before 09:30 and tell the colleague; on acceptance, order the ride and message him the details.
 */
@registerScenario("carpool_conference")
export class CarpoolConference extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["follow-up"];
  override theme = "travel";
  override description =
    "A colleague asks to share a cab to Thursday's conference; book it for the start and tell him.";
  override additionalSystemPrompt =
    "You are John Doe, living at 17 Larch Street. You are happy to share a cab with Kenji to the summit " +
    "as long as you arrive before the 09:30 keynote.";

  private messaging!: StatefulMessagingApp;
  private cab!: StatefulCabApp;
  private calendar!: StatefulCalendarApp;
  private aui!: PAREAgentUserInterface;
  private kenjiId = "";
  private kenjiChat = "conv-kenji";

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.messaging = new StatefulMessagingApp();
    this.cab = new StatefulCabApp();
    this.calendar = new StatefulCalendarApp();
    const ids = this.messaging.add_users({ user_names: ["Kenji Watanabe", "Rosa Delgado", "Tariq Aziz"] });
    this.kenjiId = ids["Kenji Watanabe"] as string;
    this.messaging.add_conversation({
      conversation_id: this.kenjiChat,
      participants: ["Kenji Watanabe"],
      messages: [
        {
          sender: "Kenji Watanabe",
          content: "Did you get the slides for the vendor pitch?",
          time: "2025-11-14 15:02:00",
        },
        {
          sender: this.messaging.currentUserId,
          content: "Yes, thanks! Looks great.",
          time: "2025-11-14 15:10:00",
        },
      ],
    });
    this.messaging.add_conversation({
      participants: ["Rosa Delgado"],
      messages: [
        {
          sender: "Rosa Delgado",
          content: "Book club moved to the 27th, same place.",
          time: "2025-11-17 20:31:00",
        },
      ],
    });
    this.messaging.add_conversation({
      participants: ["Tariq Aziz"],
      messages: [
        {
          sender: "Tariq Aziz",
          content: "Shall we share a cab to the airport on Sunday?",
          time: "2025-11-16 11:45:00",
        },
        {
          sender: this.messaging.currentUserId,
          content: "Can't this time, my flight is Monday.",
          time: "2025-11-16 12:02:00",
        },
      ],
    });
    this.calendar.add_calendar_event({
      title: "Nordlicht Data Summit 2025",
      start_datetime: "2025-11-20 09:30:00",
      end_datetime: "2025-11-20 17:30:00",
      location: "Riverside Convention Centre, 1 Dockside Way",
      description: "Keynote at 09:30 sharp in Hall A. Badge pickup at the north entrance.",
      tag: "Work",
    });
    this.calendar.add_calendar_event({
      title: "Dentist",
      start_datetime: "2025-11-19 08:30:00",
      end_datetime: "2025-11-19 09:00:00",
      location: "Brightsmile Dental, 40 Pine Road",
    });
    this.cab.add_new_ride({
      service_type: "Default",
      start_location: "17 Larch Street",
      end_location: "Brightsmile Dental, 40 Pine Road",
      price: 8.9,
      distance_km: 4.5,
      duration: 12,
      ride_time: "2025-10-29 08:05:00",
    });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.messaging, this.cab, this.calendar];
  }

  protected buildEventsFlow(): void {
    const ask = ev(
      this.messaging.create_and_add_message({
        conversation_id: this.kenjiChat,
        sender_id: this.kenjiId,
        content:
          "Hey! You're going to the summit on Thursday too, right? Want to share a cab there? " +
          "I can be at your place on Larch Street by 08:45.",
      }),
    )
      .withId("kenji_asks")
      .delayed(10);
    const read = ev(this.messaging.read_conversation({ conversation_id: this.kenjiChat }))
      .oracle()
      .dependsOn(ask, { delaySeconds: 3 });
    const find = ev(this.calendar.search_events({ query: "Summit" }))
      .oracle()
      .dependsOn(read, { delaySeconds: 1 });
    // Kenji only says "Larch Street": past rides from home give the house number.
    const home = ev(this.cab.get_ride_history({})).oracle().dependsOn(find, { delaySeconds: 1 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "Kenji wants to share a cab to the Nordlicht Data Summit (Thursday, keynote 09:30 at Riverside " +
          "Convention Centre). Shall I book a ride from 17 Larch Street for 08:50 on Thursday and let him know?",
      }),
    )
      .oracle()
      .dependsOn(home, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Sure, do that." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const book = ev(
      this.cab.order_ride({
        start_location: "17 Larch Street",
        end_location: "Riverside Convention Centre, 1 Dockside Way",
        service_type: "Default",
        ride_time: "2025-11-20 08:50:00",
      }),
    )
      .oracle()
      .dependsOn(accept, { delaySeconds: 2 });
    const findKenji = ev(this.messaging.lookup_user_id({ user_name: "Kenji" }))
      .oracle()
      .dependsOn(book, { delaySeconds: 2 });
    const tell = ev(
      this.messaging.send_message({
        user_id: this.kenjiId,
        content:
          "Great idea! I've booked a cab from my place (17 Larch Street) on Thursday at 08:50 to the " +
          "Riverside Convention Centre. Come by at 08:45.",
      }),
    )
      .oracle()
      .dependsOn(findKenji, { delaySeconds: 2 });
    this.events = [ask, read, find, home, propose, accept, book, findKenji, tell];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const booked = agentCalls(log, { className: "StatefulCabApp", function: "order_ride" }).some(
      (e) =>
        mentionsAny(argText(e, "start_location"), "Larch") &&
        mentionsAny(argText(e, "end_location"), "Riverside", "Dockside") &&
        between(argText(e, "ride_time"), "2025-11-20 08:00:00", "2025-11-20 09:15:00"),
    );
    const told = agentCalls(log, { className: "StatefulMessagingApp", function: "send_message" }).some(
      (e) =>
        argText(e, "user_id") === this.kenjiId &&
        mentionsAny(argText(e, "content"), "cab", "ride", "taxi", "car", "booked"),
    );
    return new Checklist()
      .require(
        "a proposal to share a ride with Kenji",
        proposals(log).some(
          (e) =>
            mentionsAny(argText(e, "content"), "Kenji") &&
            mentionsAny(argText(e, "content"), "ride", "cab", "taxi"),
        ),
      )
      .require("a Thursday morning ride from Larch Street to the Riverside Convention Centre", booked)
      .require("a message to Kenji about the booked ride", told)
      .verdict();
  }
}
