import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulCalendarApp } from "../../apps/calendar/app.js";
import { StatefulEmailApp } from "../../apps/email/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import { StatefulReminderApp } from "../../apps/reminder/app.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { PAREScenario } from "../pare-scenario.js";
import { assistantWrites, Checklist, proposals } from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;

/**
 * A heads-up about a move that is already in place. A colleague emails (+8 s) that Friday's sprint retro
 * moved from 11:00 to 15:00. The organiser's updated invite is already in John's calendar at 15:00-16:00 (no
 * entry at 11:00 remains), and the "collect retro notes" reminder is at 14:30, before the new time. Nothing
 * needs doing: moving, adding or re-timing anything would be a false alarm.
 */
@registerScenario("retro_moved_already_updated")
export class RetroMovedAlreadyUpdated extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["information-extraction"];
  override theme = "reschedule";
  override expectsProposal = false;
  override description =
    "A colleague warns that Friday's retro moved to 15:00; the organiser's update and the prep reminder already match, so nothing needs doing.";
  override additionalSystemPrompt =
    "You are John Doe. You dislike being asked about calendar changes that are already in your calendar: " +
    "decline such suggestions.";

  private email!: StatefulEmailApp;
  private calendar!: StatefulCalendarApp;
  private reminders!: StatefulReminderApp;
  private aui!: PAREAgentUserInterface;

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.email = new StatefulEmailApp();
    this.calendar = new StatefulCalendarApp();
    this.reminders = new StatefulReminderApp();
    this.calendar.add_calendar_events({
      events: [
        {
          title: "Sprint 42 retro",
          start_datetime: "2025-11-21 15:00:00",
          end_datetime: "2025-11-21 16:00:00",
          location: "Room Heron",
          description: "Moved from 11:00 by Jonas Brecht (trainer clash).",
          attendees: ["Jonas Brecht", "Lena Vogt", "Amir Haddad"],
        },
        {
          title: "Sprint 43 planning",
          start_datetime: "2025-11-24 10:00:00",
          end_datetime: "2025-11-24 11:30:00",
          location: "Room Heron",
        },
        {
          title: "Security training",
          start_datetime: "2025-11-21 10:30:00",
          end_datetime: "2025-11-21 12:00:00",
        },
      ],
    });
    this.reminders.create_reminder_with_time({
      title: "Collect retro notes from the board",
      due_datetime: "2025-11-21 14:30:00",
    });
    this.reminders.create_reminder_with_time({
      title: "Submit timesheet",
      due_datetime: "2025-11-21 17:00:00",
      repetition_unit: "week",
    });
    this.email.add_emails({
      emails: [
        {
          sender: "calendar@quillfield.example",
          subject: "Updated invitation: Sprint 42 retro, Fri 21 Nov 15:00-16:00",
          content: "Jonas Brecht updated the event: Fri 21 Nov 15:00-16:00 (was 11:00-12:00), Room Heron.",
          time: "2025-11-17 17:05:00",
        },
      ],
    });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.email, this.calendar, this.reminders];
  }

  protected buildEventsFlow(): void {
    const headsUp = ev(
      this.email.send_email_to_user_with_id({
        email_id: "email-lena-retro",
        sender: "lena.vogt@quillfield.example",
        subject: "Retro moved!",
        content:
          "Hey John, in case you missed it: Friday's retro is at 15:00 now, not 11:00, because of the " +
          "security training. See you there! Lena",
      }),
    )
      .withId("retro_heads_up")
      .delayed(8);
    const retro = ev(this.calendar.search_events({ query: "retro" }))
      .oracle()
      .dependsOn(headsUp, { delaySeconds: 3 });
    const invite = ev(this.email.search_emails({ query: "Sprint 42 retro" }))
      .oracle()
      .dependsOn(retro, { delaySeconds: 1 });
    const list = ev(this.reminders.get_all_reminders()).oracle().dependsOn(invite, { delaySeconds: 2 });
    this.events = [headsUp, retro, invite, list];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    return new Checklist()
      .require("no proposal: the retro and its reminder already match 15:00", proposals(log).length === 0)
      .require("the calendar, reminders and mail left untouched", assistantWrites(log).length === 0)
      .verdict();
  }
}
