import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulEmailApp } from "../../apps/email/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import { StatefulReminderApp } from "../../apps/reminder/app.js";
import { weekdayName } from "../../core/clock.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { PAREScenario } from "../pare-scenario.js";
import { dueBetween, reminderWritesOutside, upcomingRemindersAbout } from "../reschedule-verdicts.js";
import { argText, Checklist, mentionsAny, proposals } from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;

/**
 * No environment event: the need is in the inbox and the reminders. On Sunday Dorota, the cleaner, emailed
 * that from this week she comes every other Friday (first visit Friday 21 Nov) instead of every Monday. John's
 * weekly "Leave Dorota's pay out" reminder still fires on Mondays at 08:00 (next: 24 Nov). Ideal help: notice
 * it, offer to make the reminder fortnightly on Fridays from 21 Nov at 08:00, and update it; the window
 * cleaner's monthly reminder is a different arrangement and stays.
 */
@registerScenario("cleaner_fortnightly_friday_reminder")
export class CleanerFortnightlyFridayReminder extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["gap-detection"];
  override theme = "reschedule";
  override description =
    "Nothing arrives: the cleaner emailed she now comes every other Friday; turn the weekly Monday pay reminder into a fortnightly Friday one.";
  override additionalSystemPrompt =
    "You are John Doe. You leave the cleaner's pay out on the morning of each visit, around 08:00.";

  private email!: StatefulEmailApp;
  private reminders!: StatefulReminderApp;
  private aui!: PAREAgentUserInterface;
  private payId = "";
  private windowsId = "";

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.email = new StatefulEmailApp();
    this.reminders = new StatefulReminderApp();
    this.payId = this.reminders.create_reminder_with_time({
      title: "Leave Dorota's pay out",
      description: "Cash in the envelope on the hall table.",
      due_datetime: "2025-11-24 08:00:00",
      repetition_unit: "week",
    });
    this.windowsId = this.reminders.create_reminder_with_time({
      title: "Pay the window cleaner",
      due_datetime: "2025-12-01 09:00:00",
      repetition_unit: "month",
    });
    this.reminders.create_reminder_with_time({
      title: "Dentist check-up",
      due_datetime: "2025-11-26 15:00:00",
    });
    this.email.add_emails({
      emails: [
        {
          sender: "dorota.wilk@postbox.example",
          subject: "New cleaning days",
          content:
            "Hi John,\n\nI've taken on a new client on Mondays, so from this week I'll come every other Friday " +
            "instead of every Monday, same hours. The first Friday is 21 November. Hope that's OK!\n\nDorota",
          time: "2025-11-16 18:30:00",
        },
        {
          sender: "clearview.windows@postbox.example",
          subject: "Windows in December",
          content: "I'll do your windows on the first Monday of December as usual.",
          time: "2025-11-14 12:00:00",
        },
        {
          sender: "news@kettlebridge-council.example",
          subject: "Street cleaning",
          content: "Street cleaning on your road is every other Friday from December.",
          time: "2025-11-15 09:00:00",
        },
      ],
    });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.email, this.reminders];
  }

  protected buildEventsFlow(): void {
    const inbox = ev(this.email.list_emails({ limit: 5 }))
      .oracle()
      .delayed(5);
    const list = ev(this.reminders.get_all_reminders()).oracle().dependsOn(inbox, { delaySeconds: 2 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "Dorota now cleans every other Friday from 21 Nov instead of Mondays, but your 'Leave Dorota's pay out' " +
          "reminder still comes every Monday at 08:00. Shall I change it to every other Friday at 08:00, " +
          "starting Friday 21 Nov?",
      }),
    )
      .oracle()
      .dependsOn(list, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes, good catch." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const relist = ev(this.reminders.get_all_reminders()).oracle().dependsOn(accept, { delaySeconds: 1 });
    const update = ev(
      this.reminders.update_reminder({
        reminder_id: this.payId,
        due_datetime: "2025-11-21 08:00:00",
        repetition_unit: "week",
        repetition_value: 2,
      }),
    )
      .oracle()
      .dependsOn(relist, { delaySeconds: 1 });
    this.events = [inbox, list, propose, accept, relist, update];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const pay = upcomingRemindersAbout(env, "Dorota", "cleaner's pay", "cleaning");
    const on = (day: string) => pay.some((r) => dueBetween(r, `${day} 06:00:00`, `${day} 09:00:00`));
    return new Checklist()
      .require(
        "a proposal about Dorota's new days",
        proposals(log).some((e) => mentionsAny(argText(e, "content"), "Dorota", "cleaner")),
      )
      .require(
        "the pay reminder comes on the visit Fridays (21 Nov, 5 Dec, 19 Dec) in the morning",
        on("2025-11-21") && on("2025-12-05") && on("2025-12-19"),
      )
      .require(
        "no pay reminder on the Fridays in between or on any Monday",
        !on("2025-11-28") && !on("2025-12-12") && pay.every((r) => weekdayName(r.due_datetime) === "Friday"),
      )
      .require(
        "the window cleaner and other reminders left alone",
        reminderWritesOutside(log, [this.payId], { allowAdds: true }).length === 0 &&
          upcomingRemindersAbout(env, "window").every((r) => r.reminder_id.startsWith(this.windowsId)),
      )
      .verdict();
  }
}
