import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulEmailApp } from "../../apps/email/app.js";
import { StatefulFilesApp } from "../../apps/files/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { PAREScenario } from "../pare-scenario.js";
import { agentCalls, argText, Checklist, fileNamesIn, mentionsAny, proposals } from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;

const TEACHER = "m.okafor@brookside-elementary.example";
const SLIP_EMAIL = "email-aquarium-slip";
const SIGNED = "aquarium-permission-signed.pdf";
const SCAN_PATH = `/Documents/Scans/${SIGNED}`;
const UNSIGNED = "aquarium-trip-permission.pdf";

/**
 * The teacher asked for the signed aquarium-trip slip back by Thursday. The user has printed and signed
 * it; the scanner now saves the signed scan to Files. The blank form (in Downloads) and an older scan
 * are distractors. Ideal help: reply to the teacher's email with the signed scan attached.
 */
@registerScenario("signed_permission_slip_return")
export class SignedPermissionSlipReturn extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["timing-sensitive"];
  override theme = "files-attachments";
  override description =
    "A signed permission slip is scanned into Files; reply to the teacher's request with the signed scan before the deadline.";
  override additionalSystemPrompt =
    "Your daughter Ava is in Ms Okafor's class. You signed the aquarium trip slip this morning and scanned it.";

  private email!: StatefulEmailApp;
  private files!: StatefulFilesApp;
  private aui!: PAREAgentUserInterface;

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.email = new StatefulEmailApp();
    this.files = new StatefulFilesApp();
    const blank =
      "Brookside Elementary - Aquarium field trip, Friday 21 November\nStudent: ________\n" +
      "Parent signature: ________  Date: ________\nReturn by Thursday 20 November.";
    this.email.add_emails({
      emails: [
        {
          email_id: SLIP_EMAIL,
          sender: TEACHER,
          subject: "Aquarium trip - permission slip",
          content:
            "Dear parents,\n\nClass 3B visits the city aquarium on Friday 21 November. Please print, sign and " +
            "return the attached permission slip by replying to this email no later than Thursday 20 November.\n\n" +
            "Many thanks,\nMarion Okafor",
          attachments: [{ name: UNSIGNED, text: blank, size: 74_000 }],
          time: "2025-11-14 15:30:00",
        },
        {
          sender: "t.lindqvist@brookside-elementary.example",
          subject: "Bake sale volunteers",
          content: "We still need two parents for the bake sale stand on 5 December. Reply if you can help!",
          time: "2025-11-17 12:00:00",
        },
        {
          sender: "noreply@citylibrary.example",
          subject: "Your loans are due soon",
          content: "'The Wild Robot' is due on 22 November.",
          time: "2025-11-16 08:00:00",
        },
      ],
    });
    this.files.add_files({
      files: [
        { path: `Downloads/${UNSIGNED}`, text: blank, size: 74_000, created_at: "2025-11-14 19:02:00" },
        {
          path: "Documents/Scans/lease-signature-page.pdf",
          text: "Maple Court lease - signature page\nTenant signature: John Doe",
          size: 380_000,
          created_at: "2025-08-01 10:00:00",
        },
        { path: "Pictures/IMG_4410.jpg", size: 2_900_000 },
      ],
    });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.email, this.files];
  }

  protected buildEventsFlow(): void {
    const scan = ev(
      this.files.receive_file({
        path: SCAN_PATH,
        text:
          "Brookside Elementary - Aquarium field trip, Friday 21 November\nStudent: Ava Doe\n" +
          "Parent signature: John Doe (signed)  Date: 18 Nov 2025\nReturn by Thursday 20 November.",
        size: 412_000,
        source: "Scanner",
      }),
    )
      .withId("scan")
      .delayed(8);
    const look = ev(this.files.read_document({ file_path: SCAN_PATH }))
      .oracle()
      .dependsOn(scan, { delaySeconds: 3 });
    const request = ev(this.email.search_emails({ query: "permission slip" }))
      .oracle()
      .dependsOn(look, { delaySeconds: 2 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          `Your scanner saved the signed aquarium permission slip at ${SCAN_PATH}. Ms Okafor asked for it back by ` +
          "Thursday. Shall I reply to her permission slip email with the signed scan attached?",
      }),
    )
      .oracle()
      .dependsOn(request, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes, send it to her." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const find = ev(this.email.search_emails({ query: "permission slip" }))
      .oracle()
      .dependsOn(accept, { delaySeconds: 2 });
    const reply = ev(
      this.email.reply_to_email({
        email_id: SLIP_EMAIL,
        content:
          "Dear Ms Okafor,\n\nPlease find Ava's signed permission slip for the aquarium trip attached.\n\nBest regards,\nJohn Doe",
        attachment_paths: [SCAN_PATH],
      }),
    )
      .oracle()
      .dependsOn(find, { delaySeconds: 2 });
    this.events = [scan, look, request, propose, accept, find, reply];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const outgoing = agentCalls(log, {
      className: "StatefulEmailApp",
      function: ["send_email", "reply_to_email", "forward_email"],
    });
    const returned = outgoing.some(
      (e) =>
        (argText(e, "email_id") === SLIP_EMAIL || argText(e, "recipients").toLowerCase().includes(TEACHER)) &&
        e.action?.function !== "forward_email" &&
        fileNamesIn(e, "attachment_paths").includes(SIGNED),
    );
    const wrongFiles = outgoing.some((e) =>
      fileNamesIn(e, "attachment_paths").some((n) => n === UNSIGNED || n === "lease-signature-page.pdf"),
    );
    const toOthers = outgoing.some(
      (e) =>
        e.action?.function !== "reply_to_email" &&
        !`${argText(e, "recipients")}${argText(e, "cc")}`.toLowerCase().includes(TEACHER),
    );
    const otherReplies = outgoing.some(
      (e) => e.action?.function === "reply_to_email" && argText(e, "email_id") !== SLIP_EMAIL,
    );
    return new Checklist()
      .require(
        "a proposal to return the signed slip",
        proposals(log).some((e) => mentionsAny(argText(e, "content"), "slip", "permission", "signed")),
      )
      .require(`the signed scan ${SIGNED} sent back to ${TEACHER}`, returned)
      .require("neither the blank form nor another scan sent", !wrongFiles)
      .require("no email to anyone else", !toOthers && !otherReplies)
      .require(
        "no file deleted",
        agentCalls(log, { className: "StatefulFilesApp", function: "rm" }).length === 0,
      )
      .verdict();
  }
}
