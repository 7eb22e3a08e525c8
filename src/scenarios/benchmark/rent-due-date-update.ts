import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulEmailApp } from "../../apps/email/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import { StatefulReminderApp } from "../../apps/reminder/app.js";
import { formatDateTime } from "../../core/clock.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { PAREScenario } from "../pare-scenario.js";
import { agentCalls, argText, Checklist, mentionsAny, proposals } from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;

/**
 * The user has a monthly "Pay rent" reminder on the 1st (next: 1 December). At +10 s the letting agent
 * emails that from December rent is due on the 5th. Ideal help: offer to move the reminder and, on
 * acceptance, update the repeating reminder itself (not one occurrence) to 5 December, still monthly.
 */
@registerScenario("rent_due_date_update")
export class RentDueDateUpdate extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["follow-up"];
  override theme = "scheduling";
  override description =
    "The landlord moves the rent due date to the 5th; update the existing monthly rent reminder to match.";
  override additionalSystemPrompt =
    "You are John Doe. You like paying rent on the day it is due, not earlier, and you want to keep a " +
    "single monthly rent reminder rather than several.";

  private email!: StatefulEmailApp;
  private reminders!: StatefulReminderApp;
  private aui!: PAREAgentUserInterface;
  private rentReminderId = "";

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.email = new StatefulEmailApp();
    this.reminders = new StatefulReminderApp();
    this.rentReminderId = this.reminders.create_reminder_with_time({
      title: "Pay rent",
      due_datetime: "2025-12-01 09:00:00",
      description: "Transfer 1,150 to Harbourview Lettings, reference FLAT 4B - ALDER HOUSE.",
      repetition_unit: "month",
      repetition_value: 1,
    });
    this.reminders.create_reminder_with_time({
      title: "Council tax instalment",
      due_datetime: "2025-12-05 09:00:00",
      description: "Direct debit goes out - make sure the current account has enough.",
      repetition_unit: "month",
      repetition_value: 1,
    });
    this.reminders.create_reminder_with_time({
      title: "Book boiler service",
      due_datetime: "2025-11-24 18:00:00",
    });
    this.email.create_and_add_email_with_time({
      sender: "ruth.calloway@harbourview-lettings.example",
      subject: "Flat 4B - inspection on 2 December",
      content:
        "Hi John,\n\nOur routine inspection of Flat 4B is booked for Tuesday 2 December at 10:00.\n\nRuth",
      email_time: "2025-11-10 11:20:00",
    });
    this.email.create_and_add_email_with_time({
      sender: "statements@northbank.example",
      subject: "Your November statement is ready",
      content: "Your statement for the period ending 15 November is now available in online banking.",
      email_time: "2025-11-16 06:00:00",
    });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.email, this.reminders];
  }

  protected buildEventsFlow(): void {
    const notice = ev(
      this.email.send_email_to_user_with_id({
        email_id: "email-rent-date-change",
        sender: "ruth.calloway@harbourview-lettings.example",
        subject: "Change to your rent due date",
        content:
          "Dear John,\n\nWe are moving to a new payment provider. From December onwards, rent for Flat 4B will be " +
          "due on the 5th of each month instead of the 1st. The amount and reference stay the same.\n\n" +
          "Kind regards,\nRuth Calloway\nHarbourview Lettings",
      }),
    )
      .withId("rent_notice")
      .delayed(10);
    const list = ev(this.reminders.get_all_reminders()).oracle().dependsOn(notice, { delaySeconds: 3 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "Harbourview Lettings says rent is now due on the 5th of each month from December. Shall I move your " +
          "monthly 'Pay rent' reminder from the 1st to the 5th, starting 5 December?",
      }),
    )
      .oracle()
      .dependsOn(list, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes, move it." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const update = ev(
      this.reminders.update_reminder({
        reminder_id: this.rentReminderId,
        due_datetime: "2025-12-05 09:00:00",
      }),
    )
      .oracle()
      .dependsOn(accept, { delaySeconds: 2 });
    this.events = [notice, list, propose, accept, update];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const updated = agentCalls(log, { className: "StatefulReminderApp", function: "update_reminder" }).some(
      (e) =>
        argText(e, "reminder_id") === this.rentReminderId &&
        argText(e, "due_datetime").startsWith("2025-12-05"),
    );
    // After the run the reminder must still exist, be due on 5 December and repeat monthly.
    let finalOk = false;
    try {
      const r = env.getAppByClass(StatefulReminderApp)?.getReminder(this.rentReminderId);
      finalOk =
        r !== undefined &&
        formatDateTime(r.due_datetime).startsWith("2025-12-05") &&
        r.repetition_unit === "month";
    } catch {
      finalOk = false;
    }
    return new Checklist()
      .require(
        "a proposal to move the rent reminder",
        proposals(log).some(
          (e) =>
            mentionsAny(argText(e, "content"), "rent") && mentionsAny(argText(e, "content"), "5", "fifth"),
        ),
      )
      .require("the repeating rent reminder updated to 5 December", updated)
      .require("the rent reminder still repeats monthly from 5 December", finalOk)
      .verdict();
  }
}
