import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulCalendarApp } from "../../apps/calendar/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import { StatefulMessagingApp } from "../../apps/messaging/app.js";
import { StatefulReminderApp } from "../../apps/reminder/app.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { PAREScenario } from "../pare-scenario.js";
import { reminderWritesOutside } from "../reschedule-verdicts.js";
import {
  agentCalls,
  argText,
  assistantWrites,
  Checklist,
  mentionsAny,
  proposals,
  timeBetween,
} from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;

const PHARMACY = "+15550661";

/**
 * A reminder placed by the calendar. Elm Street Pharmacy texts (+6 s) that John's repeat prescription can be
 * collected from Wednesday 19 Nov, Monday-Friday until 18:30. John collects on his way home after 17:00;
 * Wednesday evening he has a late client call (17:00-18:30), Thursday evening is free. Ideal help: offer a
 * reminder on Thursday 20 Nov around 17:15 to collect it before 18:30; on acceptance add exactly that.
 */
@registerScenario("prescription_ready_collect_reminder")
export class PrescriptionReadyCollectReminder extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["timing-sensitive"];
  override theme = "scheduling";
  override description =
    "The pharmacy texts that the prescription is ready from Wednesday; Wednesday evening is taken, so remind the user on Thursday after work.";
  override additionalSystemPrompt =
    "You are John Doe. You pick things up on the way home from the office, after 17:00 on a weekday.";

  private calendar!: StatefulCalendarApp;
  private messaging!: StatefulMessagingApp;
  private reminders!: StatefulReminderApp;
  private aui!: PAREAgentUserInterface;

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.calendar = new StatefulCalendarApp();
    this.messaging = new StatefulMessagingApp();
    this.reminders = new StatefulReminderApp();
    this.calendar.add_calendar_events({
      events: [
        {
          title: "Late client call (Sydney office)",
          start_datetime: "2025-11-19 17:00:00",
          end_datetime: "2025-11-19 18:30:00",
        },
        { title: "Climbing", start_datetime: "2025-11-21 18:00:00", end_datetime: "2025-11-21 20:00:00" },
        {
          title: "Team offsite",
          start_datetime: "2025-11-20 09:00:00",
          end_datetime: "2025-11-20 16:30:00",
          location: "Riverside office",
        },
      ],
    });
    this.messaging.add_contacts({ contacts: [{ name: "Elm Street Pharmacy", phone: PHARMACY }] });
    this.messaging.add_conversation({
      conversation_id: "conv-pharmacy",
      participants: [PHARMACY],
      messages: [
        {
          sender: PHARMACY,
          content: "Your flu jab appointment is confirmed for 2 December at 09:15.",
          time: "2025-11-10 12:00:00",
        },
      ],
    });
    this.reminders.create_reminder_with_time({
      title: "Flu jab at Elm Street Pharmacy",
      due_datetime: "2025-12-02 08:45:00",
    });
    this.reminders.create_reminder_with_time({ title: "Call Mum", due_datetime: "2025-11-19 19:30:00" });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.messaging, this.calendar, this.reminders];
  }

  protected buildEventsFlow(): void {
    const ready = ev(
      this.messaging.create_and_add_message({
        conversation_id: "conv-pharmacy",
        sender_id: PHARMACY,
        content:
          "Elm Street Pharmacy: your repeat prescription will be ready to collect from Wednesday 19 Nov. We're " +
          "open Mon-Fri 08:30-18:30 and hold prescriptions for 10 days.",
      }),
    )
      .withId("prescription_ready")
      .delayed(6);
    const evenings = ev(
      this.calendar.get_calendar_events_from_to({
        start_datetime: "2025-11-19 00:00:00",
        end_datetime: "2025-11-22 00:00:00",
      }),
    )
      .oracle()
      .dependsOn(ready, { delaySeconds: 3 });
    const list = ev(this.reminders.get_all_reminders()).oracle().dependsOn(evenings, { delaySeconds: 1 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "Your repeat prescription is ready at Elm Street Pharmacy from Wednesday (open until 18:30). Wednesday " +
          "evening you have the late client call, so shall I set a reminder for Thursday 20 Nov at 17:15 to " +
          "collect it on your way home?",
      }),
    )
      .oracle()
      .dependsOn(list, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes, Thursday." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const add = ev(
      this.reminders.add_reminder({
        title: "Collect prescription at Elm Street Pharmacy",
        due_datetime: "2025-11-20 17:15:00",
        description: "Repeat prescription; the pharmacy closes at 18:30.",
      }),
    )
      .oracle()
      .dependsOn(accept, { delaySeconds: 2 });
    this.events = [ready, evenings, list, propose, accept, add];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const adds = agentCalls(log, { className: "StatefulReminderApp", function: "add_reminder" });
    const good = adds.filter(
      (e) =>
        mentionsAny(`${argText(e, "title")} ${argText(e, "description")}`, "prescription", "pharmacy") &&
        timeBetween(argText(e, "due_datetime"), "2025-11-20 16:30:00", "2025-11-20 18:00:00"),
    );
    return new Checklist()
      .require(
        "a proposal about collecting the prescription",
        proposals(log).some((e) => mentionsAny(argText(e, "content"), "prescription", "pharmacy")),
      )
      .require("a collection reminder on Thursday 20 Nov between 16:30 and 18:00", good.length > 0)
      .require("only that one reminder added", adds.length === 1)
      .require(
        "nothing else changed (no Wednesday reminder, no message, no event)",
        reminderWritesOutside(log, [], { allowAdds: true }).length === 0 &&
          assistantWrites(log).every((e) => e.action?.className === "StatefulReminderApp"),
      )
      .verdict();
  }
}
