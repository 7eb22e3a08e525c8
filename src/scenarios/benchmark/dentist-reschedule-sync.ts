import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulCalendarApp } from "../../apps/calendar/app.js";
import { StatefulEmailApp } from "../../apps/email/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import { StatefulReminderApp } from "../../apps/reminder/app.js";
import { parseDateTime } from "../../core/clock.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { PAREScenario } from "../pare-scenario.js";
import { agentCalls, argText, Checklist, mentionsAny, proposals } from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;
const at = (text: string) => parseDateTime(text) as number;

const NEW_START = at("2025-11-21 10:15:00");

/**
 * The dental practice moves Wednesday's check-up to Friday 10:15 by email. The calendar still shows
 * Wednesday and a "leave for the dentist" reminder is set for Wednesday. Ideal help: offer to move both
 * and, on acceptance, edit the event to Friday 10:15-11:00 and move the existing reminder before it.
 */
@registerScenario("dentist_reschedule_sync")
export class DentistRescheduleSync extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["conflict-resolution"];
  override theme = "reschedule";
  override description =
    "The dental office moves the appointment by email; edit the calendar event and update the existing reminder.";

  private email!: StatefulEmailApp;
  private calendar!: StatefulCalendarApp;
  private reminders!: StatefulReminderApp;
  private aui!: PAREAgentUserInterface;
  private dentistEventId = "";
  private leaveReminderId = "";

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.email = new StatefulEmailApp();
    this.calendar = new StatefulCalendarApp();
    this.reminders = new StatefulReminderApp();
    this.dentistEventId = this.calendar.add_calendar_event({
      title: "Dental check-up (Dr. Lindqvist)",
      start_datetime: "2025-11-19 15:00:00",
      end_datetime: "2025-11-19 15:45:00",
      location: "Orchard Dental Care, 82 Orchard Road",
      tag: "Health",
    });
    this.calendar.add_calendar_events({
      events: [
        {
          title: "Team sync",
          start_datetime: "2025-11-21 09:00:00",
          end_datetime: "2025-11-21 09:45:00",
          attendees: ["Wen Zhao", "Kofi Mensah"],
        },
        {
          title: "Lunch with Wen",
          start_datetime: "2025-11-21 12:30:00",
          end_datetime: "2025-11-21 13:30:00",
        },
        {
          title: "Haircut",
          start_datetime: "2025-11-19 17:30:00",
          end_datetime: "2025-11-19 18:00:00",
          location: "Clip Joint, Dover St",
        },
      ],
    });
    this.leaveReminderId = this.reminders.create_reminder_with_time({
      title: "Leave for the dentist",
      description: "Bring the insurance card.",
      due_datetime: "2025-11-19 14:30:00",
    });
    this.reminders.create_reminder_with_time({
      title: "Pick up dry cleaning",
      due_datetime: "2025-11-19 18:30:00",
    });
    this.reminders.create_reminder_with_time({
      title: "Book winter tyres",
      due_datetime: "2025-11-22 10:00:00",
    });
    this.email.add_emails({
      emails: [
        {
          sender: "frontdesk@orcharddental.example",
          subject: "Appointment confirmation",
          content: "This confirms your check-up with Dr. Lindqvist on Wednesday 19 November at 15:00.",
          time: "2025-11-05 11:00:00",
        },
        {
          sender: "wen.zhao@corvidsoft.example",
          subject: "Friday lunch",
          content: "Ramen at 12:30 on Friday?",
          time: "2025-11-17 12:10:00",
        },
      ],
    });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.email, this.calendar, this.reminders];
  }

  protected buildEventsFlow(): void {
    const moved = ev(
      this.email.send_email_to_user_with_id({
        email_id: "email-dental-reschedule",
        sender: "frontdesk@orcharddental.example",
        subject: "Your appointment has been moved",
        content:
          "Dear John,\n\nDr. Lindqvist is away on Wednesday, so we have moved your check-up from " +
          "Wednesday 19 November at 15:00 to Friday 21 November at 10:15 (45 minutes, same address). " +
          "Please reply if the new time does not suit you.\n\nOrchard Dental Care",
      }),
    )
      .withId("dental_move")
      .delayed(8);
    const find = ev(this.calendar.search_events({ query: "Dental" }))
      .oracle()
      .dependsOn(moved, { delaySeconds: 3 });
    const friday = ev(
      this.calendar.get_calendar_events_from_to({
        start_datetime: "2025-11-21 00:00:00",
        end_datetime: "2025-11-22 00:00:00",
      }),
    )
      .oracle()
      .dependsOn(find, { delaySeconds: 2 });
    const list = ev(this.reminders.get_all_reminders()).oracle().dependsOn(friday, { delaySeconds: 2 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "Orchard Dental moved your check-up to Friday 21 Nov, 10:15-11:00 (you're free after the team " +
          "sync). Shall I move the calendar event and shift your 'Leave for the dentist' reminder to Friday 09:45?",
      }),
    )
      .oracle()
      .dependsOn(list, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes, move both." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const edit = ev(
      this.calendar.edit_calendar_event({
        event_id: this.dentistEventId,
        start_datetime: "2025-11-21 10:15:00",
        end_datetime: "2025-11-21 11:00:00",
      }),
    )
      .oracle()
      .dependsOn(accept, { delaySeconds: 2 });
    const remind = ev(
      this.reminders.update_reminder({
        reminder_id: this.leaveReminderId,
        due_datetime: "2025-11-21 09:45:00",
      }),
    )
      .oracle()
      .dependsOn(edit, { delaySeconds: 2 });
    this.events = [moved, find, friday, list, propose, accept, edit, remind];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const edited = agentCalls(log, {
      className: "StatefulCalendarApp",
      function: "edit_calendar_event",
    }).some(
      (e) =>
        argText(e, "event_id") === this.dentistEventId &&
        parseDateTime(argText(e, "start_datetime")) === NEW_START,
    );
    const event = env
      .getAppByClass(StatefulCalendarApp)
      ?.eventsBetween(0, Number.MAX_SAFE_INTEGER)
      .find((e) => e.event_id === this.dentistEventId);
    const updated = agentCalls(log, { className: "StatefulReminderApp", function: "update_reminder" }).some(
      (e) => {
        const due = parseDateTime(argText(e, "due_datetime"));
        return (
          argText(e, "reminder_id") === this.leaveReminderId &&
          due !== null &&
          due >= at("2025-11-21 07:00:00") &&
          due < NEW_START
        );
      },
    );
    return new Checklist()
      .require(
        "a proposal about the moved dental appointment",
        proposals(log).some((e) =>
          mentionsAny(argText(e, "content"), "dentist", "dental", "check-up", "checkup"),
        ),
      )
      .require("the dental event moved to Friday 10:15", edited)
      .require(
        "the event now runs Friday 10:15 to about 11:00",
        event !== undefined &&
          event.start_datetime === NEW_START &&
          event.end_datetime > NEW_START &&
          event.end_datetime <= at("2025-11-21 11:15:00"),
      )
      .require("the existing reminder moved to Friday morning before 10:15", updated)
      .verdict();
  }
}
