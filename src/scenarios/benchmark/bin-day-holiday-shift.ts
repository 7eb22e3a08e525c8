import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulEmailApp } from "../../apps/email/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import { StatefulReminderApp } from "../../apps/reminder/app.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { PAREScenario } from "../pare-scenario.js";
import { dueBetween, reminderWritesOutside, upcomingRemindersAbout } from "../reschedule-verdicts.js";
import { argText, Checklist, mentionsAny, proposals } from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;

/**
 * One occurrence of a recurring reminder moves. The council emails (+9 s) that the public holiday on Thursday
 * 27 November pushes that week's collections to Friday 28 November. John's weekly "Put the bins out" reminder
 * (Wednesdays 20:00, the evening before collection) should, for that week only, come on Thursday 27 Nov
 * evening; the fortnightly recycling reminder falls on 19 Nov and 3 Dec, so the holiday week does not touch
 * it. Ideal help: offer to move just the 26 Nov occurrence to Thursday 27 Nov 20:00, and do it.
 */
@registerScenario("bin_day_holiday_shift")
export class BinDayHolidayShift extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["conflict-resolution"];
  override theme = "reschedule";
  override description =
    "A holiday pushes one week's bin collection back a day; move only that week's occurrence of the weekly bins reminder.";
  override additionalSystemPrompt =
    "You are John Doe. You put the bins out the evening before collection day, around 20:00.";

  private email!: StatefulEmailApp;
  private reminders!: StatefulReminderApp;
  private aui!: PAREAgentUserInterface;
  private binsId = "";

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.email = new StatefulEmailApp();
    this.reminders = new StatefulReminderApp();
    this.binsId = this.reminders.create_reminder_with_time({
      title: "Put the bins out",
      description: "General waste, collected Thursday morning.",
      due_datetime: "2025-11-19 20:00:00",
      repetition_unit: "week",
    });
    this.reminders.create_reminder_with_time({
      title: "Recycling box out",
      description: "Collected Thursday morning, every other week.",
      due_datetime: "2025-11-19 20:05:00",
      repetition_unit: "week",
      repetition_value: 2,
    });
    this.reminders.create_reminder_with_time({
      title: "Call the boiler engineer",
      due_datetime: "2025-11-21 10:00:00",
    });
    this.email.add_emails({
      emails: [
        {
          sender: "waste@kettlebridge-council.example",
          subject: "Your garden waste subscription",
          content: "Garden waste collections pause from 1 December until March.",
          time: "2025-11-03 10:00:00",
        },
        {
          sender: "newsletter@kettlebridge-council.example",
          subject: "Winter events in Kettlebridge",
          content: "The Christmas market opens on Saturday 29 November.",
          time: "2025-11-15 12:00:00",
        },
      ],
    });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.email, this.reminders];
  }

  protected buildEventsFlow(): void {
    const notice = ev(
      this.email.send_email_to_user_with_id({
        email_id: "email-holiday-collections",
        sender: "waste@kettlebridge-council.example",
        subject: "Bin collections in the holiday week",
        content:
          "Dear resident,\n\nThursday 27 November is a public holiday. In that week all collections due on " +
          "Thursday will be made one day later, on Friday 28 November. Collections return to normal the " +
          "following week.\n\nKettlebridge Council, Waste Services",
      }),
    )
      .withId("holiday_collections")
      .delayed(9);
    const list = ev(this.reminders.get_all_reminders()).oracle().dependsOn(notice, { delaySeconds: 3 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "The council says collections in the holiday week move from Thursday 27 Nov to Friday 28 Nov. Shall I " +
          "move just that week's 'Put the bins out' reminder from Wed 26 Nov 20:00 to Thu 27 Nov 20:00? The " +
          "recycling box isn't due that week, and the other weeks stay as they are.",
      }),
    )
      .oracle()
      .dependsOn(list, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes, just that one." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const relist = ev(this.reminders.get_all_reminders()).oracle().dependsOn(accept, { delaySeconds: 1 });
    const move = ev(
      this.reminders.update_reminder({
        reminder_id: `${this.binsId}_rep_1`,
        due_datetime: "2025-11-27 20:00:00",
      }),
    )
      .oracle()
      .dependsOn(relist, { delaySeconds: 1 });
    this.events = [notice, list, propose, accept, relist, move];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const bins = upcomingRemindersAbout(env, "bin");
    const on = (from: string, to: string) => bins.some((r) => dueBetween(r, from, to));
    return new Checklist()
      .require(
        "a proposal about the holiday week's bins",
        proposals(log).some(
          (e) =>
            mentionsAny(argText(e, "content"), "bin") &&
            mentionsAny(argText(e, "content"), "27", "Thursday", "Thu"),
        ),
      )
      .require(
        "a bins reminder on Thursday 27 Nov in the evening",
        on("2025-11-27 16:00:00", "2025-11-28 06:00:00"),
      )
      .require("no bins reminder left on Wednesday 26 Nov", !on("2025-11-26 00:00:00", "2025-11-26 23:59:59"))
      .require(
        "the other weeks stay on Wednesdays 20:00 (19 Nov, 3 Dec, 10 Dec)",
        ["2025-11-19", "2025-12-03", "2025-12-10"].every((d) => on(`${d} 20:00:00`, `${d} 20:00:00`)),
      )
      .require(
        "the recycling and other reminders left alone",
        reminderWritesOutside(log, [this.binsId, `${this.binsId}_rep_1`], { allowAdds: true }).length === 0,
      )
      .verdict();
  }
}
