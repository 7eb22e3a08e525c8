import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulEmailApp } from "../../apps/email/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import { StatefulNotesApp } from "../../apps/notes/app.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { PAREScenario } from "../pare-scenario.js";
import { agentCalls, argText, Checklist, mentionsAll, mentionsAny, proposals } from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;

const OSKAR = "oskar.brandt@lumenlabs.example";
const MONDAY_NOTES =
  "Planning meeting - Monday Nov 17\nAttendees: John, Lena, Farid, Oskar (absent)\n\n" +
  "Decisions:\n- Beta launch moves to December 8\n- Analytics vendor: Fjordline (contract under 30k)\n" +
  "- Freeze new feature requests from Dec 1\n\nAction items:\n- Lena: draft the release checklist by Friday\n" +
  "- Farid: load test the sync service\n- John: confirm the Fjordline contract with legal";

/**
 * Oskar missed Monday's planning meeting and emails asking for the notes. Notes holds this Monday's notes
 * and, as a distractor, the previous week's planning notes. Ideal help: offer to send Monday's notes, then
 * answer Oskar with their content.
 */
@registerScenario("meeting_notes_share")
export class MeetingNotesShare extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["follow-up"];
  override theme = "capture";
  override description =
    "A colleague emails asking for Monday's planning notes; send him the note's content.";

  private email!: StatefulEmailApp;
  private notes!: StatefulNotesApp;
  private aui!: PAREAgentUserInterface;
  private mondayNoteId = "";

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.email = new StatefulEmailApp();
    this.notes = new StatefulNotesApp();
    this.mondayNoteId = this.notes.create_note_with_time({
      folder: "Work",
      title: "Planning meeting - Nov 17",
      content: MONDAY_NOTES,
      created_at: "2025-11-17 10:05:00",
      updated_at: "2025-11-17 11:02:00",
    });
    this.notes.create_note_with_time({
      folder: "Work",
      title: "Planning meeting - Nov 10",
      content:
        "Planning meeting - Monday Nov 10\nDecisions:\n- Beta target stays November 24\n" +
        "- Vendor shortlist: Fjordline, Corvid Data\nAction items:\n- Oskar: collect vendor quotes",
      created_at: "2025-11-10 10:00:00",
      updated_at: "2025-11-10 10:58:00",
    });
    this.notes.create_note_with_time({
      folder: "Personal",
      title: "Bike service",
      content: "Chain and brake pads, ask about tubeless tyres",
      created_at: "2025-11-15 16:20:00",
    });
    this.email.create_and_add_email_with_time({
      sender: "lena.vogt@lumenlabs.example",
      subject: "Release checklist draft",
      content: "Hi John, I'll share the draft checklist on Thursday. Lena",
      email_time: "2025-11-17 16:45:00",
    });
    this.email.create_and_add_email_with_time({
      sender: "billing@streamly.example",
      subject: "Your receipt",
      content: "Thanks for your payment of $11.99.",
      email_time: "2025-11-18 06:10:00",
    });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.email, this.notes];
  }

  protected buildEventsFlow(): void {
    const request = ev(
      this.email.send_email_to_user_with_id({
        email_id: "email-oskar-notes",
        sender: OSKAR,
        subject: "Notes from Monday's planning?",
        content:
          "Hi John,\n\nI was at the client site all Monday and missed the planning meeting. " +
          "Could you send me your notes from it? I'd like to know what was decided before I talk to the vendor.\n\nThanks!\nOskar",
      }),
    ).delayed(9);
    const find = ev(this.notes.search_notes({ query: "planning" }))
      .oracle()
      .dependsOn(request, { delaySeconds: 3 });
    const read = ev(this.notes.get_note_by_id({ note_id: this.mondayNoteId }))
      .oracle()
      .dependsOn(find, { delaySeconds: 2 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "Oskar asked for the notes of Monday's planning meeting (Nov 17). Shall I reply with your notes?",
      }),
    )
      .oracle()
      .dependsOn(read, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes, send them." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    // The executor starts fresh: it finds the email again before answering it.
    const findEmail = ev(this.email.search_emails({ query: "planning" }))
      .oracle()
      .dependsOn(accept, { delaySeconds: 2 });
    const reply = ev(
      this.email.reply_to_email({
        email_id: "email-oskar-notes",
        content: `Hi Oskar,\n\nHere are my notes from Monday:\n\n${MONDAY_NOTES}\n\nJohn`,
      }),
    )
      .oracle()
      .dependsOn(findEmail, { delaySeconds: 2 });
    this.events = [request, find, read, propose, accept, findEmail, reply];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    // Monday's notes, not the week before: the launch date, the chosen vendor and a Monday action item.
    const hasMondayContent = (text: string) =>
      mentionsAll(text, "Fjordline", "Lena") &&
      mentionsAny(text, "December 8", "Dec 8", "8 December", "Dec. 8", "12/8", "2025-12-08");
    const replied = agentCalls(log, { className: "StatefulEmailApp", function: "reply_to_email" }).some(
      (e) => argText(e, "email_id") === "email-oskar-notes" && hasMondayContent(argText(e, "content")),
    );
    const sent = agentCalls(log, { className: "StatefulEmailApp", function: "send_email" }).some(
      (e) =>
        argText(e, "recipients").toLowerCase().includes(OSKAR) && hasMondayContent(argText(e, "content")),
    );
    return new Checklist()
      .require(
        "a proposal about sending Oskar the planning notes",
        proposals(log).some((e) => mentionsAny(argText(e, "content"), "Oskar", "planning")),
      )
      .require(
        "an email to Oskar with Monday's notes (Dec 8 launch, Fjordline, Lena's action)",
        replied || sent,
      )
      .verdict();
  }
}
