import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulCalendarApp } from "../../apps/calendar/app.js";
import { StatefulEmailApp } from "../../apps/email/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import { StatefulReminderApp } from "../../apps/reminder/app.js";
import { weekdayName } from "../../core/clock.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { PAREScenario } from "../pare-scenario.js";
import {
  calendarWritesOutside,
  dueBetween,
  eventRunsAt,
  reminderWritesOutside,
  upcomingRemindersAbout,
} from "../reschedule-verdicts.js";
import { argText, Checklist, mentionsAny, proposals } from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;

const THURSDAYS = ["2025-11-20", "2025-11-27", "2025-12-04"];
const WEDNESDAYS = ["2025-11-19", "2025-11-26", "2025-12-03"];

/**
 * A recurring meeting changes day. Priya, the platform lead, emails (+7 s) that from this week the platform
 * standup moves from Thursdays to Wednesdays at the same time (09:30-09:45). John's calendar holds the next
 * three Thursday standups and a weekly "Write standup update" reminder on Thursdays at 09:00; the design
 * guild's Thursday standup is a different meeting and stays. Ideal help: offer to move the three standups to
 * 19 Nov, 26 Nov and 3 Dec and the weekly reminder to Wednesdays; on acceptance do exactly that.
 */
@registerScenario("standup_moves_to_wednesday")
export class StandupMovesToWednesday extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["conflict-resolution"];
  override theme = "reschedule";
  override description =
    "The weekly platform standup moves from Thursdays to Wednesdays; move the next three and the weekly prep reminder, not the guild's standup.";

  private email!: StatefulEmailApp;
  private calendar!: StatefulCalendarApp;
  private reminders!: StatefulReminderApp;
  private aui!: PAREAgentUserInterface;
  private standupIds: string[] = [];
  private guildId = "";
  private prepReminderId = "";

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.email = new StatefulEmailApp();
    this.calendar = new StatefulCalendarApp();
    this.reminders = new StatefulReminderApp();
    this.standupIds = this.calendar.add_calendar_events({
      events: THURSDAYS.map((day) => ({
        title: "Platform standup",
        start_datetime: `${day} 09:30:00`,
        end_datetime: `${day} 09:45:00`,
        location: "Room Kestrel",
        tag: "Work",
        attendees: ["Priya Raman", "Lukas Brandt", "Oona Field"],
      })),
    });
    [this.guildId] = this.calendar.add_calendar_events({
      events: [
        {
          title: "Design guild standup",
          start_datetime: "2025-11-20 10:00:00",
          end_datetime: "2025-11-20 10:15:00",
          tag: "Work",
        },
        {
          title: "Coffee with Ines",
          start_datetime: "2025-11-26 08:30:00",
          end_datetime: "2025-11-26 09:15:00",
        },
        {
          title: "Release retro",
          start_datetime: "2025-11-19 14:00:00",
          end_datetime: "2025-11-19 15:00:00",
          tag: "Work",
        },
      ],
    }) as [string, string, ...string[]];
    this.prepReminderId = this.reminders.create_reminder_with_time({
      title: "Write standup update",
      description: "Three bullets: done, next, blocked.",
      due_datetime: "2025-11-20 09:00:00",
      repetition_unit: "week",
    });
    this.reminders.create_reminder_with_time({
      title: "Pay the gym membership",
      due_datetime: "2025-12-01 08:00:00",
      repetition_unit: "month",
    });
    this.reminders.create_reminder_with_time({
      title: "Renew passport",
      due_datetime: "2025-11-27 18:00:00",
    });
    this.email.add_emails({
      emails: [
        {
          sender: "priya.raman@lumenworks.example",
          subject: "Release train dates",
          content: "The next release trains leave on 2 and 16 December.",
          time: "2025-11-14 16:20:00",
        },
        {
          sender: "guild@lumenworks.example",
          subject: "Design guild standup",
          content: "Reminder: the guild standup stays on Thursdays at 10:00.",
          time: "2025-11-17 09:10:00",
        },
      ],
    });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.email, this.calendar, this.reminders];
  }

  protected buildEventsFlow(): void {
    const notice = ev(
      this.email.send_email_to_user_with_id({
        email_id: "email-standup-wednesday",
        sender: "priya.raman@lumenworks.example",
        subject: "Platform standup moves to Wednesdays",
        content:
          "Hi all,\n\nWith the new release train, the platform standup moves from Thursdays to Wednesdays, " +
          "starting this week: same time (09:30-09:45), same room. Please update your calendars.\n\nPriya",
      }),
    )
      .withId("standup_moved")
      .delayed(7);
    const find = ev(this.calendar.search_events({ query: "Platform standup" }))
      .oracle()
      .dependsOn(notice, { delaySeconds: 3 });
    const list = ev(this.reminders.get_all_reminders()).oracle().dependsOn(find, { delaySeconds: 2 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "Priya moved the platform standup to Wednesdays 09:30-09:45 from this week. Shall I move your three " +
          "upcoming standups (Thu 20 Nov, 27 Nov, 4 Dec) to Wed 19 Nov, 26 Nov and 3 Dec, and move your weekly " +
          "'Write standup update' reminder from Thursdays to Wednesdays at 09:00? The design guild standup stays.",
      }),
    )
      .oracle()
      .dependsOn(list, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes, move them all." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const refind = ev(this.calendar.search_events({ query: "Platform standup" }))
      .oracle()
      .dependsOn(accept, { delaySeconds: 1 });
    let prev: Event = refind;
    const edits: Event[] = [];
    this.standupIds.forEach((id, i) => {
      prev = ev(
        this.calendar.edit_calendar_event({
          event_id: id,
          start_datetime: `${WEDNESDAYS[i]} 09:30:00`,
          end_datetime: `${WEDNESDAYS[i]} 09:45:00`,
        }),
      )
        .oracle()
        .dependsOn(prev, { delaySeconds: 1 });
      edits.push(prev);
    });
    const relist = ev(this.reminders.get_all_reminders()).oracle().dependsOn(prev, { delaySeconds: 1 });
    const move = ev(
      this.reminders.update_reminder({
        reminder_id: this.prepReminderId,
        due_datetime: "2025-11-19 09:00:00",
      }),
    )
      .oracle()
      .dependsOn(relist, { delaySeconds: 1 });
    const report = ev(
      this.aui.send_message_to_user({
        content:
          "Done: the standups are on Wednesdays now, and the update reminder comes Wednesdays at 09:00.",
      }),
    )
      .oracle()
      .dependsOn(move, { delaySeconds: 1 });
    this.events = [notice, find, list, propose, accept, refind, ...edits, relist, move, report];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const prep = upcomingRemindersAbout(env, "standup", "stand-up");
    return new Checklist()
      .require(
        "a proposal about the standup moving to Wednesdays",
        proposals(log).some(
          (e) =>
            mentionsAny(argText(e, "content"), "standup", "stand-up") &&
            mentionsAny(argText(e, "content"), "Wednesday", "Wed"),
        ),
      )
      .require(
        "the three platform standups now run on Wednesdays 09:30-09:45 of the same weeks",
        this.standupIds.every((id, i) =>
          eventRunsAt(env, id, `${WEDNESDAYS[i]} 09:30:00`, `${WEDNESDAYS[i]} 09:45:00`),
        ),
      )
      .require(
        "no other event changed or added (the guild standup stays on Thursday)",
        calendarWritesOutside(log, this.standupIds).length === 0,
      )
      .require(
        "a weekly standup-update reminder now comes on Wednesday 19 Nov before 09:30",
        prep.some(
          (r) =>
            r.repetition_unit === "week" &&
            r.repetition_value === 1 &&
            dueBetween(r, "2025-11-19 06:00:00", "2025-11-19 09:30:00"),
        ),
      )
      .require(
        "no standup-update reminder left on a Thursday",
        prep.every((r) => weekdayName(r.due_datetime) !== "Thursday"),
      )
      .require(
        "the other reminders left alone",
        reminderWritesOutside(log, [this.prepReminderId], { allowAdds: true }).length === 0,
      )
      .verdict();
  }
}
