import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulCalendarApp } from "../../apps/calendar/app.js";
import { StatefulEmailApp } from "../../apps/email/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import { StatefulReminderApp } from "../../apps/reminder/app.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { assistantEmails } from "../email-verdicts.js";
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

const GARAGE = "service@dalton-motors.example";
const THURSDAY = /\bthu(rsday)?\b|\b20 nov/i;

/**
 * A service appointment moves a day, with two reminders hanging off it. Dalton Motors emails (+7 s) that the
 * mechanic is ill: the car's service moves from Wednesday 19 Nov to Thursday 20 Nov (drop-off 08:00, ready
 * from 16:00) and asks for a reply. John has a drop-off event and two reminders (take the car in at 07:30,
 * collect it at 16:30) on Wednesday; the MOT reminder in December is unrelated. Ideal help: offer to confirm
 * Thursday by reply, move the event and both reminders a day; on acceptance do it.
 */
@registerScenario("car_service_moved_reminders")
export class CarServiceMovedReminders extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["follow-up"];
  override theme = "reschedule";
  override description =
    "The garage moves the car service to Thursday; confirm by reply and move the drop-off event and both car reminders a day.";
  override additionalSystemPrompt =
    "You are John Doe. Thursday suits you just as well for the car; you work from home that day.";

  private email!: StatefulEmailApp;
  private calendar!: StatefulCalendarApp;
  private reminders!: StatefulReminderApp;
  private aui!: PAREAgentUserInterface;
  private serviceId = "";
  private dropId = "";
  private collectId = "";

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.email = new StatefulEmailApp();
    this.calendar = new StatefulCalendarApp();
    this.reminders = new StatefulReminderApp();
    [this.serviceId] = this.calendar.add_calendar_events({
      events: [
        {
          title: "Car service: drop off at Dalton Motors",
          start_datetime: "2025-11-19 08:00:00",
          end_datetime: "2025-11-19 08:30:00",
          location: "Dalton Motors, 40 Forge Street",
        },
        {
          title: "Working from home",
          start_datetime: "2025-11-20 09:00:00",
          end_datetime: "2025-11-20 17:00:00",
        },
        { title: "Squash", start_datetime: "2025-11-19 18:00:00", end_datetime: "2025-11-19 19:00:00" },
      ],
    }) as [string, string, ...string[]];
    this.dropId = this.reminders.create_reminder_with_time({
      title: "Take the car to Dalton Motors",
      description: "Leave the spare key in the glovebox.",
      due_datetime: "2025-11-19 07:30:00",
    });
    this.collectId = this.reminders.create_reminder_with_time({
      title: "Collect the car from Dalton Motors",
      due_datetime: "2025-11-19 16:30:00",
    });
    this.reminders.create_reminder_with_time({
      title: "Book the car's MOT",
      due_datetime: "2025-12-10 09:00:00",
    });
    this.email.add_emails({
      emails: [
        {
          email_id: "email-service-booked",
          sender: GARAGE,
          subject: "Service booking confirmed",
          content: "Your full service is booked for Wednesday 19 November, drop-off 08:00. Ref DM-3390.",
          time: "2025-11-06 10:00:00",
        },
        {
          sender: "offers@dalton-motors.example",
          subject: "Winter tyre check",
          content: "Free winter tyre check throughout December.",
          time: "2025-11-15 08:00:00",
        },
      ],
    });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.email, this.calendar, this.reminders];
  }

  protected buildEventsFlow(): void {
    const moved = ev(
      this.email.send_email_to_user_with_id({
        email_id: "email-service-moved",
        sender: GARAGE,
        subject: "Your service DM-3390 moves to Thursday",
        content:
          "Dear Mr Doe,\n\nOur mechanic is off sick, so we have to move your service from Wednesday 19 November " +
          "to Thursday 20 November: drop-off at 08:00, the car will be ready from 16:00. Please reply to " +
          "confirm.\n\nDalton Motors",
      }),
    )
      .withId("service_moved")
      .delayed(7);
    const find = ev(this.calendar.search_events({ query: "Dalton" }))
      .oracle()
      .dependsOn(moved, { delaySeconds: 3 });
    const list = ev(this.reminders.get_all_reminders()).oracle().dependsOn(find, { delaySeconds: 1 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "Dalton Motors moved your car service to Thursday 20 Nov (drop-off 08:00, ready from 16:00). Shall I " +
          "reply to confirm, move the drop-off in your calendar to Thursday 08:00, and move your reminders to " +
          "Thursday 07:30 (take the car in) and 16:30 (collect it)?",
      }),
    )
      .oracle()
      .dependsOn(list, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes, Thursday is fine." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const mail = ev(this.email.search_emails({ query: "DM-3390" }))
      .oracle()
      .dependsOn(accept, { delaySeconds: 1 });
    const reply = ev(
      this.email.reply_to_email({
        email_id: "email-service-moved",
        content: "Hello,\n\nThursday 20 November works: I'll drop the car off at 08:00.\n\nJohn Doe",
      }),
    )
      .oracle()
      .dependsOn(mail, { delaySeconds: 1 });
    const refind = ev(this.calendar.search_events({ query: "Dalton" }))
      .oracle()
      .dependsOn(reply, { delaySeconds: 1 });
    const move = ev(
      this.calendar.edit_calendar_event({
        event_id: this.serviceId,
        start_datetime: "2025-11-20 08:00:00",
        end_datetime: "2025-11-20 08:30:00",
      }),
    )
      .oracle()
      .dependsOn(refind, { delaySeconds: 1 });
    const relist = ev(this.reminders.get_all_reminders()).oracle().dependsOn(move, { delaySeconds: 1 });
    const drop = ev(
      this.reminders.update_reminder({ reminder_id: this.dropId, due_datetime: "2025-11-20 07:30:00" }),
    )
      .oracle()
      .dependsOn(relist, { delaySeconds: 1 });
    const collect = ev(
      this.reminders.update_reminder({ reminder_id: this.collectId, due_datetime: "2025-11-20 16:30:00" }),
    )
      .oracle()
      .dependsOn(drop, { delaySeconds: 1 });
    this.events = [moved, find, list, propose, accept, mail, reply, refind, move, relist, drop, collect];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const toGarage = assistantEmails(env).filter((m) => m.recipients.includes(GARAGE));
    const car = upcomingRemindersAbout(env, "Dalton", "car to", "the car");
    const carOn = (from: string, to: string, word: string) =>
      car.some((r) => mentionsAny(r.title, word) && dueBetween(r, from, to));
    return new Checklist()
      .require(
        "a proposal about the moved service",
        proposals(log).some((e) => mentionsAny(argText(e, "content"), "service", "Dalton")),
      )
      .require(
        "the garage told Thursday suits",
        toGarage.some((m) => THURSDAY.test(m.content)),
      )
      .require(
        "the drop-off now on Thursday 20 Nov at 08:00",
        eventRunsAt(env, this.serviceId, "2025-11-20 08:00:00", "2025-11-20 08:15:00", "2025-11-20 09:00:00"),
      )
      .require(
        "a take-the-car-in reminder on Thursday before 08:00",
        carOn("2025-11-20 06:00:00", "2025-11-20 08:00:00", "take"),
      )
      .require(
        "a collect-the-car reminder on Thursday from 16:00",
        carOn("2025-11-20 16:00:00", "2025-11-20 19:00:00", "collect"),
      )
      .require(
        "no car reminder left on Wednesday",
        !car.some((r) => dueBetween(r, "2025-11-19 00:00:00", "2025-11-19 23:59:59")),
      )
      .require(
        "the MOT reminder and other events left alone; no other email",
        reminderWritesOutside(log, [this.dropId, this.collectId], { allowAdds: true }).length === 0 &&
          calendarWritesOutside(log, [this.serviceId]).length === 0 &&
          assistantEmails(env).every((m) => m.recipients.every((r) => r === GARAGE)),
      )
      .verdict();
  }
}
