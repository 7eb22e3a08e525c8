import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
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

/** Friday 21 November, 17:00: the expense-report cut-off. */
const DEADLINE = parseDateTime("2025-11-21 17:00:00") as number;
/** A reminder later than half an hour before the cut-off leaves no time to gather receipts. */
const LATEST_USEFUL = DEADLINE - 30 * 60;

/**
 * Finance announces that expense reports are due Friday at 17:00 (with a later, irrelevant date for
 * the next cycle in the same email). Ideal help: offer a reminder ahead of the deadline and add it.
 */
@registerScenario("deadline_reminder_from_email")
export class DeadlineReminderFromEmail extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["timing-sensitive"];
  override theme = "scheduling";
  override description =
    "Finance emails that the expense report is due Friday 17:00; add a reminder ahead of the deadline.";
  override additionalSystemPrompt =
    "You travelled for work this month and still have to file your expense report; you tend to forget such deadlines.";

  private email!: StatefulEmailApp;
  private reminders!: StatefulReminderApp;
  private aui!: PAREAgentUserInterface;

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.email = new StatefulEmailApp();
    this.reminders = new StatefulReminderApp();
    this.reminders.create_reminder_with_time({
      title: "Water the fern",
      due_datetime: "2025-11-19 08:00:00",
      repetition_unit: "week",
    });
    this.reminders.create_reminder_with_time({
      title: "Submit weekly timesheet",
      description: "Hours for client work go under project HX-2231.",
      due_datetime: "2025-11-21 12:00:00",
    });
    this.reminders.create_reminder_with_time({
      title: "Call Grandma Ilse",
      due_datetime: "2025-11-23 11:00:00",
    });
    this.email.add_emails({
      emails: [
        {
          sender: "travel@halvorsenpike.example",
          subject: "Trip confirmation: Rotterdam, 10-12 Nov",
          content: "Your hotel and train for the Rotterdam client visit are confirmed. Keep your receipts!",
          time: "2025-11-04 14:10:00",
        },
        {
          sender: "it-helpdesk@halvorsenpike.example",
          subject: "Scheduled maintenance Saturday",
          content: "The VPN will be unavailable on Saturday 22 November from 06:00 to 10:00.",
          time: "2025-11-17 17:00:00",
        },
      ],
    });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.email, this.reminders];
  }

  protected buildEventsFlow(): void {
    const notice = ev(
      this.email.send_email_to_user_with_id({
        email_id: "email-expense-deadline",
        sender: "finance@halvorsenpike.example",
        subject: "Expense reports due this Friday",
        content:
          "Hello everyone,\n\nExpense reports for October and November travel must be submitted in the " +
          "expenses portal by Friday 21 November at 17:00. Anything received later will be reimbursed in " +
          "the January cycle (cut-off 16 January).\n\nPlease attach itemised receipts.\n\nFinance team",
      }),
    )
      .withId("expense_notice")
      .delayed(6);
    const check = ev(this.reminders.get_all_reminders()).oracle().dependsOn(notice, { delaySeconds: 3 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "Finance says expense reports are due Friday 21 Nov at 17:00. Shall I add a reminder for " +
          "Friday at 14:00 so you have time to submit your Rotterdam receipts?",
      }),
    )
      .oracle()
      .dependsOn(check, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes, good idea." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const add = ev(
      this.reminders.add_reminder({
        title: "Submit expense report",
        due_datetime: "2025-11-21 14:00:00",
        description: "Due in the expenses portal by 17:00 today; attach itemised receipts.",
      }),
    )
      .oracle()
      .dependsOn(accept, { delaySeconds: 2 });
    this.events = [notice, check, propose, accept, add];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const added = agentCalls(log, { className: "StatefulReminderApp", function: "add_reminder" }).some(
      (e) => {
        const due = parseDateTime(argText(e, "due_datetime"));
        return (
          due !== null &&
          due >= this.startTime &&
          due <= LATEST_USEFUL &&
          mentionsAny(argText(e, "title") + argText(e, "description"), "expense")
        );
      },
    );
    return new Checklist()
      .require(
        "a proposal about the expense report deadline",
        proposals(log).some((e) => mentionsAny(argText(e, "content"), "expense")),
      )
      .require("an expense-report reminder due between now and Friday 16:30", added)
      .verdict();
  }
}
