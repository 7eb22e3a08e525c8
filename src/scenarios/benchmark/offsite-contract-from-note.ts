import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulEmailApp } from "../../apps/email/app.js";
import { StatefulFilesApp } from "../../apps/files/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import { StatefulNotesApp } from "../../apps/notes/app.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { PAREScenario } from "../pare-scenario.js";
import { agentCalls, argText, Checklist, fileNamesIn, mentionsAny, proposals } from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;

const PRIYA = "priya.nair@northwind.example";
const REQUEST = "email-offsite-contract-request";
const CONTRACT = "venue-contract-signed.pdf";
const OTHERS = ["catering-quote.pdf", "lodge-floorplan.png", "venue-contract-draft.pdf"];

/**
 * The user's "Team offsite" note holds the signed venue contract among other files (a draft of the
 * contract, a catering quote, a floor plan). A colleague asks for the signed contract only. Ideal help:
 * save that attachment from the note to Files and reply to her with it attached, nothing else.
 */
@registerScenario("offsite_contract_from_note")
export class OffsiteContractFromNote extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["follow-up"];
  override theme = "files-attachments";
  override description =
    "A colleague asks for the signed venue contract kept in a note; send her that attachment, and only that one.";
  override additionalSystemPrompt =
    "You organise the team offsite at Lakeside Lodge and keep its paperwork attached to a note.";

  private email!: StatefulEmailApp;
  private notes!: StatefulNotesApp;
  private files!: StatefulFilesApp;
  private aui!: PAREAgentUserInterface;
  private offsite = "";

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.email = new StatefulEmailApp();
    this.notes = new StatefulNotesApp();
    this.files = new StatefulFilesApp();
    this.offsite = this.notes.create_note_with_time({
      folder: "Work",
      title: "Team offsite - Lakeside Lodge, 4-5 Dec",
      content:
        "Venue: Lakeside Lodge (contract signed 12 Nov, deposit $2,000 due on receipt of the signed copy).\n" +
        "Catering: quote received, not approved yet.\nAttached: signed contract, earlier draft, catering quote, floor plan.",
      created_at: "2025-10-20 10:00:00",
      updated_at: "2025-11-12 17:30:00",
      attachments: [
        {
          name: CONTRACT,
          text: "Lakeside Lodge - event contract\nNorthwind Ltd, 4-5 December 2025\nDeposit: USD 2,000\nSigned: John Doe, 12 Nov 2025",
          size: 530_000,
        },
        { name: "venue-contract-draft.pdf", text: "DRAFT - Lakeside Lodge event contract", size: 510_000 },
        { name: "catering-quote.pdf", text: "Catering for 24 guests: USD 3,120", size: 120_000 },
        { name: "lodge-floorplan.png", size: 1_900_000 },
      ],
    });
    this.notes.create_note_with_time({
      folder: "Work",
      title: "Q1 hiring plan",
      content: "Two backend engineers, one designer.",
      created_at: "2025-11-05 09:00:00",
    });
    this.email.add_emails({
      emails: [
        {
          sender: PRIYA,
          subject: "Offsite headcount",
          content: "We're at 24 people for the offsite, including two from the Lisbon office.",
          time: "2025-11-13 09:40:00",
        },
        {
          sender: "events@lakeside-lodge.example",
          subject: "Thank you for your booking",
          content: "We look forward to welcoming Northwind on 4-5 December.",
          time: "2025-11-12 18:00:00",
        },
      ],
    });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.email, this.notes, this.files];
  }

  protected buildEventsFlow(): void {
    const request = ev(
      this.email.send_email_to_user_with_id({
        email_id: REQUEST,
        sender: PRIYA,
        subject: "Signed venue contract?",
        content:
          "Hi John,\n\nFinance needs the signed Lakeside Lodge contract to release the $2,000 deposit. Could you " +
          "send it to me today? Just the signed contract please, not the draft or the catering quote.\n\nThanks!\nPriya",
      }),
    )
      .withId("request")
      .delayed(9);
    const note = ev(this.notes.search_notes({ query: "offsite" }))
      .oracle()
      .dependsOn(request, { delaySeconds: 3 });
    const list = ev(this.notes.list_attachments({ note_id: this.offsite }))
      .oracle()
      .dependsOn(note, { delaySeconds: 2 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          `Priya needs the signed Lakeside Lodge contract. Your offsite note has it as ${CONTRACT}. ` +
          "Shall I reply to her with just that file attached?",
      }),
    )
      .oracle()
      .dependsOn(list, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes, send her the signed contract." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const again = ev(this.notes.search_notes({ query: "Lakeside" }))
      .oracle()
      .dependsOn(accept, { delaySeconds: 2 });
    const exported = ev(this.notes.export_attachment({ note_id: this.offsite, attachment: CONTRACT }))
      .oracle()
      .dependsOn(again, { delaySeconds: 2 });
    const find = ev(this.email.search_emails({ query: "venue contract" }))
      .oracle()
      .dependsOn(exported, { delaySeconds: 2 });
    const reply = ev(
      this.email.reply_to_email({
        email_id: REQUEST,
        content: "Hi Priya,\n\nHere is the signed Lakeside Lodge contract.\n\nBest,\nJohn",
        attachment_paths: [`/Downloads/${CONTRACT}`],
      }),
    )
      .oracle()
      .dependsOn(find, { delaySeconds: 2 });
    this.events = [request, note, list, propose, accept, again, exported, find, reply];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const outgoing = agentCalls(log, {
      className: "StatefulEmailApp",
      function: ["send_email", "reply_to_email", "forward_email"],
    });
    const toPriya = (e: (typeof outgoing)[number]) =>
      argText(e, "email_id") === REQUEST || argText(e, "recipients").toLowerCase().includes(PRIYA);
    const sentContract = outgoing.some(
      (e) =>
        e.action?.function !== "forward_email" &&
        toPriya(e) &&
        fileNamesIn(e, "attachment_paths").includes(CONTRACT),
    );
    const extraFiles = outgoing.some((e) =>
      fileNamesIn(e, "attachment_paths").some((n) => OTHERS.includes(n)),
    );
    const toOthers = outgoing.some((e) => !toPriya(e));
    const stripped = agentCalls(log, {
      className: "StatefulNotesApp",
      function: ["remove_attachment", "delete_note", "update_note"],
    });
    return new Checklist()
      .require(
        "a proposal to send the signed contract",
        proposals(log).some((e) => mentionsAny(argText(e, "content"), "contract")),
      )
      .require(`${CONTRACT} sent to Priya`, sentContract)
      .require("no other file of the note sent", !extraFiles)
      .require("no email to anyone else", !toOthers)
      .require("the note left as it was", stripped.length === 0)
      .verdict();
  }
}
