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
 * A tempting reschedule that is wrong. The swim club emails (+8 s) that this Saturday's Juniors B session
 * moves from 08:00 to 09:30. The calendar's Saturday swim is Maya's Juniors A session at 08:00, and the club's
 * email of 3 November moved Maya up to Juniors A. Nothing changes for her: moving the event or the "pack the
 * swim bag" reminder would make her miss her session. The right help is none.
 */
@registerScenario("swim_session_other_squad")
export class SwimSessionOtherSquad extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["information-extraction"];
  override theme = "reschedule";
  override expectsProposal = false;
  override description =
    "The swim club moves the Juniors B Saturday session; Maya swims in Juniors A now, so her 08:00 session and its reminder stay.";
  override additionalSystemPrompt =
    "You are John Doe. Your daughter Maya moved up to the swim club's Juniors A squad this month. You don't " +
    "want her Saturday plans changed by a notice meant for another squad: decline any such suggestion.";

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
          title: "Maya swimming (Juniors A)",
          start_datetime: "2025-11-22 08:00:00",
          end_datetime: "2025-11-22 09:00:00",
          location: "Harrowgate Leisure Pool",
          tag: "Family",
        },
        {
          title: "Maya swimming (Juniors A)",
          start_datetime: "2025-11-29 08:00:00",
          end_datetime: "2025-11-29 09:00:00",
          location: "Harrowgate Leisure Pool",
          tag: "Family",
        },
        {
          title: "Farmers' market with Dad",
          start_datetime: "2025-11-22 10:00:00",
          end_datetime: "2025-11-22 11:30:00",
        },
      ],
    });
    this.reminders.create_reminder_with_time({
      title: "Pack Maya's swim bag",
      description: "Goggles, towel, Juniors A cap.",
      due_datetime: "2025-11-21 20:00:00",
      repetition_unit: "week",
    });
    this.reminders.create_reminder_with_time({
      title: "School trip money for Maya",
      due_datetime: "2025-11-19 07:45:00",
    });
    this.email.add_emails({
      emails: [
        {
          sender: "coach@harrowgate-dolphins.example",
          subject: "Squad changes for November",
          content:
            "Dear parents,\n\nFrom November the following swimmers move up from Juniors B to Juniors A " +
            "(Saturdays 08:00): Maya Doe, Theo Grant, Ama Boateng. Well done all!\n\nCoach Bev",
          time: "2025-11-03 18:30:00",
        },
        {
          sender: "coach@harrowgate-dolphins.example",
          subject: "Club gala entries",
          content: "Gala entries close on 28 November.",
          time: "2025-11-12 19:00:00",
        },
      ],
    });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.email, this.calendar, this.reminders];
  }

  protected buildEventsFlow(): void {
    const notice = ev(
      this.email.send_email_to_user_with_id({
        email_id: "email-juniors-b-moved",
        sender: "coach@harrowgate-dolphins.example",
        subject: "This Saturday: Juniors B session moves to 09:30",
        content:
          "Dear parents,\n\nBecause of a lane booking, this Saturday's (22 November) Juniors B session moves from " +
          "08:00 to 09:30. All other squads swim at their usual times.\n\nCoach Bev",
      }),
    )
      .withId("juniors_b_moved")
      .delayed(8);
    const swim = ev(this.calendar.search_events({ query: "swimming" }))
      .oracle()
      .dependsOn(notice, { delaySeconds: 3 });
    const squad = ev(this.email.search_emails({ query: "Juniors A" }))
      .oracle()
      .dependsOn(swim, { delaySeconds: 2 });
    const list = ev(this.reminders.get_all_reminders()).oracle().dependsOn(squad, { delaySeconds: 1 });
    this.events = [notice, swim, squad, list];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    return new Checklist()
      .require(
        "no proposal: the notice is for Juniors B, Maya swims in Juniors A",
        proposals(log).length === 0,
      )
      .require("the calendar, reminders and mail left untouched", assistantWrites(log).length === 0)
      .verdict();
  }
}
