import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulCalendarApp } from "../../apps/calendar/app.js";
import { StatefulEmailApp } from "../../apps/email/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { PAREScenario } from "../pare-scenario.js";
import { agentCalls, argText, Checklist, mentionsAll, mentionsAny, proposals } from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;

/**
 * A colleague asks by email to meet on Thursday at 14:00 about the Q4 budget. The calendar is free then.
 * Ideal help: offer to put the meeting in the calendar and confirm by reply; on acceptance, add the
 * event at the right time with the colleague, and reply to her email.
 */
@registerScenario("meeting_request_to_calendar")
export class MeetingRequestToCalendar extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["follow-up"];
  override theme = "scheduling";
  override description = "A colleague emails a meeting request; add it to the calendar and confirm by reply.";

  private email!: StatefulEmailApp;
  private calendar!: StatefulCalendarApp;
  private aui!: PAREAgentUserInterface;

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.email = new StatefulEmailApp();
    this.calendar = new StatefulCalendarApp();
    this.email.create_and_add_email_with_time({
      sender: "newsletter@citybikes.example",
      subject: "Your November ride summary",
      content: "You rode 42 km this month. Keep it up!",
      email_time: "2025-11-17 18:30:00",
    });
    this.calendar.add_calendar_event({
      title: "Team stand-up",
      start_datetime: "2025-11-20 09:30:00",
      end_datetime: "2025-11-20 09:45:00",
      attendees: ["Priya Raman", "Tom Becker"],
    });
    this.calendar.add_calendar_event({
      title: "Dentist",
      start_datetime: "2025-11-20 17:00:00",
      end_datetime: "2025-11-20 18:00:00",
    });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.email, this.calendar];
  }

  protected buildEventsFlow(): void {
    const request = ev(
      this.email.send_email_to_user_with_id({
        email_id: "email-budget-meeting",
        sender: "priya.raman@northwind.example",
        subject: "Q4 budget review - Thursday?",
        content:
          "Hi John,\n\nCould we go through the Q4 budget together on Thursday (Nov 20) from 14:00 to 15:00? " +
          "Meeting room Aurora works for me.\n\nThanks,\nPriya",
      }),
    )
      .withId("budget_request")
      .delayed(8);
    const checkCalendar = ev(
      this.calendar.get_calendar_events_from_to({
        start_datetime: "2025-11-20 00:00:00",
        end_datetime: "2025-11-21 00:00:00",
      }),
    )
      .oracle()
      .dependsOn(request, { delaySeconds: 3 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "Priya asked to review the Q4 budget on Thursday Nov 20, 14:00-15:00, and you are free then. " +
          "Shall I add it to your calendar and reply to confirm?",
      }),
    )
      .oracle()
      .dependsOn(checkCalendar, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes, please." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    // The executor starts fresh: it finds Priya's email again (room, full name, the id to reply to).
    const findEmail = ev(this.email.search_emails({ query: "Q4 budget" }))
      .oracle()
      .dependsOn(accept, { delaySeconds: 2 });
    const add = ev(
      this.calendar.add_calendar_event({
        title: "Q4 budget review with Priya",
        start_datetime: "2025-11-20 14:00:00",
        end_datetime: "2025-11-20 15:00:00",
        location: "Meeting room Aurora",
        attendees: ["Priya Raman"],
      }),
    )
      .oracle()
      .dependsOn(findEmail, { delaySeconds: 2 });
    const reply = ev(
      this.email.reply_to_email({
        email_id: "email-budget-meeting",
        content: "Hi Priya, Thursday 14:00-15:00 in Aurora works. I've added it to my calendar. John",
      }),
    )
      .oracle()
      .dependsOn(add, { delaySeconds: 2 });
    this.events = [request, checkCalendar, propose, accept, findEmail, add, reply];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const added = agentCalls(log, { className: "StatefulCalendarApp", function: "add_calendar_event" }).some(
      (e) =>
        argText(e, "start_datetime").startsWith("2025-11-20 14:00") &&
        mentionsAny(argText(e, "title") + argText(e, "description"), "budget", "Priya"),
    );
    const replied = agentCalls(log, { className: "StatefulEmailApp", function: "reply_to_email" }).some(
      (e) => argText(e, "email_id") === "email-budget-meeting",
    );
    return new Checklist()
      .require(
        "a proposal about Priya's meeting",
        proposals(log).some(
          (e) => mentionsAll(argText(e, "content"), "Priya") || mentionsAll(argText(e, "content"), "budget"),
        ),
      )
      .require("a calendar event on Nov 20 at 14:00 for the budget review", added)
      .require("a reply to Priya's email", replied)
      .verdict();
  }
}
