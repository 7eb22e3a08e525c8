import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulCalendarApp } from "../../apps/calendar/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import { StatefulMessagingApp } from "../../apps/messaging/app.js";
import { parseDateTime } from "../../core/clock.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { PAREScenario } from "../pare-scenario.js";
import { agentCalls, argText, Checklist, mentionsAll, mentionsAny, proposals } from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;

const PRIYANKA = "2065550111";
const OSKAR = "2065550148";
const LENA = "2065550186";
const GROUP = "conv-trail-crew";
const HIKE_START = parseDateTime("2025-11-23 08:00:00") as number;

/**
 * The "Trail Crew" group chat has been going back and forth about a weekend hike; it settles on
 * Sunday 08:00 at the Eagle Ridge trailhead (north lot), after an earlier Saturday idea was dropped.
 * Ideal help: offer to put the hike in the calendar; on acceptance add it at the settled time, with
 * the trailhead as location and the three friends as attendees.
 */
@registerScenario("group_hike_to_calendar")
export class GroupHikeToCalendar extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["information-extraction"];
  override theme = "scheduling";
  override description =
    "A group chat settles a Sunday 08:00 hike at a trailhead; add it with location and attendees.";

  private messaging!: StatefulMessagingApp;
  private calendar!: StatefulCalendarApp;
  private aui!: PAREAgentUserInterface;

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.messaging = new StatefulMessagingApp();
    this.calendar = new StatefulCalendarApp();
    this.messaging.add_contacts({
      contacts: [
        { name: "Priyanka Desai", phone: PRIYANKA },
        { name: "Oskar Brandt", phone: OSKAR },
        { name: "Lena Moreau", phone: LENA },
        { name: "Felix Ortmann", phone: "2065550123" },
      ],
    });
    this.messaging.add_conversation({
      participants: [PRIYANKA, OSKAR, LENA],
      title: "Trail Crew",
      conversation_id: GROUP,
      messages: [
        {
          sender: "Priyanka Desai",
          content: "Hike this weekend? Saturday 9am at Cedar Falls maybe?",
          time: "2025-11-17 19:10:00",
        },
        {
          sender: "Lena Moreau",
          content: "Saturday I'm stuck at my cousin's wedding, sorry. Sunday?",
          time: "2025-11-17 19:25:00",
        },
        {
          sender: "Oskar Brandt",
          content: "Sunday works. Cedar Falls will be a mud bath after the rain though. Eagle Ridge instead?",
          time: "2025-11-17 20:02:00",
        },
        {
          sender: "John Doe",
          content: "I'm in for Sunday, either trail is fine.",
          time: "2025-11-17 20:15:00",
        },
      ],
    });
    this.messaging.add_conversation({
      participants: ["2065550123"],
      messages: [
        {
          sender: "Felix Ortmann",
          content: "Climbing gym Saturday 10:00? I booked the bouldering area.",
          time: "2025-11-17 12:30:00",
        },
      ],
    });
    this.calendar.add_calendar_events({
      events: [
        {
          title: "Brunch with Aunt Rosa",
          start_datetime: "2025-11-23 13:00:00",
          end_datetime: "2025-11-23 14:30:00",
          location: "Bluebird Diner",
        },
        {
          title: "Climbing with Felix",
          start_datetime: "2025-11-22 10:00:00",
          end_datetime: "2025-11-22 12:00:00",
          location: "Vertical Edge Gym",
          attendees: ["Felix Ortmann"],
        },
        {
          title: "Quarterly review",
          start_datetime: "2025-11-21 15:00:00",
          end_datetime: "2025-11-21 16:00:00",
          tag: "Work",
        },
      ],
    });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.messaging, this.calendar];
  }

  protected buildEventsFlow(): void {
    const oskar = ev(
      this.messaging.create_and_add_message({
        conversation_id: GROUP,
        sender_id: OSKAR,
        content:
          "So: Sunday, 8am, Eagle Ridge Trailhead? Parking fills up fast, so let's meet at the north lot.",
      }),
    )
      .withId("hike_proposal")
      .delayed(8);
    const lena = ev(
      this.messaging.create_and_add_message({
        conversation_id: GROUP,
        sender_id: LENA,
        content: "Locked in: Sunday 08:00, Eagle Ridge Trailhead north lot. Bring layers, it's cold up top!",
      }),
    )
      .withId("hike_confirmed")
      .dependsOn(oskar, { delaySeconds: 6 });
    const read = ev(this.messaging.read_conversation({ conversation_id: GROUP, limit: 10 }))
      .oracle()
      .dependsOn(lena, { delaySeconds: 2 });
    // The chat shows sender ids; Oskar's and Lena's names come with their messages, Priyanka's needs a look-up.
    const who = ev(this.messaging.get_user_name_from_id({ user_id: PRIYANKA }))
      .oracle()
      .dependsOn(read, { delaySeconds: 2 });
    const check = ev(
      this.calendar.get_calendar_events_from_to({
        start_datetime: "2025-11-23 00:00:00",
        end_datetime: "2025-11-24 00:00:00",
      }),
    )
      .oracle()
      .dependsOn(who, { delaySeconds: 2 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "The Trail Crew settled on a hike Sunday Nov 23 at 08:00 at the Eagle Ridge Trailhead (north lot). " +
          "You're free until brunch at 13:00. Shall I add it to your calendar with Priyanka Desai, Oskar Brandt and Lena Moreau?",
      }),
    )
      .oracle()
      .dependsOn(check, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Sure, add it." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const add = ev(
      this.calendar.add_calendar_event({
        title: "Hike at Eagle Ridge",
        start_datetime: "2025-11-23 08:00:00",
        end_datetime: "2025-11-23 12:00:00",
        location: "Eagle Ridge Trailhead, north lot",
        attendees: ["Priyanka Desai", "Oskar Brandt", "Lena Moreau"],
      }),
    )
      .oracle()
      .dependsOn(accept, { delaySeconds: 2 });
    this.events = [oskar, lena, read, who, check, propose, accept, add];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const added = agentCalls(log, { className: "StatefulCalendarApp", function: "add_calendar_event" }).some(
      (e) =>
        parseDateTime(argText(e, "start_datetime")) === HIKE_START &&
        mentionsAll(argText(e, "location"), "Eagle Ridge") &&
        mentionsAll(argText(e, "attendees"), "Priyanka", "Oskar", "Lena"),
    );
    return new Checklist()
      .require(
        "a proposal about the Sunday hike",
        proposals(log).some((e) => mentionsAny(argText(e, "content"), "hike", "Eagle Ridge")),
      )
      .require(
        "a calendar event on Sunday Nov 23 at 08:00 at Eagle Ridge with Priyanka, Oskar and Lena",
        added,
      )
      .verdict();
  }
}
