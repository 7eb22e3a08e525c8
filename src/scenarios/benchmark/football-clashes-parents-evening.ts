import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulCalendarApp } from "../../apps/calendar/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import { StatefulMessagingApp } from "../../apps/messaging/app.js";
import { StatefulReminderApp } from "../../apps/reminder/app.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { calendarEvent } from "../calendar-verdicts.js";
import { groupPosts, messagesElsewhere } from "../messaging-verdicts.js";
import { PAREScenario } from "../pare-scenario.js";
import { calendarWritesOutside, eventUnmoved } from "../reschedule-verdicts.js";
import { argText, Checklist, mentionsAny, proposals } from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;

const GROUP = "conv-five-a-side";
const PLAYERS = ["+15550621", "+15550622", "+15550623", "+15550624"];

/**
 * No environment event: a weekly reminder falls due at +15 s ("Tell the 5-a-side group by Tuesday if you
 * can't play"). Tomorrow's game, Wed 19 Nov 19:00-20:00, overlaps Noah's parents' evening (18:30-19:30),
 * which the user accepted last week; the games of 26 Nov and 3 Dec are clear. Ideal help: offer to tell the
 * group John misses tomorrow only and to take tomorrow's game out of the calendar; on acceptance post in the
 * group and delete that one event.
 */
@registerScenario("football_clashes_parents_evening")
export class FootballClashesParentsEvening extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["gap-detection"];
  override theme = "reschedule";
  override description =
    "A due reminder asks to warn the 5-a-side group of absences; tomorrow's game clashes with parents' evening, so post that and drop that game only.";
  override additionalSystemPrompt =
    "You are John Doe. Parents' evening for your son Noah comes before football. You play every other week " +
    "as usual and want the group told in good time when you can't.";

  private calendar!: StatefulCalendarApp;
  private messaging!: StatefulMessagingApp;
  private reminders!: StatefulReminderApp;
  private aui!: PAREAgentUserInterface;
  private gameIds: string[] = [];
  private parentsEveningId = "";

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.calendar = new StatefulCalendarApp();
    this.messaging = new StatefulMessagingApp();
    this.reminders = new StatefulReminderApp();
    this.gameIds = this.calendar.add_calendar_events({
      events: ["2025-11-19", "2025-11-26", "2025-12-03"].map((day) => ({
        title: "5-a-side football",
        start_datetime: `${day} 19:00:00`,
        end_datetime: `${day} 20:00:00`,
        location: "Millbrook Sports Centre, pitch 2",
      })),
    });
    [this.parentsEveningId] = this.calendar.add_calendar_events({
      events: [
        {
          title: "Parents' evening: Noah (Year 4)",
          start_datetime: "2025-11-19 18:30:00",
          end_datetime: "2025-11-19 19:30:00",
          location: "Ashgrove Primary",
        },
        {
          title: "Parents' evening: reading workshop",
          start_datetime: "2025-11-26 17:00:00",
          end_datetime: "2025-11-26 17:45:00",
          location: "Ashgrove Primary",
        },
      ],
    }) as [string, string, ...string[]];
    this.reminders.create_reminder_with_time({
      title: "Tell the 5-a-side group if you can't play",
      description: "They need ten players by Tuesday to keep the pitch.",
      due_datetime: "2025-11-18 09:00:15",
      repetition_unit: "week",
    });
    this.reminders.create_reminder_with_time({
      title: "Noah's reading log signed",
      due_datetime: "2025-11-19 08:00:00",
    });
    this.messaging.add_contacts({
      contacts: [
        { name: "Callum Reid", phone: PLAYERS[0] as string },
        { name: "Dev Anand", phone: PLAYERS[1] as string },
        { name: "Ferdi Kaya", phone: PLAYERS[2] as string },
        { name: "Gus Holm", phone: PLAYERS[3] as string },
      ],
    });
    const me = this.messaging.currentUserId;
    this.messaging.add_conversation({
      conversation_id: GROUP,
      title: "Wednesday 5-a-side",
      participants: PLAYERS,
      messages: [
        {
          sender: PLAYERS[0] as string,
          content: "Pitch 2 booked till Christmas lads",
          time: "2025-11-12 20:15:00",
        },
        { sender: me, content: "Top, I'm in every week", time: "2025-11-12 20:20:00" },
        { sender: PLAYERS[1] as string, content: "Out on the 26th, family do", time: "2025-11-16 11:00:00" },
      ],
    });
    this.messaging.add_conversation({
      conversation_id: "conv-callum",
      participants: [PLAYERS[0] as string],
      messages: [
        { sender: PLAYERS[0] as string, content: "Pint after Wednesday?", time: "2025-11-14 18:00:00" },
      ],
    });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.messaging, this.calendar, this.reminders];
  }

  protected buildEventsFlow(): void {
    const week = ev(
      this.calendar.get_calendar_events_from_to({
        start_datetime: "2025-11-19 00:00:00",
        end_datetime: "2025-11-20 00:00:00",
      }),
    )
      .oracle()
      .delayed(20);
    const group = ev(this.messaging.search({ query: "5-a-side" }))
      .oracle()
      .dependsOn(week, { delaySeconds: 1 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "Your 5-a-side reminder is due: tomorrow's game (Wed 19 Nov, 19:00) clashes with Noah's parents' " +
          "evening (18:30-19:30). Shall I tell the Wednesday 5-a-side group you can't play tomorrow (you're " +
          "in as usual on the 26th) and take tomorrow's game out of your calendar?",
      }),
    )
      .oracle()
      .dependsOn(group, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes, do that." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const findGroup = ev(this.messaging.search({ query: "5-a-side" }))
      .oracle()
      .dependsOn(accept, { delaySeconds: 1 });
    const post = ev(
      this.messaging.send_message_to_group_conversation({
        conversation_id: GROUP,
        content:
          "Sorry lads, I can't make tomorrow (Wed 19th), it's parents' evening. Back as usual on the 26th.",
      }),
    )
      .oracle()
      .dependsOn(findGroup, { delaySeconds: 1 });
    const findGame = ev(this.calendar.search_events({ query: "5-a-side" }))
      .oracle()
      .dependsOn(post, { delaySeconds: 1 });
    const drop = ev(this.calendar.delete_calendar_event({ event_id: this.gameIds[0] as string }))
      .oracle()
      .dependsOn(findGame, { delaySeconds: 1 });
    this.events = [week, group, propose, accept, findGroup, post, findGame, drop];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const [tomorrow, ...later] = this.gameIds;
    return new Checklist()
      .require(
        "a proposal about missing tomorrow's game",
        proposals(log).some((e) => mentionsAny(argText(e, "content"), "5-a-side", "football", "game")),
      )
      .require(
        "the group told John misses Wednesday 19th",
        groupPosts(log, GROUP).some((e) =>
          mentionsAny(argText(e, "content"), "tomorrow", "19", "Wednesday", "Wed", "this week"),
        ),
      )
      .require("tomorrow's game out of the calendar", calendarEvent(env, tomorrow as string) === undefined)
      .require(
        "the later games and the parents' evening stay",
        eventUnmoved(env, later[0] as string, "2025-11-26 19:00:00", "2025-11-26 20:00:00") &&
          eventUnmoved(env, later[1] as string, "2025-12-03 19:00:00", "2025-12-03 20:00:00") &&
          eventUnmoved(env, this.parentsEveningId, "2025-11-19 18:30:00", "2025-11-19 19:30:00") &&
          calendarWritesOutside(log, [tomorrow as string]).length === 0,
      )
      .require("no message anywhere else", messagesElsewhere(log, { conversations: [GROUP] }).length === 0)
      .verdict();
  }
}
