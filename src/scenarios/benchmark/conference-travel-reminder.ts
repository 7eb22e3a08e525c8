import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulCalendarApp } from "../../apps/calendar/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import { StatefulReminderApp } from "../../apps/reminder/app.js";
import { parseDateTime } from "../../core/clock.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { PAREScenario } from "../pare-scenario.js";
import { agentCalls, argText, Checklist, mentionsAny, proposals } from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;

const between = (text: string, from: string, to: string): boolean => {
  const t = parseDateTime(text);
  return t !== null && t >= (parseDateTime(from) as number) && t <= (parseDateTime(to) as number);
};

/**
 * At +9 s an organiser adds the user to a logistics forum on Friday at 08:00, whose description says
 * the posted attendee badge is required for entry. Ideal help: offer a reminder on Thursday evening
 * to pack the badge and, on acceptance, create it (due Thursday 17:00-23:00, mentioning the badge).
 */
@registerScenario("conference_travel_reminder")
export class ConferenceTravelReminder extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["timing-sensitive"];
  override theme = "scheduling";
  override description =
    "An organiser adds an early conference that requires a printed badge; remind the user the evening before.";
  override additionalSystemPrompt =
    "You are John Doe. You are forgetful about paperwork in the morning rush; a reminder the evening " +
    "before an early event suits you, one on the morning itself is too late.";

  private calendar!: StatefulCalendarApp;
  private reminders!: StatefulReminderApp;
  private aui!: PAREAgentUserInterface;

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.calendar = new StatefulCalendarApp();
    this.reminders = new StatefulReminderApp();
    this.calendar.add_calendar_event({
      title: "Supplier call - Ostrava Freight",
      start_datetime: "2025-11-19 11:00:00",
      end_datetime: "2025-11-19 11:45:00",
      attendees: ["Radek Novak"],
    });
    this.calendar.add_calendar_event({
      title: "Friday team lunch",
      start_datetime: "2025-11-21 12:30:00",
      end_datetime: "2025-11-21 13:30:00",
      location: "Saffron Kitchen",
    });
    this.calendar.add_calendar_event({
      title: "Swimming",
      start_datetime: "2025-11-20 18:00:00",
      end_datetime: "2025-11-20 19:00:00",
      location: "Aquatics Centre",
    });
    this.reminders.create_reminder_with_time({
      title: "Submit expense report",
      due_datetime: "2025-11-19 16:00:00",
      description: "October travel, receipts are in the blue folder.",
    });
    this.reminders.create_reminder_with_time({
      title: "Pick up dry cleaning",
      due_datetime: "2025-11-20 17:30:00",
    });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.calendar, this.reminders];
  }

  protected buildEventsFlow(): void {
    const added = ev(
      this.calendar.add_calendar_event_by_attendee({
        who_add: "Helena Brandt",
        title: "Future of Freight Forum",
        start_datetime: "2025-11-21 08:00:00",
        end_datetime: "2025-11-21 17:00:00",
        location: "Messe Hall 3, 40 Exhibition Boulevard",
        description:
          "Registration closes at 07:45. Bring the printed attendee badge we posted to you last week - no " +
          "badge, no entry, and we cannot reprint on site.",
      }),
    )
      .withId("forum_added")
      .delayed(9);
    const details = ev(this.calendar.search_events({ query: "Freight Forum" }))
      .oracle()
      .dependsOn(added, { delaySeconds: 3 });
    const existing = ev(this.reminders.get_all_reminders()).oracle().dependsOn(details, { delaySeconds: 1 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "Helena Brandt added you to the Future of Freight Forum on Friday at 08:00, and you must bring the " +
          "printed attendee badge to get in. Shall I set a reminder for Thursday at 20:00 to pack it?",
      }),
    )
      .oracle()
      .dependsOn(existing, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes, good catch." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const remind = ev(
      this.reminders.add_reminder({
        title: "Pack attendee badge for the Freight Forum",
        due_datetime: "2025-11-20 20:00:00",
        description:
          "Forum starts Friday 08:00 at Messe Hall 3 (registration closes 07:45); no badge, no entry.",
      }),
    )
      .oracle()
      .dependsOn(accept, { delaySeconds: 2 });
    this.events = [added, details, existing, propose, accept, remind];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const reminded = agentCalls(log, { className: "StatefulReminderApp", function: "add_reminder" }).some(
      (e) =>
        mentionsAny(`${argText(e, "title")} ${argText(e, "description")}`, "badge") &&
        between(argText(e, "due_datetime"), "2025-11-20 17:00:00", "2025-11-20 23:00:00"),
    );
    return new Checklist()
      .require(
        "a proposal of a badge reminder",
        proposals(log).some(
          (e) => mentionsAny(argText(e, "content"), "badge") && mentionsAny(argText(e, "content"), "remind"),
        ),
      )
      .require("a reminder about the badge on Thursday evening", reminded)
      .verdict();
  }
}
