import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulCalendarApp } from "../../apps/calendar/app.js";
import { StatefulEmailApp } from "../../apps/email/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import { StatefulReminderApp } from "../../apps/reminder/app.js";
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

const TUESDAYS = ["2025-11-18", "2025-11-25", "2025-12-02"];

/**
 * No environment event: the weekly "Pack the pottery apron" reminder falls due at +20 s for tonight's class.
 * Yesterday the studio emailed that tonight's class (Tue 18 Nov) is cancelled for a kiln repair, with a
 * make-up session on Thursday 20 Nov 18:30-20:30. The calendar still shows tonight; Thursday evening is free;
 * the next Tuesdays are unaffected. Ideal help: offer to move tonight's class to Thursday's make-up slot and
 * set a one-off apron reminder for Thursday; on acceptance edit that one event and add the reminder.
 */
@registerScenario("pottery_class_cancelled_makeup")
export class PotteryClassCancelledMakeup extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["gap-detection"];
  override theme = "reschedule";
  override description =
    "A due apron reminder points at tonight's pottery class, which yesterday's email cancelled; move it to Thursday's make-up slot.";
  override additionalSystemPrompt =
    "You are John Doe. You never miss a pottery session if there's a make-up slot you can attend.";

  private email!: StatefulEmailApp;
  private calendar!: StatefulCalendarApp;
  private reminders!: StatefulReminderApp;
  private aui!: PAREAgentUserInterface;
  private classIds: string[] = [];
  private apronId = "";

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.email = new StatefulEmailApp();
    this.calendar = new StatefulCalendarApp();
    this.reminders = new StatefulReminderApp();
    this.classIds = this.calendar.add_calendar_events({
      events: TUESDAYS.map((day) => ({
        title: "Pottery class (wheel throwing)",
        start_datetime: `${day} 18:30:00`,
        end_datetime: `${day} 20:30:00`,
        location: "Claywork Studio, 7 Kiln Lane",
      })),
    });
    this.calendar.add_calendar_events({
      events: [
        { title: "Gym", start_datetime: "2025-11-20 07:00:00", end_datetime: "2025-11-20 08:00:00" },
        {
          title: "Quarterly numbers due",
          start_datetime: "2025-11-20 16:00:00",
          end_datetime: "2025-11-20 17:00:00",
          tag: "Work",
        },
        {
          title: "Cinema with Ro",
          start_datetime: "2025-11-21 19:00:00",
          end_datetime: "2025-11-21 21:30:00",
        },
      ],
    });
    this.apronId = this.reminders.create_reminder_with_time({
      title: "Pack the pottery apron",
      description: "Wheel class tonight, 18:30 at Claywork Studio.",
      due_datetime: "2025-11-18 09:00:20",
      repetition_unit: "week",
    });
    this.reminders.create_reminder_with_time({
      title: "Order more glaze",
      due_datetime: "2025-11-22 10:00:00",
    });
    this.email.add_emails({
      emails: [
        {
          email_id: "email-kiln-repair",
          sender: "hello@claywork-studio.example",
          subject: "Tuesday class cancelled: make-up session",
          content:
            "Hi everyone,\n\nOur kiln is being repaired, so the wheel-throwing class on Tuesday 18 November is " +
            "cancelled. Make-up session: Thursday 20 November, 18:30-20:30, same room. Classes on 25 November " +
            "and after run as normal.\n\nMira, Claywork Studio",
          time: "2025-11-17 16:05:00",
        },
        {
          sender: "hello@claywork-studio.example",
          subject: "Open studio Saturday",
          content: "Open studio this Saturday 10:00-13:00 for members.",
          time: "2025-11-12 09:00:00",
        },
      ],
    });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.email, this.calendar, this.reminders];
  }

  protected buildEventsFlow(): void {
    const mail = ev(this.email.search_emails({ query: "class" }))
      .oracle()
      .delayed(25);
    const classes = ev(this.calendar.search_events({ query: "Pottery" }))
      .oracle()
      .dependsOn(mail, { delaySeconds: 1 });
    const thursday = ev(
      this.calendar.get_calendar_events_from_to({
        start_datetime: "2025-11-20 00:00:00",
        end_datetime: "2025-11-21 00:00:00",
      }),
    )
      .oracle()
      .dependsOn(classes, { delaySeconds: 1 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "Heads-up before you pack the apron: Claywork cancelled tonight's pottery class (kiln repair) and " +
          "offers a make-up on Thursday 20 Nov, 18:30-20:30, when you're free. Shall I move tonight's class in " +
          "your calendar to Thursday and set a one-off apron reminder for Thursday at 09:00?",
      }),
    )
      .oracle()
      .dependsOn(thursday, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes, thanks." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const refind = ev(this.calendar.search_events({ query: "Pottery" }))
      .oracle()
      .dependsOn(accept, { delaySeconds: 1 });
    const move = ev(
      this.calendar.edit_calendar_event({
        event_id: this.classIds[0] as string,
        start_datetime: "2025-11-20 18:30:00",
        end_datetime: "2025-11-20 20:30:00",
      }),
    )
      .oracle()
      .dependsOn(refind, { delaySeconds: 1 });
    const remind = ev(
      this.reminders.add_reminder({
        title: "Pack the pottery apron",
        due_datetime: "2025-11-20 09:00:00",
        description: "Make-up class tonight, 18:30 at Claywork Studio.",
      }),
    )
      .oracle()
      .dependsOn(move, { delaySeconds: 1 });
    this.events = [mail, classes, thursday, propose, accept, refind, move, remind];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const [tonight, ...later] = this.classIds;
    const apron = upcomingRemindersAbout(env, "apron", "pottery");
    return new Checklist()
      .require(
        "a proposal about the cancelled class and Thursday's make-up",
        proposals(log).some(
          (e) =>
            mentionsAny(argText(e, "content"), "pottery", "class") &&
            mentionsAny(argText(e, "content"), "Thursday", "Thu", "20"),
        ),
      )
      .require(
        "tonight's class moved to Thursday 20 Nov 18:30-20:30",
        eventRunsAt(env, tonight as string, "2025-11-20 18:30:00", "2025-11-20 20:30:00"),
      )
      .require(
        "the classes of 25 Nov and 2 Dec stay",
        later.every((id, i) =>
          eventRunsAt(env, id, `${TUESDAYS[i + 1]} 18:30:00`, `${TUESDAYS[i + 1]} 20:30:00`),
        ) && calendarWritesOutside(log, [tonight as string]).length === 0,
      )
      .require(
        "an apron reminder on Thursday before the class",
        apron.some((r) => dueBetween(r, "2025-11-20 06:00:00", "2025-11-20 18:00:00")),
      )
      .require(
        "the weekly apron reminder still comes on Tuesdays; other reminders left alone",
        dueBetween(
          apron.find((r) => r.reminder_id.startsWith(this.apronId)),
          "2025-11-25 09:00:20",
          "2025-11-25 09:00:20",
        ) && reminderWritesOutside(log, [], { allowAdds: true }).length === 0,
      )
      .verdict();
  }
}
