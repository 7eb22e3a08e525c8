import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulEmailApp } from "../../apps/email/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import { StatefulNotesApp } from "../../apps/notes/app.js";
import { DEFAULT_FOLDERS } from "../../apps/notes/model.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { noteAtEnd, notesAtEnd } from "../notes-verdicts.js";
import { PAREScenario } from "../pare-scenario.js";
import { argText, assistantWrites, Checklist, mentionsAny, proposals } from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;

/** [folder, title, content, belongs to the project?] */
const NOTES: [string, string, string, boolean][] = [
  [
    "Work",
    "Harbour Square - stakeholders",
    "Council: Mira Chen. Traders' association: Olu Adeyemi. Ferry operator.",
    true,
  ],
  ["Inbox", "Harbour Sq budget draft", "Paving 180k, lighting 65k, seating 40k, contingency 10%.", true],
  ["Inbox", "Ideas: harbour seating and lighting", "Low benches facing the water; warm LED bollards.", true],
  [
    "Work",
    "Site visit 12 Nov - Harbour Square",
    "Drainage by the fish market is poor; ferry queue blocks the east side.",
    true,
  ],
  [
    "Inbox",
    "Harbor Street parking",
    "Dentist on Harbor Street: park in the Lowther multi-storey, level 2.",
    false,
  ],
  [
    "Work",
    "Riverside Plaza - lessons learned",
    "Order the paving early; consult traders before the design freeze.",
    false,
  ],
  ["Work", "Team offsite", "Venue shortlist: Mill House, The Granary.", false],
];

/**
 * Priya, John's manager, emails (+6 s) that the Harbour Square redesign is now a full project led by John.
 * His Harbour Square notes are scattered over Inbox and Work (stakeholders, budget draft, seating ideas, site
 * visit). Near misses: a "Harbor Street parking" note (a dentist visit), lessons from the Riverside Plaza
 * project, an offsite note. Ideal help: offer a project folder; on acceptance create it and move the four
 * Harbour Square notes into it, leaving the rest where they are and deleting nothing.
 */
@registerScenario("harbour_project_notes_folder")
export class HarbourProjectNotesFolder extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["gap-detection"];
  override theme = "note-cleanup";
  override description =
    "A redesign becomes a full project; gather its four scattered notes into a new project folder, near misses left out.";
  override additionalSystemPrompt =
    "You are John Doe, an urban designer. You keep one notes folder per project, named after it, with every " +
    "note of that project in it and nothing else.";

  private email!: StatefulEmailApp;
  private notes!: StatefulNotesApp;
  private aui!: PAREAgentUserInterface;
  private project: string[] = [];
  private others: { id: string; folder: string }[] = [];

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.email = new StatefulEmailApp();
    this.notes = new StatefulNotesApp();
    NOTES.forEach(([folder, title, content, mine], i) => {
      const id = this.notes.create_note_with_time({
        folder,
        title,
        content,
        created_at: `2025-11-${String(3 + i).padStart(2, "0")} 10:00:00`,
      });
      if (mine) this.project.push(id);
      else this.others.push({ id, folder });
    });
    this.email.add_emails({
      emails: [
        {
          sender: "facilities@lowther-design.example",
          subject: "Harbor Street car park closed Friday",
          content: "The Lowther multi-storey on Harbor Street is closed on Friday for resurfacing.",
          time: "2025-11-17 15:00:00",
        },
      ],
    });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.email, this.notes];
  }

  protected buildEventsFlow(): void {
    const kickoff = ev(
      this.email.send_email_to_user_with_id({
        email_id: "email-harbour-kickoff",
        sender: "priya.raman@lowther-design.example",
        subject: "Harbour Square is go",
        content:
          "Hi John,\n\nThe council signed off: the Harbour Square redesign is now a full project and you're " +
          "leading it. Kick-off next Monday.\n\nPriya",
      }),
    )
      .withId("harbour_kickoff")
      .delayed(6);
    const look = ev(this.notes.search_notes({ query: "Harbour" }))
      .oracle()
      .dependsOn(kickoff, { delaySeconds: 3 });
    const folders = ev(this.notes.list_folders()).oracle().dependsOn(look, { delaySeconds: 1 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "Harbour Square is now your project. Shall I create a 'Harbour Square' notes folder and move its four " +
          "notes there (stakeholders, budget draft, seating and lighting ideas, 12 Nov site visit)? The Harbor " +
          "Street parking and Riverside Plaza notes would stay where they are.",
      }),
    )
      .oracle()
      .dependsOn(folders, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes, do that." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const folder = ev(this.notes.new_folder({ folder_name: "Harbour Square" }))
      .oracle()
      .dependsOn(accept, { delaySeconds: 1 });
    const find = ev(this.notes.search_notes({ query: "Harbour" }))
      .oracle()
      .dependsOn(folder, { delaySeconds: 1 });
    const moves: Event[] = [];
    let previous = find;
    for (const id of this.project) {
      previous = ev(this.notes.move_note({ note_id: id, dest_folder_name: "Harbour Square" }))
        .oracle()
        .dependsOn(previous, { delaySeconds: 1 });
      moves.push(previous);
    }
    this.events = [kickoff, look, folders, propose, accept, folder, find, ...moves];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const all = notesAtEnd(env);
    const homes = new Set(this.project.map((id) => noteAtEnd(env, id)?.folder));
    const home = homes.size === 1 ? [...homes][0] : undefined;
    const newFolder = home !== undefined && !(DEFAULT_FOLDERS as readonly string[]).includes(home);
    const onlyProject = all.filter((n) => n.folder === home).every((n) => this.project.includes(n.note_id));
    const othersStay = this.others.every((o) => noteAtEnd(env, o.id)?.folder === o.folder);
    const destructive = assistantWrites(log, { className: "StatefulNotesApp" }).filter((e) =>
      ["delete_note", "delete_folder", "update_note"].includes(e.action?.function ?? ""),
    );
    return new Checklist()
      .require(
        "a proposal to gather the Harbour Square notes",
        proposals(log).some(
          (e) =>
            mentionsAny(argText(e, "content"), "Harbour") && mentionsAny(argText(e, "content"), "folder"),
        ),
      )
      .require(
        "the four Harbour Square notes together in one new folder",
        newFolder && mentionsAny(home ?? "", "harbour"),
      )
      .require("nothing else in that folder", newFolder && onlyProject)
      .require("Harbor Street parking, Riverside Plaza and the offsite notes where they were", othersStay)
      .require("no note deleted or rewritten", destructive.length === 0 && all.length === NOTES.length)
      .verdict();
  }
}
