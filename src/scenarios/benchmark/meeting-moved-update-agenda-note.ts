import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulCalendarApp } from "../../apps/calendar/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import { StatefulNotesApp } from "../../apps/notes/app.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { PAREScenario } from "../pare-scenario.js";
import { agentCalls, argText, Checklist, mentionsAll, mentionsAny, proposals } from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;

const AGENDA_ITEMS = "1. Q4 recap (Farid)\n2. Q1 priorities\n3. Hiring plan for the mobile team\n4. AOB";

/**
 * Ingrid, the organiser, moves the quarterly roadmap review from Thursday Nov 20 15:00 to Monday Nov 24
 * 10:00 (she deletes the event and adds it again). John's agenda note still says Thursday. Ideal help: offer
 * to update the note, then change its date line to the new slot, keeping the agenda items.
 */
@registerScenario("meeting_moved_update_agenda_note")
export class MeetingMovedUpdateAgendaNote extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["information-extraction"];
  override theme = "scheduling";
  override description = "The organiser moves a meeting to a new date; update the agenda note's date line.";

  private calendar!: StatefulCalendarApp;
  private notes!: StatefulNotesApp;
  private aui!: PAREAgentUserInterface;
  private reviewEventId = "";
  private agendaNoteId = "";

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.calendar = new StatefulCalendarApp();
    this.notes = new StatefulNotesApp();
    this.reviewEventId = this.calendar.add_calendar_event({
      title: "Quarterly roadmap review",
      start_datetime: "2025-11-20 15:00:00",
      end_datetime: "2025-11-20 16:00:00",
      location: "Room Fjord",
      attendees: ["Ingrid Solberg", "Farid Haddad", "Lena Vogt"],
    });
    this.calendar.add_calendar_event({
      title: "Design sync",
      start_datetime: "2025-11-24 14:00:00",
      end_datetime: "2025-11-24 14:30:00",
      attendees: ["Lena Vogt"],
    });
    this.agendaNoteId = this.notes.create_note_with_time({
      folder: "Work",
      title: "Agenda - Quarterly roadmap review",
      content: `Date: Thursday Nov 20, 15:00-16:00\nRoom: Fjord\n\n${AGENDA_ITEMS}`,
      created_at: "2025-11-13 11:00:00",
      updated_at: "2025-11-17 09:40:00",
    });
    this.notes.create_note_with_time({
      folder: "Work",
      title: "Agenda - Design sync",
      content: "Date: Monday Nov 24, 14:00\n1. Onboarding flow\n2. Icon set",
      created_at: "2025-11-14 15:00:00",
    });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.calendar, this.notes];
  }

  protected buildEventsFlow(): void {
    const cancelled = ev(
      this.calendar.delete_calendar_event_by_attendee({
        event_id: this.reviewEventId,
        who_delete: "Ingrid Solberg",
      }),
    ).delayed(8);
    const moved = ev(
      this.calendar.add_calendar_event_by_attendee({
        who_add: "Ingrid Solberg",
        title: "Quarterly roadmap review",
        start_datetime: "2025-11-24 10:00:00",
        end_datetime: "2025-11-24 11:00:00",
        location: "Room Fjord",
        description: "Moved from Thursday: it clashed with the board call.",
        attendees: ["Farid Haddad", "Lena Vogt"],
      }),
    ).dependsOn(cancelled, { delaySeconds: 4 });
    const find = ev(this.notes.search_notes({ query: "roadmap" }))
      .oracle()
      .dependsOn(moved, { delaySeconds: 3 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "Ingrid moved the quarterly roadmap review to Monday Nov 24, 10:00-11:00. Your agenda note still says Thursday Nov 20. " +
          "Shall I update its date line?",
      }),
    )
      .oracle()
      .dependsOn(find, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes, update it." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const update = ev(
      this.notes.update_note({
        note_id: this.agendaNoteId,
        content: `Date: Monday Nov 24, 10:00-11:00\nRoom: Fjord\n\n${AGENDA_ITEMS}`,
      }),
    )
      .oracle()
      .dependsOn(accept, { delaySeconds: 2 });
    this.events = [cancelled, moved, find, propose, accept, update];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const dateLineOk = (content: string) =>
      content
        .split("\n")
        .filter((line) => /^\W*date\b/i.test(line))
        .some((line) => /(^|\D)24(?!\d)/.test(line) && line.includes("10:00"));
    const updated = agentCalls(log, { className: "StatefulNotesApp", function: "update_note" }).some((e) => {
      const content = argText(e, "content");
      return (
        argText(e, "note_id") === this.agendaNoteId &&
        dateLineOk(content) &&
        mentionsAll(content, "Q4 recap", "Q1 priorities", "Hiring plan")
      );
    });
    return new Checklist()
      .require(
        "a proposal about the moved roadmap review",
        proposals(log).some((e) => mentionsAny(argText(e, "content"), "roadmap", "agenda")),
      )
      .require("the agenda note's date line set to Mon Nov 24 10:00, agenda items kept", updated)
      .verdict();
  }
}
