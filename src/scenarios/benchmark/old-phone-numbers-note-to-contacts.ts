import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulContactsApp } from "../../apps/contacts/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import { StatefulNotesApp } from "../../apps/notes/app.js";
import { StatefulReminderApp } from "../../apps/reminder/app.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { noteAtEnd } from "../notes-verdicts.js";
import { PAREScenario } from "../pare-scenario.js";
import { argText, assistantWrites, Checklist, mentionsAny, proposals } from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;

const FENWICK = "contact-fenwick-motors";
const HADDAD = "contact-samir-haddad";
/** [first, last, phone, job] of the numbers missing from Contacts. */
const MISSING: [string, string, string, string][] = [
  ["Carla", "Reyes", "+15551201", "Swim coach"],
  ["Ilse", "Brandt", "+15551203", "Piano teacher"],
  ["Tomasz", "Wolski", "+15551205", "Window cleaner"],
];
const OLD_PHONE =
  "Numbers from the old phone (copy into Contacts!)\n" +
  "Carla Reyes, swim coach: +15551201\n" +
  "Samir Haddad, landlord: +15551202\n" +
  "Ilse Brandt, piano teacher: +15551203\n" +
  "Fenwick Motors (garage), new number since October: +15551214\n" +
  "Tomasz Wolski, window cleaner: +15551205";

/**
 * No environment event: a reminder falls due at +15 s ("Copy the old phone's numbers into Contacts"). The note
 * lists five numbers: Samir Haddad is already in Contacts with the same number; Fenwick Motors is there with
 * its old number (the note says the garage changed number in October); Carla Reyes, Ilse Brandt and Tomasz
 * Wolski are missing. Distractors: Carla Ruiz (another Carla), an unrelated "Numbers for the quiz" note.
 * Ideal help: offer to add the three, update Fenwick's number and then delete the temporary note; on
 * acceptance do exactly that, leaving Samir's card and everyone else alone.
 */
@registerScenario("old_phone_numbers_note_to_contacts")
export class OldPhoneNumbersNoteToContacts extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["gap-detection"];
  override theme = "note-cleanup";
  override description =
    "A due reminder: copy the old phone's numbers from a note into Contacts (three new, one changed), then delete the note.";
  override additionalSystemPrompt =
    "You are John Doe. Numbers belong in Contacts, one card per person or business; once they are there, the " +
    "temporary note can go.";

  private contacts!: StatefulContactsApp;
  private notes!: StatefulNotesApp;
  private reminders!: StatefulReminderApp;
  private aui!: PAREAgentUserInterface;
  private oldPhone = "";
  private quiz = "";

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.contacts = new StatefulContactsApp();
    this.notes = new StatefulNotesApp();
    this.reminders = new StatefulReminderApp();
    this.oldPhone = this.notes.create_note_with_time({
      folder: "Inbox",
      title: "Numbers from the old phone",
      content: OLD_PHONE,
      created_at: "2025-11-02 20:00:00",
    });
    this.quiz = this.notes.create_note_with_time({
      folder: "Personal",
      title: "Numbers for the quiz",
      content: "Pi to 10 places: 3.1415926535. Speed of light: 299,792 km/s.",
      created_at: "2025-10-20 19:00:00",
    });
    this.contacts.add_contacts({
      contacts: [
        { contact_id: HADDAD, first_name: "Samir", last_name: "Haddad", phone: "+15551202", job: "Landlord" },
        {
          contact_id: FENWICK,
          first_name: "Fenwick",
          last_name: "Motors",
          phone: "+15551204",
          job: "Garage",
        },
        { first_name: "Carla", last_name: "Ruiz", phone: "+15551290", description: "Yoga" },
        { first_name: "Gwen", last_name: "Doe", phone: "+15550230", description: "Sister" },
      ],
    });
    this.reminders.add_reminder({
      title: "Copy the old phone's numbers into Contacts",
      due_datetime: "2025-11-18 09:00:15",
      description: "They're in a note in the Inbox.",
    });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.contacts, this.notes, this.reminders];
  }

  protected buildEventsFlow(): void {
    const note = ev(this.notes.search_notes({ query: "old phone" }))
      .oracle()
      .delayed(20);
    const cards = ev(this.contacts.get_contacts({ offset: 0 }))
      .oracle()
      .dependsOn(note, { delaySeconds: 1 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "From your old-phone note: Samir Haddad is already in Contacts; Fenwick Motors has the old number " +
          "(the note has the new one, +15551214); Carla Reyes, Ilse Brandt and Tomasz Wolski are missing. Shall I " +
          "add those three, update Fenwick's number, and then delete the note?",
      }),
    )
      .oracle()
      .dependsOn(cards, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes please." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const steps: Event[] = [accept];
    const then = (e: unknown) => {
      steps.push(
        ev(e)
          .oracle()
          .dependsOn(steps[steps.length - 1] as Event, { delaySeconds: 1 }),
      );
    };
    for (const [first_name, last_name, phone, job] of MISSING)
      then(this.contacts.add_new_contact({ first_name, last_name, phone, job }));
    then(this.contacts.search_contacts({ query: "Fenwick" }));
    then(this.contacts.edit_contact({ contact_id: FENWICK, updates: { phone: "+15551214" } }));
    then(this.notes.search_notes({ query: "old phone" }));
    then(this.notes.delete_note({ note_id: this.oldPhone }));
    this.events = [note, cards, propose, ...steps];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const all = [...(env.getAppByClass(StatefulContactsApp)?.contacts.values() ?? [])];
    const digits = (s: string | null) => (s ?? "").replace(/\D/g, "");
    const added = MISSING.every(
      ([first, last, phone]) =>
        all.filter((c) => c.first_name === first && c.last_name === last && digits(c.phone) === digits(phone))
          .length === 1,
    );
    const fenwick = all.filter((c) => mentionsAny(`${c.first_name} ${c.last_name}`, "Fenwick"));
    const bystanders = assistantWrites(log, { className: "StatefulContactsApp" }).filter(
      (e) => e.action?.function !== "add_new_contact" && argText(e, "contact_id") !== FENWICK,
    );
    return new Checklist()
      .require(
        "a proposal to copy the numbers into Contacts",
        proposals(log).some((e) => mentionsAny(argText(e, "content"), "Carla", "Ilse", "Tomasz")),
      )
      .require("Carla Reyes, Ilse Brandt and Tomasz Wolski each saved once with their numbers", added)
      .require(
        "one Fenwick Motors card, with the new number",
        fenwick.length === 1 && digits(fenwick[0]?.phone ?? null) === "15551214",
      )
      .require(
        "Samir Haddad not duplicated, Carla Ruiz and the rest untouched",
        bystanders.length === 0 && all.length === 8,
      )
      .require("the old-phone note deleted once copied", noteAtEnd(env, this.oldPhone) === undefined)
      .require("the quiz note kept", noteAtEnd(env, this.quiz) !== undefined)
      .verdict();
  }
}
