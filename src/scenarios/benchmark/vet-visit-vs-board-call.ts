import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulCalendarApp } from "../../apps/calendar/app.js";
import { StatefulEmailApp } from "../../apps/email/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import { StatefulReminderApp } from "../../apps/reminder/app.js";
import type { Environment } from "../../core/environment.js";
import { ConditionCheckEvent, type Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { assistantEmails, assistantEmailsTo } from "../email-verdicts.js";
import { PAREScenario } from "../pare-scenario.js";
import { calendarWritesOutside, eventRunsAt, eventUnmoved } from "../reschedule-verdicts.js";
import { agentCalls, argText, Checklist, mentionsAny, proposals } from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;

const VET = "appointments@fernhill-vets.example";
const SATURDAY_11 = /(sat[a-z]*|22)[^\n]{0,40}11|11[:.]00[^\n]{0,40}(sat|22)/i;

/**
 * Two rounds, started by a due reminder rather than an arriving message. (1) A reminder falls due at +15 s: "Confirm Biscuit's vet visit (Thu 10:00)".
 * Since it was set, Ruth added a board call to John's calendar on Thursday 09:30-11:00, over the visit. The
 * vet's booking email says changes go by reply, with Friday 09:00 or Saturday 11:00 free; John keeps pet
 * visits to weekends where he can. Ideal help: offer to ask the vet for Saturday 11:00; on acceptance reply
 * and report. (2) Only once asked does the vet confirm (+10 s). Ideal help: offer to move the visit in the
 * calendar to Saturday 22 Nov 11:00; on acceptance edit it. Moving it before the vet confirmed is wrong.
 */
@registerScenario("vet_visit_vs_board_call")
export class VetVisitVsBoardCall extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["conflict-resolution"];
  override theme = "reschedule";
  override description =
    "A due reminder to confirm the vet visit reveals a new board call over it; ask the vet for Saturday, then move the visit once they confirm.";
  override additionalSystemPrompt =
    "You are John Doe. The board call can't move. You take Biscuit, your dog, to the vet on a weekend when you " +
    "can, and you only change your calendar once the vet has confirmed.";

  private email!: StatefulEmailApp;
  private calendar!: StatefulCalendarApp;
  private reminders!: StatefulReminderApp;
  private aui!: PAREAgentUserInterface;
  private vetId = "";
  private boardId = "";

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.email = new StatefulEmailApp();
    this.calendar = new StatefulCalendarApp();
    this.reminders = new StatefulReminderApp();
    [this.vetId] = this.calendar.add_calendar_events({
      events: [
        {
          title: "Vet: Biscuit's booster jab",
          start_datetime: "2025-11-20 10:00:00",
          end_datetime: "2025-11-20 10:30:00",
          location: "Fernhill Vets, 12 Orchard Row",
        },
        {
          title: "Grooming: Biscuit",
          start_datetime: "2025-12-06 10:00:00",
          end_datetime: "2025-12-06 11:00:00",
        },
        { title: "Parkrun", start_datetime: "2025-11-22 09:00:00", end_datetime: "2025-11-22 10:00:00" },
      ],
    }) as [string, string, ...string[]];
    this.boardId = this.calendar.add_calendar_event_by_attendee({
      who_add: "Ruth Calloway",
      title: "Quarterly board call",
      start_datetime: "2025-11-20 09:30:00",
      end_datetime: "2025-11-20 11:00:00",
      description: "Board pack review; John presents the budget.",
    });
    this.reminders.create_reminder_with_time({
      title: "Confirm Biscuit's vet visit (Thu 10:00)",
      description: "Fernhill Vets want a confirmation or a change by reply to their booking email.",
      due_datetime: "2025-11-18 09:00:15",
    });
    this.reminders.create_reminder_with_time({ title: "Buy dog food", due_datetime: "2025-11-19 18:00:00" });
    this.email.add_emails({
      emails: [
        {
          email_id: "email-vet-booking",
          sender: VET,
          subject: "Booster appointment for Biscuit",
          content:
            "Dear Mr Doe,\n\nBiscuit is booked for his booster on Thursday 20 November at 10:00. Please reply to " +
            "confirm. If you need to change, we can also offer Friday 21 November at 09:00 or Saturday 22 " +
            "November at 11:00.\n\nFernhill Vets",
          time: "2025-11-11 14:00:00",
        },
        {
          sender: "ruth.calloway@quillfield.example",
          subject: "Board call on Thursday",
          content: "I've put the quarterly board call in your calendar, Thursday 09:30-11:00.",
          time: "2025-11-17 18:20:00",
        },
      ],
    });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.email, this.calendar, this.reminders];
  }

  protected buildEventsFlow(): void {
    const thursday = ev(
      this.calendar.get_calendar_events_from_to({
        start_datetime: "2025-11-20 00:00:00",
        end_datetime: "2025-11-21 00:00:00",
      }),
    )
      .oracle()
      .delayed(20);
    const booking = ev(this.email.search_emails({ query: "Biscuit" }))
      .oracle()
      .dependsOn(thursday, { delaySeconds: 1 });
    const saturday = ev(
      this.calendar.get_calendar_events_from_to({
        start_datetime: "2025-11-22 00:00:00",
        end_datetime: "2025-11-23 00:00:00",
      }),
    )
      .oracle()
      .dependsOn(booking, { delaySeconds: 1 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "About confirming Biscuit's vet visit: Ruth's board call (Thu 09:30-11:00) now overlaps it. Fernhill " +
          "Vets also offer Friday 09:00 or Saturday 22 Nov 11:00 (you're free after parkrun). Shall I reply to " +
          "their booking email asking to move Biscuit to Saturday 11:00?",
      }),
    )
      .oracle()
      .dependsOn(saturday, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes, Saturday please." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const find = ev(this.email.search_emails({ query: "Booster appointment" }))
      .oracle()
      .dependsOn(accept, { delaySeconds: 1 });
    const ask = ev(
      this.email.reply_to_email({
        email_id: "email-vet-booking",
        content:
          "Hello,\n\nI can't make Thursday at 10:00 after all. Could Biscuit have the Saturday 22 November 11:00 " +
          "slot instead?\n\nThank you,\nJohn Doe",
      }),
    )
      .oracle()
      .dependsOn(find, { delaySeconds: 1 });
    const asked = ev(
      this.aui.send_message_to_user({
        content: "Asked the vet for Saturday 11:00; I'll update the calendar once they confirm.",
      }),
    )
      .oracle()
      .dependsOn(ask, { delaySeconds: 1 });
    const reached = ConditionCheckEvent.fromCondition((env) => assistantEmailsTo(env, VET).length > 0, {
      description: "the vet was asked for another slot",
      everyTicks: 5,
      timeoutTicks: 3600,
    });
    const confirmed = ev(
      this.email.send_email_to_user_with_id({
        email_id: "email-vet-saturday",
        sender: VET,
        subject: "Re: Booster appointment for Biscuit",
        content:
          "No problem: Biscuit is now booked for Saturday 22 November at 11:00 (30 minutes). See you then!",
      }),
    )
      .withId("vet_confirms_saturday")
      .dependsOn(reached, { delaySeconds: 10 });
    const read = ev(this.email.search_emails({ query: "Saturday 22 November" }))
      .oracle()
      .dependsOn(confirmed, { delaySeconds: 2 });
    const propose2 = ev(
      this.aui.send_message_to_user({
        content:
          "Fernhill Vets confirmed Saturday 22 Nov at 11:00 for Biscuit. Shall I move the vet visit in your " +
          "calendar from Thursday to Saturday 11:00-11:30?",
      }),
    )
      .oracle()
      .dependsOn(read, { delaySeconds: 2 });
    const accept2 = ev(this.aui.accept_proposal({ content: "Yes, move it." }))
      .oracle()
      .dependsOn(propose2, { delaySeconds: 3 });
    const refind = ev(this.calendar.search_events({ query: "Biscuit" }))
      .oracle()
      .dependsOn(accept2, { delaySeconds: 1 });
    const move = ev(
      this.calendar.edit_calendar_event({
        event_id: this.vetId,
        start_datetime: "2025-11-22 11:00:00",
        end_datetime: "2025-11-22 11:30:00",
      }),
    )
      .oracle()
      .dependsOn(refind, { delaySeconds: 1 });
    this.events = [
      thursday,
      booking,
      saturday,
      propose,
      accept,
      find,
      ask,
      asked,
      reached,
      confirmed,
      read,
      propose2,
      accept2,
      refind,
      move,
    ];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const confirmedAt = log.byId("vet_confirms_saturday")?.eventTime;
    const toVet = assistantEmailsTo(env, VET);
    const edits = agentCalls(log, { className: "StatefulCalendarApp", function: "edit_calendar_event" });
    return new Checklist()
      .require(
        "a proposal about the clash with the vet visit",
        proposals(log).some((e) => mentionsAny(argText(e, "content"), "vet", "Biscuit")),
      )
      .require(
        "the vet asked for Saturday 22 Nov 11:00 before confirming",
        toVet.some((m) => SATURDAY_11.test(m.content) && (confirmedAt === undefined || m.time < confirmedAt)),
      )
      .require(
        "the visit moved to Saturday 22 Nov 11:00, only after the vet confirmed",
        eventRunsAt(env, this.vetId, "2025-11-22 11:00:00", "2025-11-22 11:30:00", "2025-11-22 12:00:00") &&
          edits.every((e) => confirmedAt !== undefined && e.eventTime > confirmedAt),
      )
      .require(
        "the board call and other events left alone; no other email",
        eventUnmoved(env, this.boardId, "2025-11-20 09:30:00", "2025-11-20 11:00:00") &&
          calendarWritesOutside(log, [this.vetId]).length === 0 &&
          assistantEmails(env).every((m) => m.recipients.every((r) => r === VET)),
      )
      .verdict();
  }
}
