import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulFilesApp } from "../../apps/files/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import { StatefulNotesApp } from "../../apps/notes/app.js";
import { StatefulReminderApp } from "../../apps/reminder/app.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { linesWith, noteAtEnd } from "../notes-verdicts.js";
import { PAREScenario } from "../pare-scenario.js";
import {
  agentCalls,
  argText,
  assistantWrites,
  Checklist,
  mentionsAll,
  mentionsAny,
  proposals,
  timeBetween,
} from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;

const SCAN = "Scans/council-parking-letter.pdf";
const ADMIN =
  "Household admin\n" +
  "Car insurance: Harbourside Mutual, renews 3 March\n" +
  "Parking permit (zone H4): ?\n" +
  "Council tax: direct debit on the 1st\n" +
  "Boiler service: October";

/**
 * John scans a council letter (+6 s, into Files): the residents' parking permit for zone H4 (car KX19 ABC)
 * expires 30 November; renew online with reference RP-55120 by Sunday 23 November to avoid a gap ($45).
 * His "Household admin" note has a blank parking-permit line. Distractors: last year's permit letter and a
 * dentist invoice in Scans, a grocery note. Ideal help: offer a reminder before the 23rd (he likes them two
 * days ahead, at 19:00) and to fill the note's permit line; on acceptance add the reminder and update the
 * line with the expiry and reference.
 */
@registerScenario("parking_permit_letter_capture")
export class ParkingPermitLetterCapture extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["timing-sensitive"];
  override theme = "capture";
  override description =
    "A scanned council letter says the parking permit must be renewed by the 23rd; add a reminder and fill the admin note.";
  override additionalSystemPrompt =
    "You are John Doe. For deadlines you like a reminder two days ahead at 19:00. Your 'Household admin' note " +
    "should always hold the current expiry dates and reference numbers.";

  private files!: StatefulFilesApp;
  private notes!: StatefulNotesApp;
  private reminders!: StatefulReminderApp;
  private aui!: PAREAgentUserInterface;
  private admin = "";

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.files = new StatefulFilesApp();
    this.notes = new StatefulNotesApp();
    this.reminders = new StatefulReminderApp();
    this.files.add_files({
      files: [
        {
          path: "Scans/council-parking-letter-2024.pdf",
          text: "Your zone H4 permit RP-41877 has been renewed until 30 November 2025. Fee paid: $42.",
          created_at: "2024-11-21 18:00:00",
        },
        {
          path: "Scans/dentist-invoice.pdf",
          text: "Berg Dental: check-up and clean, $85, paid 4 Nov.",
          created_at: "2025-11-04 12:00:00",
        },
      ],
    });
    this.admin = this.notes.create_note_with_time({
      folder: "Personal",
      title: "Household admin",
      content: ADMIN,
      created_at: "2025-01-10 20:00:00",
      updated_at: "2025-10-02 19:00:00",
    });
    this.notes.create_note_with_time({
      folder: "Inbox",
      title: "Groceries",
      content: "coffee, lemons, rice",
      created_at: "2025-11-17 18:00:00",
    });
    this.reminders.add_reminder({ title: "Bins out", due_datetime: "2025-11-18 20:00:00" });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.files, this.notes, this.reminders];
  }

  protected buildEventsFlow(): void {
    const scan = ev(
      this.files.receive_file({
        path: SCAN,
        text:
          "City Council - Parking Services\nResidents' permit, zone H4, vehicle KX19 ABC\n" +
          "Your permit expires on Sunday 30 November 2025.\nRenew online at the council website with " +
          "reference RP-55120. Fee: $45.\nTo avoid a gap in cover, renew by Sunday 23 November.",
        source: "Scanner",
      }),
    )
      .withId("letter_scanned")
      .delayed(6);
    const read = ev(this.files.read_document({ file_path: SCAN }))
      .oracle()
      .dependsOn(scan, { delaySeconds: 3 });
    const note = ev(this.notes.search_notes({ query: "Household admin" }))
      .oracle()
      .dependsOn(read, { delaySeconds: 1 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "The council letter says your zone H4 parking permit expires 30 Nov; renew online with reference " +
          "RP-55120 ($45) by Sun 23 Nov. Shall I add a reminder for Fri 21 Nov at 19:00 and fill in the permit " +
          "line of your 'Household admin' note?",
      }),
    )
      .oracle()
      .dependsOn(note, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes, thanks." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const remind = ev(
      this.reminders.add_reminder({
        title: "Renew the parking permit (zone H4)",
        due_datetime: "2025-11-21 19:00:00",
        description: "Renew online by Sun 23 Nov with reference RP-55120, fee $45. Permit expires 30 Nov.",
      }),
    )
      .oracle()
      .dependsOn(accept, { delaySeconds: 1 });
    const find = ev(this.notes.search_notes({ query: "Household admin" }))
      .oracle()
      .dependsOn(remind, { delaySeconds: 1 });
    const update = ev(
      this.notes.update_note({
        note_id: this.admin,
        content: ADMIN.replace(
          "Parking permit (zone H4): ?",
          "Parking permit (zone H4): expires 30 Nov 2025, renew by 23 Nov, ref RP-55120 ($45)",
        ),
      }),
    )
      .oracle()
      .dependsOn(find, { delaySeconds: 1 });
    this.events = [scan, read, note, propose, accept, remind, find, update];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const reminder = agentCalls(log, { className: "StatefulReminderApp", function: "add_reminder" }).some(
      (e) =>
        mentionsAny(`${argText(e, "title")} ${argText(e, "description")}`, "permit", "parking") &&
        timeBetween(argText(e, "due_datetime"), "2025-11-18 09:00:00", "2025-11-23 12:00:00"),
    );
    const note = noteAtEnd(env, this.admin)?.content ?? "";
    const permit = linesWith(note, "permit").join("\n");
    const rest = ["Harbourside Mutual, renews 3 March", "direct debit on the 1st", "Boiler service: October"];
    const otherNotes = assistantWrites(log, { className: "StatefulNotesApp" }).filter(
      (e) => argText(e, "note_id") !== this.admin,
    );
    return new Checklist()
      .require(
        "a proposal about renewing the permit",
        proposals(log).some((e) => mentionsAny(argText(e, "content"), "permit")),
      )
      .require("a reminder to renew the permit before Sun 23 Nov", reminder)
      .require(
        "the note's permit line has the 30 Nov expiry and RP-55120",
        mentionsAll(permit, "RP-55120", "30"),
      )
      .require("the old 2024 reference not used", !mentionsAny(note, "RP-41877"))
      .require(
        "the rest of the admin note kept",
        rest.every((r) => note.includes(r)),
      )
      .require("no other note written", otherNotes.length === 0)
      .verdict();
  }
}
