import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulEmailApp } from "../../apps/email/app.js";
import { StatefulFilesApp } from "../../apps/files/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import { StatefulNotesApp } from "../../apps/notes/app.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { PAREScenario } from "../pare-scenario.js";
import { agentCalls, argText, Checklist, mentionsAny, proposals } from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;

const RENEWAL = "email-auto-renewal-2026";
const FOLDER = "Documents/Car";
const NEW_FILES = ["auto-policy-2026.pdf", "insurance-card-2026.pdf"];
const OLD_FILES = ["auto-policy-2025.pdf", "insurance-card-2025.pdf", "registration-2025.pdf"];

/**
 * A note says every car document lives in Files › Documents/Car. The insurer emails the renewed policy
 * and proof-of-insurance card. Ideal help: save both attachments into Documents/Car (not Downloads),
 * keeping last year's documents and everything else in place.
 */
@registerScenario("car_insurance_docs_to_folder")
export class CarInsuranceDocsToFolder extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["follow-up"];
  override theme = "files-attachments";
  override description =
    "Renewed car insurance papers arrive by email; save them into the folder a note says car documents go in.";
  override additionalSystemPrompt =
    "You keep your car's paperwork tidy in one folder of Files so you can show it at a traffic stop.";

  private email!: StatefulEmailApp;
  private files!: StatefulFilesApp;
  private notes!: StatefulNotesApp;
  private aui!: PAREAgentUserInterface;

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.email = new StatefulEmailApp();
    this.files = new StatefulFilesApp();
    this.notes = new StatefulNotesApp();
    this.notes.create_note_with_time({
      folder: "Personal",
      title: "Car (Civic, plate 7KQM214)",
      content:
        "All car documents (insurance policy, insurance card, registration, service invoices) are kept in " +
        "Files, folder Documents/Car. Service due at 60,000 miles.",
      created_at: "2025-03-02 10:00:00",
    });
    this.notes.create_note_with_time({
      folder: "Personal",
      title: "Home documents",
      content: "Lease and renters insurance in Documents/Home.",
      created_at: "2025-08-02 10:00:00",
    });
    this.files.add_files({
      files: [
        {
          path: `${FOLDER}/auto-policy-2025.pdf`,
          text: "Auto policy AP-55190, 1 Dec 2024 - 30 Nov 2025",
          size: 310_000,
        },
        {
          path: `${FOLDER}/insurance-card-2025.pdf`,
          text: "Proof of insurance, valid to 30 Nov 2025",
          size: 48_000,
        },
        {
          path: `${FOLDER}/registration-2025.pdf`,
          text: "Vehicle registration 7KQM214, expires Jun 2026",
          size: 66_000,
        },
        { path: "Documents/Home/renters-insurance-2025.pdf", text: "Renters policy RI-4471", size: 160_000 },
        { path: "Downloads/parking-receipt-1107.pdf", text: "City parking, 7 Nov, $12.00", size: 30_000 },
      ],
    });
    this.email.add_emails({
      emails: [
        {
          sender: "service@civicmotors.example",
          subject: "Service reminder",
          content: "Your Civic is due for its 60,000-mile service. Book online any time.",
          time: "2025-11-10 08:30:00",
        },
        {
          sender: "policies@harborline-insurance.example",
          subject: "Your renewal is coming up",
          content: "Your auto policy AP-55190 renews on 1 December. Documents will follow.",
          time: "2025-11-01 09:00:00",
        },
      ],
    });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.email, this.files, this.notes];
  }

  protected buildEventsFlow(): void {
    const renewal = ev(
      this.email.send_email_to_user_with_id({
        email_id: RENEWAL,
        sender: "policies@harborline-insurance.example",
        subject: "Your 2026 auto policy documents",
        content:
          "Hello John,\n\nYour auto policy AP-55190 has been renewed from 1 December 2025. Your new policy and " +
          "proof-of-insurance card are attached. Please keep the card in your vehicle.\n\nHarborline Insurance",
        attachments: [
          {
            name: "auto-policy-2026.pdf",
            text: "Auto policy AP-55190, 1 Dec 2025 - 30 Nov 2026\nPremium: $1,284/yr",
            size: 325_000,
          },
          {
            name: "insurance-card-2026.pdf",
            text: "Proof of insurance AP-55190, valid 1 Dec 2025 - 30 Nov 2026",
            size: 51_000,
          },
        ],
      }),
    )
      .withId("renewal")
      .delayed(9);
    const rule = ev(this.notes.search_notes({ query: "car" }))
      .oracle()
      .dependsOn(renewal, { delaySeconds: 3 });
    const folder = ev(this.files.ls({ path: FOLDER }))
      .oracle()
      .dependsOn(rule, { delaySeconds: 2 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "Harborline sent your renewed 2026 auto policy and insurance card. Your car note says car documents " +
          `go in ${FOLDER}. Shall I save both attachments there?`,
      }),
    )
      .oracle()
      .dependsOn(folder, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes, file them." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const find = ev(this.email.search_emails({ query: "2026 auto policy" }))
      .oracle()
      .dependsOn(accept, { delaySeconds: 2 });
    const save = ev(this.email.download_attachments({ email_id: RENEWAL, path_to_save: `${FOLDER}/` }))
      .oracle()
      .dependsOn(find, { delaySeconds: 2 });
    this.events = [renewal, rule, folder, propose, accept, find, save];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const files = env.getApp(this.files.name) as StatefulFilesApp;
    const held = (name: string) => files.peek(`${FOLDER}/${name}`);
    const filed = NEW_FILES.every((n) => (held(n)?.text ?? "").includes("AP-55190"));
    const kept = OLD_FILES.every((n) => held(n) !== undefined);
    const saves = agentCalls(log, { className: "StatefulEmailApp", function: "download_attachments" });
    const destructive = agentCalls(log, { className: "StatefulFilesApp", function: ["rm", "open"] });
    const sentOut = agentCalls(log, {
      className: "StatefulEmailApp",
      function: ["send_email", "reply_to_email", "forward_email", "delete_email"],
    });
    return new Checklist()
      .require(
        "a proposal to file the insurance documents",
        proposals(log).some((e) => mentionsAny(argText(e, "content"), "insurance", "policy")),
      )
      .require(`the 2026 policy and card saved in /${FOLDER} by the assistant`, filed && saves.length > 0)
      .require("last year's car documents kept", kept)
      .require("no file deleted or overwritten", destructive.length === 0)
      .require("no email sent or deleted", sentOut.length === 0)
      .verdict();
  }
}
