import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import { StatefulNotesApp } from "../../apps/notes/app.js";
import { StatefulReminderApp } from "../../apps/reminder/app.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { linesWith, noteAtEnd, notesAtEnd, notesMentioning } from "../notes-verdicts.js";
import { PAREScenario } from "../pare-scenario.js";
import { argText, Checklist, mentionsAny, proposals } from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;

const TRIP =
  "Lisbon, Fri 5 Dec - Mon 8 Dec\n" +
  "Flights: TP 1351 out Fri 07:10, TP 1356 back Mon 19:45\n" +
  "Hotel: Casa do Largo, Alfama (booking 88-QX-204)\n" +
  "Tram 28 early in the morning, before the queues";
const IDEAS =
  "Hotel: Casa do Largo, Alfama - booked!\n" +
  "Custard tarts at Manteigaria, Rua do Loreto\n" +
  "Fado night: Tasca do Chico, book a table\n" +
  "Tram 28 early in the morning\n" +
  "Day trip to Sintra (train from Rossio)";
const MARATHON = "Lisbon half marathon, March 2023: 1:52:40. Splits: 5k 25:10, 10k 51:02, 15k 1:17:55.";

/**
 * No environment event: a reminder falls due at +15 s ("Sort out the Lisbon notes: one list, not two").
 * John has two overlapping notes for next month's trip: "Lisbon trip" (Personal: dates, flights, hotel,
 * Tram 28) and "Lisbon - ideas" (Inbox: the hotel again, Tram 28 again, custard tarts, fado, Sintra).
 * Distractors: an old Lisbon half-marathon note and a Porto trip note from last year. Ideal help: offer to
 * merge the ideas into "Lisbon trip" without repeating the hotel and Tram 28 lines, and delete the ideas
 * note; the marathon and Porto notes stay as they are.
 */
@registerScenario("lisbon_notes_merge")
export class LisbonNotesMerge extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["gap-detection"];
  override theme = "note-cleanup";
  override description =
    "A due reminder asks to sort out two overlapping Lisbon trip notes; merge them into one without repeats.";
  override additionalSystemPrompt =
    "You are John Doe, going to Lisbon on 5 December. You want one trip note, 'Lisbon trip' in Personal, with " +
    "everything in it once; leave unrelated notes (old races, past trips) alone.";

  private notes!: StatefulNotesApp;
  private reminders!: StatefulReminderApp;
  private aui!: PAREAgentUserInterface;
  private trip = "";
  private ideas = "";
  private others: string[] = [];

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.notes = new StatefulNotesApp();
    this.reminders = new StatefulReminderApp();
    this.trip = this.notes.create_note_with_time({
      folder: "Personal",
      title: "Lisbon trip",
      content: TRIP,
      created_at: "2025-10-02 21:00:00",
      updated_at: "2025-10-20 22:10:00",
    });
    this.ideas = this.notes.create_note_with_time({
      folder: "Inbox",
      title: "Lisbon - ideas",
      content: IDEAS,
      created_at: "2025-11-09 13:30:00",
      updated_at: "2025-11-15 08:45:00",
    });
    this.others = [
      this.notes.create_note_with_time({
        folder: "Personal",
        title: "Lisbon half marathon 2023",
        content: MARATHON,
        created_at: "2023-03-19 14:00:00",
      }),
      this.notes.create_note_with_time({
        folder: "Personal",
        title: "Porto trip 2024",
        content: "Hotel: Pestana Vintage. Port cellars in Gaia, Livraria Lello (buy tickets online).",
        created_at: "2024-04-02 19:00:00",
      }),
      this.notes.create_note_with_time({
        folder: "Inbox",
        title: "Groceries",
        content: "oat milk, lemons, rye bread",
        created_at: "2025-11-17 18:00:00",
      }),
    ];
    this.reminders.add_reminder({
      title: "Sort out the Lisbon notes",
      due_datetime: "2025-11-18 09:00:15",
      description: "One list for the trip, not two half-copies.",
    });
    this.reminders.add_reminder({ title: "Renew bike insurance", due_datetime: "2025-11-25 10:00:00" });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.notes, this.reminders];
  }

  protected buildEventsFlow(): void {
    const look = ev(this.notes.search_notes({ query: "Lisbon" }))
      .oracle()
      .delayed(20);
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "You have two Lisbon notes: 'Lisbon trip' (flights, hotel, Tram 28) and 'Lisbon - ideas' (the hotel " +
          "and Tram 28 again, plus Manteigaria tarts, fado at Tasca do Chico and a Sintra day trip). Shall I " +
          "add the new ideas to 'Lisbon trip', without repeating the hotel or Tram 28, and delete 'Lisbon - ideas'?",
      }),
    )
      .oracle()
      .dependsOn(look, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes, one note please." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const find = ev(this.notes.search_notes({ query: "Lisbon" }))
      .oracle()
      .dependsOn(accept, { delaySeconds: 1 });
    const merge = ev(
      this.notes.update_note({
        note_id: this.trip,
        content:
          `${TRIP}\nCustard tarts at Manteigaria, Rua do Loreto\nFado night: Tasca do Chico, book a table\n` +
          "Day trip to Sintra (train from Rossio)",
      }),
    )
      .oracle()
      .dependsOn(find, { delaySeconds: 1 });
    const drop = ev(this.notes.delete_note({ note_id: this.ideas }))
      .oracle()
      .dependsOn(merge, { delaySeconds: 1 });
    this.events = [look, propose, accept, find, merge, drop];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    // Whichever note holds the merged list (the old one edited, or a new one), it is the only one left.
    const holders = notesMentioning(env, "Manteigaria").concat(
      notesMentioning(env, "TP 1351").filter((n) => !n.content.includes("Manteigaria")),
    );
    const merged = holders.length === 1 ? holders[0] : undefined;
    const text = merged?.content ?? "";
    const complete = [
      "TP 1351",
      "TP 1356",
      "Casa do Largo",
      "88-QX-204",
      "Tram 28",
      "Tasca do Chico",
      "Sintra",
    ];
    const once = ["Casa do Largo", "Tram 28"].every((m) => linesWith(text, m).length === 1);
    const othersKept = this.others.every((id) => noteAtEnd(env, id) !== undefined);
    return new Checklist()
      .require(
        "a proposal to merge the two Lisbon notes",
        proposals(log).some(
          (e) =>
            mentionsAny(argText(e, "content"), "Lisbon") &&
            mentionsAny(argText(e, "content"), "merge", "combine", "one note", "delete"),
        ),
      )
      .require(
        "one Lisbon trip note left with the flights, hotel, booking, tarts, fado and Sintra",
        !!merged && complete.every((m) => text.includes(m)) && text.includes("Manteigaria"),
      )
      .require("the hotel and Tram 28 each on one line only", !!merged && once)
      .require("the merged note is in Personal", merged?.folder === "Personal")
      .require("the marathon, Porto and grocery notes kept", othersKept)
      .require("no other note written", notesAtEnd(env).length === this.others.length + 1)
      .verdict();
  }
}
