import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
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

const FARAH = "4085550113";
const LUCAS = "4085550141";
const INES = "4085550178";
const GROUP = "conv-design-team";
const LUNCH_START = parseDateTime("2025-11-20 12:30:00") as number;

/**
 * Farah asks the design team group who is free for lunch on Thursday at 12:30; a teammate is already
 * in. The user's Thursday has meetings before and after but nothing at lunchtime (Wednesday's lunch
 * is a different day). Ideal help: check the calendar, offer to answer; on acceptance reply in the
 * group that the user is in and add the lunch to the calendar.
 */
@registerScenario("team_lunch_group_reply")
export class TeamLunchGroupReply extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["gap-detection"];
  override theme = "scheduling";
  override description =
    "The team group asks who is free for lunch Thursday 12:30; the user is free, so reply and add it.";

  private messaging!: StatefulMessagingApp;
  private calendar!: StatefulCalendarApp;
  private aui!: PAREAgentUserInterface;

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.messaging = new StatefulMessagingApp();
    this.calendar = new StatefulCalendarApp();
    this.messaging.add_contacts({
      contacts: [
        { name: "Farah Jaber", phone: FARAH },
        { name: "Lucas Petit", phone: LUCAS },
        { name: "Ines Carvalho", phone: INES },
        { name: "Theo Grant", phone: "4085550195" },
      ],
    });
    this.messaging.add_conversation({
      participants: [FARAH, LUCAS, INES],
      title: "Design Team",
      conversation_id: GROUP,
      messages: [
        {
          sender: "Ines Carvalho",
          content: "Icon set v2 is uploaded, feedback welcome.",
          time: "2025-11-17 14:10:00",
        },
        {
          sender: "Lucas Petit",
          content: "Looks great, the new stroke weight works.",
          time: "2025-11-17 14:32:00",
        },
      ],
    });
    this.messaging.add_conversation({
      participants: ["4085550195"],
      messages: [
        {
          sender: "Theo Grant",
          content: "Lunch Wednesday still on? Usual ramen place.",
          time: "2025-11-17 18:00:00",
        },
        { sender: "John Doe", content: "Yes! 12:30 Wednesday.", time: "2025-11-17 18:04:00" },
      ],
    });
    this.calendar.add_calendar_events({
      events: [
        {
          title: "Design stand-up",
          start_datetime: "2025-11-20 09:30:00",
          end_datetime: "2025-11-20 09:45:00",
          attendees: ["Farah Jaber", "Lucas Petit", "Ines Carvalho"],
          tag: "Work",
        },
        {
          title: "Checkout flow review",
          start_datetime: "2025-11-20 11:00:00",
          end_datetime: "2025-11-20 12:00:00",
          tag: "Work",
        },
        {
          title: "1:1 with Farah",
          start_datetime: "2025-11-20 14:00:00",
          end_datetime: "2025-11-20 14:30:00",
          attendees: ["Farah Jaber"],
          tag: "Work",
        },
        {
          title: "Lunch with Theo",
          start_datetime: "2025-11-19 12:30:00",
          end_datetime: "2025-11-19 13:30:00",
          location: "Menya Kaze",
          attendees: ["Theo Grant"],
        },
      ],
    });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.messaging, this.calendar];
  }

  protected buildEventsFlow(): void {
    const ask = ev(
      this.messaging.create_and_add_message({
        conversation_id: GROUP,
        sender_id: FARAH,
        content:
          "Team lunch this Thursday at 12:30 at Osteria Ventoso? Who's free? I'll book a table for however many.",
      }),
    )
      .withId("lunch_question")
      .delayed(7);
    const lucas = ev(
      this.messaging.create_and_add_message({ conversation_id: GROUP, sender_id: LUCAS, content: "I'm in!" }),
    )
      .withId("lucas_in")
      .dependsOn(ask, { delaySeconds: 5 });
    const check = ev(
      this.calendar.get_calendar_events_from_to({
        start_datetime: "2025-11-20 00:00:00",
        end_datetime: "2025-11-21 00:00:00",
      }),
    )
      .oracle()
      .dependsOn(lucas, { delaySeconds: 2 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "Farah is asking the Design Team who is free for lunch Thursday 12:30 at Osteria Ventoso. Your calendar " +
          "is free between your 11:00 review and your 14:00 1:1. Shall I tell the group you're in and add the lunch?",
      }),
    )
      .oracle()
      .dependsOn(check, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes, count me in." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    // The executor starts fresh: it finds the group chat again before answering in it.
    const findGroup = ev(this.messaging.search({ query: "Design Team" }))
      .oracle()
      .dependsOn(accept, { delaySeconds: 2 });
    const reply = ev(
      this.messaging.send_message_to_group_conversation({
        conversation_id: GROUP,
        content: "I'm free Thursday at 12:30, count me in for Osteria Ventoso!",
      }),
    )
      .oracle()
      .dependsOn(findGroup, { delaySeconds: 2 });
    const add = ev(
      this.calendar.add_calendar_event({
        title: "Team lunch",
        start_datetime: "2025-11-20 12:30:00",
        end_datetime: "2025-11-20 13:30:00",
        location: "Osteria Ventoso",
        attendees: ["Farah Jaber", "Lucas Petit"],
      }),
    )
      .oracle()
      .dependsOn(reply, { delaySeconds: 2 });
    this.events = [ask, lucas, check, propose, accept, findGroup, reply, add];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const replied = agentCalls(log, {
      className: "StatefulMessagingApp",
      function: "send_message_to_group_conversation",
    }).some(
      (e) =>
        argText(e, "conversation_id") === GROUP &&
        mentionsAny(
          argText(e, "content"),
          "count me",
          "i'm in",
          "i’m in",
          "i am in",
          "free",
          "join",
          "works for me",
          "see you",
        ),
    );
    const added = agentCalls(log, { className: "StatefulCalendarApp", function: "add_calendar_event" }).some(
      (e) =>
        parseDateTime(argText(e, "start_datetime")) === LUNCH_START &&
        mentionsAny(
          argText(e, "title") + argText(e, "description") + argText(e, "location"),
          "lunch",
          "Osteria",
        ),
    );
    return new Checklist()
      .require(
        "a proposal about Thursday's team lunch",
        proposals(log).some((e) => mentionsAny(argText(e, "content"), "lunch", "Osteria")),
      )
      .require("a reply in the Design Team group saying the user is in", replied)
      .require("a calendar event for the team lunch on Thursday Nov 20 at 12:30", added)
      .verdict();
  }
}
