import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulCalendarApp } from "../../apps/calendar/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import { StatefulNotesApp } from "../../apps/notes/app.js";
import { StatefulReminderApp } from "../../apps/reminder/app.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { noteAtEnd, notesAtEnd } from "../notes-verdicts.js";
import { PAREScenario } from "../pare-scenario.js";
import { argText, assistantWrites, Checklist, mentionsAny, proposals } from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;

/** Inbox notes: [title, content, created, stale?]. */
const INBOX: [string, string, string, boolean][] = [
  ["Arena parking", "Halden Arena, level C, bay 112 - concert Sat 8 Nov", "2025-11-08 18:40:00", true],
  [
    "Hotel wifi",
    "Hafenblick hotel, stay 3-6 Nov: network HB-guest, password 7731-blue",
    "2025-11-03 16:00:00",
    true,
  ],
  [
    "Groceries 14 Nov",
    "[x] eggs\n[x] spinach\n[x] coffee beans\n[x] dish soap\nAll bought.",
    "2025-11-14 08:00:00",
    true,
  ],
  ["Dry cleaning", "Ticket 5531 for the grey coat. Collected Wed 12 Nov.", "2025-11-05 09:10:00", true],
  [
    "Tom's leaving do",
    "Mon 17 Nov: card signed by the team, bottle of Rioja. Done, he loved it.",
    "2025-11-10 12:00:00",
    true,
  ],
  [
    "Theatre Sat 22 Nov",
    "Seats F11-F12, collect tickets at the box office from 18:30 (ref TK-40917).",
    "2025-11-11 20:00:00",
    false,
  ],
  [
    "Boiler",
    "Serviced 2 Oct. Next service due Oct 2026. Engineer: Dave Hollis, +15550199.",
    "2025-10-02 11:00:00",
    false,
  ],
  [
    "Mum's birthday 3 Dec",
    "Ideas: silk scarf, the Ottolenghi book, tickets for the ballet.",
    "2025-11-12 21:30:00",
    false,
  ],
  ["Bike lock", "Combination 0-4-7-2. Spare key in the blue drawer.", "2025-06-01 10:00:00", false],
];

/**
 * No environment event: a reminder falls due at +15 s ("Clear out the Inbox notes: delete whatever is over
 * and done with"). Of nine Inbox notes, five are over: parking for the 8 Nov concert, a hotel wifi password
 * for a stay that ended 6 Nov, a shopping list with every item ticked, a dry-cleaning ticket collected on 12
 * Nov, and the leaving gift given yesterday. Four are not: theatre tickets for Saturday (near miss: a future
 * event), the boiler service record, Mum's birthday ideas, the bike lock code. The calendar confirms which
 * events are past. Ideal help: list the five to delete and the four to keep; on acceptance delete the five.
 */
@registerScenario("stale_inbox_notes_cleanup")
export class StaleInboxNotesCleanup extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["gap-detection"];
  override theme = "note-cleanup";
  override description =
    "A due reminder asks to clear out the Inbox notes; delete the five that are over, keep the four still useful.";
  override additionalSystemPrompt =
    "You are John Doe. When you clear out notes, delete only what is over and done with (past events, finished " +
    "lists, codes you no longer need); keep records and anything still to come. Only the Inbox folder.";

  private notes!: StatefulNotesApp;
  private reminders!: StatefulReminderApp;
  private calendar!: StatefulCalendarApp;
  private aui!: PAREAgentUserInterface;
  private stale: string[] = [];
  private keep: string[] = [];
  private elsewhere: string[] = [];

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.notes = new StatefulNotesApp();
    this.reminders = new StatefulReminderApp();
    this.calendar = new StatefulCalendarApp();
    for (const [title, content, created, stale] of INBOX) {
      const id = this.notes.create_note_with_time({ folder: "Inbox", title, content, created_at: created });
      (stale ? this.stale : this.keep).push(id);
    }
    this.elsewhere = [
      this.notes.create_note_with_time({
        folder: "Personal",
        title: "Concert setlist 8 Nov",
        content: "They opened with 'Northern Lines' and closed with 'Harbour Song'.",
        created_at: "2025-11-08 23:30:00",
      }),
      this.notes.create_note_with_time({
        folder: "Work",
        title: "Q4 review prep",
        content: "Numbers from finance by 21 Nov.",
        created_at: "2025-11-13 10:00:00",
      }),
    ];
    const event = (title: string, start: string, end: string, location?: string) =>
      this.calendar.add_calendar_event({ title, start_datetime: start, end_datetime: end, location });
    event("Concert: The Quayside Band", "2025-11-08 19:30:00", "2025-11-08 22:30:00", "Halden Arena");
    event("Hafenblick hotel stay", "2025-11-03 15:00:00", "2025-11-06 11:00:00");
    event("Tom's leaving drinks", "2025-11-17 17:30:00", "2025-11-17 20:00:00", "The Anchor");
    event("Theatre: The Long Winter", "2025-11-22 19:00:00", "2025-11-22 22:00:00", "Royal Lyceum");
    this.reminders.add_reminder({
      title: "Clear out the Inbox notes",
      due_datetime: "2025-11-18 09:00:15",
      description: "Delete whatever is over and done with.",
    });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.notes, this.reminders, this.calendar];
  }

  protected buildEventsFlow(): void {
    const list = ev(this.notes.list_notes({ folder: "Inbox", offset: 0, limit: 10 }))
      .oracle()
      .delayed(20);
    const past = ev(
      this.calendar.get_calendar_events_from_to({
        start_datetime: "2025-11-01 00:00:00",
        end_datetime: "2025-11-30 00:00:00",
      }),
    )
      .oracle()
      .dependsOn(list, { delaySeconds: 1 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "Inbox clean-up: five notes are over and done with: Arena parking (concert 8 Nov), Hotel wifi (stay " +
          "ended 6 Nov), Groceries 14 Nov (all bought), Dry cleaning (collected 12 Nov) and Tom's leaving do " +
          "(yesterday). I'd keep Theatre Sat 22 Nov, Boiler, Mum's birthday 3 Dec and Bike lock. Shall I " +
          "delete the five?",
      }),
    )
      .oracle()
      .dependsOn(past, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes, delete those five." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const relist = ev(this.notes.list_notes({ folder: "Inbox", offset: 0, limit: 10 }))
      .oracle()
      .dependsOn(accept, { delaySeconds: 1 });
    const deletions: Event[] = [];
    let previous = relist;
    for (const id of this.stale) {
      previous = ev(this.notes.delete_note({ note_id: id }))
        .oracle()
        .dependsOn(previous, { delaySeconds: 1 });
      deletions.push(previous);
    }
    this.events = [list, past, propose, accept, relist, ...deletions];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const left = new Set(notesAtEnd(env).map((n) => n.note_id));
    const keptIntact = this.keep.every((id) => {
      const note = noteAtEnd(env, id);
      const seed = INBOX.find(([title]) => title === note?.title);
      return note?.folder === "Inbox" && seed !== undefined && note.content === seed[1];
    });
    const wrongDeletes = assistantWrites(log, { className: "StatefulNotesApp" }).filter(
      (e) => e.action?.function !== "delete_note" || !this.stale.includes(argText(e, "note_id")),
    );
    return new Checklist()
      .require(
        "a proposal naming the notes to delete",
        proposals(log).some((e) => mentionsAny(argText(e, "content"), "parking", "wifi", "dry cleaning")),
      )
      .require(
        "the five finished notes deleted",
        this.stale.every((id) => !left.has(id)),
      )
      .require("theatre, boiler, birthday and bike-lock notes kept as they were", keptIntact)
      .require(
        "the Personal and Work notes untouched",
        this.elsewhere.every((id) => left.has(id)),
      )
      .require("no other note changed or created", wrongDeletes.length === 0)
      .verdict();
  }
}
