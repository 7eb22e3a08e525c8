import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulFilesApp } from "../../apps/files/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import { StatefulMessagingApp } from "../../apps/messaging/app.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { PAREScenario } from "../pare-scenario.js";
import { agentCalls, argText, Checklist, mentionsAny, proposals } from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;

const LEASE = "/Documents/Home/lease-2025-maple-court.pdf";
const SAM_CHAT = "conv-sam";

/**
 * Sam asks what pet deposit the landlord charges; the answer is in the current lease in Files ($300).
 * The previous flat's lease (pet deposit $250) sits in the same folder. Ideal help: read the current
 * lease and message Sam the figure from it.
 */
@registerScenario("lease_pet_deposit_answer")
export class LeasePetDepositAnswer extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["information-extraction"];
  override theme = "files-attachments";
  override description =
    "A partner asks about the pet deposit; answer from the current lease in Files, not the old one.";
  override additionalSystemPrompt =
    "You and Sam moved to Maple Court in August and are about to adopt a cat. Your leases are in Files.";

  private messaging!: StatefulMessagingApp;
  private files!: StatefulFilesApp;
  private aui!: PAREAgentUserInterface;
  private sam = "";

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.messaging = new StatefulMessagingApp();
    this.files = new StatefulFilesApp();
    const ids = this.messaging.add_users({ user_names: ["Sam Rivera", "Dana Whitfield"] });
    this.sam = ids["Sam Rivera"] as string;
    this.messaging.add_conversation({
      conversation_id: SAM_CHAT,
      participants: ["Sam Rivera"],
      messages: [
        {
          sender: "Sam Rivera",
          content: "The shelter has the grey kitten for us if we want her!",
          time: "2025-11-17 17:00:00",
        },
        { sender: "John Doe", content: "Yes!! Let's do it", time: "2025-11-17 17:04:00" },
      ],
    });
    this.messaging.add_conversation({
      participants: ["Dana Whitfield"],
      messages: [{ sender: "Dana Whitfield", content: "Climbing Thursday?", time: "2025-11-17 12:00:00" }],
    });
    this.files.add_files({
      files: [
        {
          path: LEASE,
          text:
            "Residential lease - 14 Maple Court, Apt 3B\nTenants: John Doe, Sam Rivera\nTerm: 1 Aug 2025 - 31 Jul 2026\n" +
            "Rent: USD 2,150 per month\nSecurity deposit: USD 2,150\nPets: up to two cats; pet deposit USD 300 (refundable)\n" +
            "Notice to vacate: 60 days",
          size: 240_000,
          created_at: "2025-07-20 11:00:00",
        },
        {
          path: "Documents/Home/lease-2023-birch-street.pdf",
          text:
            "Residential lease - 88 Birch Street\nTenant: John Doe\nTerm: 1 Sep 2023 - 31 Jul 2025\n" +
            "Pets: one cat; pet deposit USD 250",
          size: 198_000,
          created_at: "2023-08-25 09:00:00",
        },
        {
          path: "Documents/Home/renters-insurance-2025.pdf",
          text: "Renters insurance - policy RI-4471\nPersonal property: USD 30,000\nPet liability: not covered",
          size: 160_000,
        },
        { path: "Pictures/kitten.jpg", size: 2_100_000 },
      ],
    });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.messaging, this.files];
  }

  protected buildEventsFlow(): void {
    const ask = ev(
      this.messaging.create_and_add_message({
        conversation_id: SAM_CHAT,
        sender_id: this.sam,
        content:
          "The shelter form asks what pet deposit our landlord charges. It's somewhere in our lease, do you know how much?",
      }),
    )
      .withId("ask")
      .delayed(8);
    const root = ev(this.files.ls({})).oracle().dependsOn(ask, { delaySeconds: 3 });
    const documents = ev(this.files.ls({ path: "/Documents" }))
      .oracle()
      .dependsOn(root, { delaySeconds: 2 });
    const folder = ev(this.files.ls({ path: "/Documents/Home" }))
      .oracle()
      .dependsOn(documents, { delaySeconds: 2 });
    const read = ev(this.files.read_document({ file_path: LEASE }))
      .oracle()
      .dependsOn(folder, { delaySeconds: 2 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "Sam Rivera is asking about the pet deposit. Your current Maple Court lease says the pet deposit is USD 300 " +
          "(refundable, up to two cats). Shall I message Sam that?",
      }),
    )
      .oracle()
      .dependsOn(read, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes, tell Sam." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const who = ev(this.messaging.lookup_user_id({ user_name: "Sam Rivera" }))
      .oracle()
      .dependsOn(accept, { delaySeconds: 2 });
    const answer = ev(
      this.messaging.send_message({
        user_id: this.sam,
        content:
          "Our Maple Court lease says the pet deposit is $300, refundable, and up to two cats are allowed.",
      }),
    )
      .oracle()
      .dependsOn(who, { delaySeconds: 2 });
    this.events = [ask, root, documents, folder, read, propose, accept, who, answer];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const sent = agentCalls(log, {
      className: "StatefulMessagingApp",
      function: ["send_message", "send_message_to_group_conversation"],
    });
    const answered = sent.some(
      (e) => argText(e, "user_id") === this.sam && mentionsAny(argText(e, "content"), "300"),
    );
    const oldFigure = sent.some((e) => mentionsAny(argText(e, "content"), "250"));
    const toOthers = sent.some((e) => argText(e, "user_id") !== this.sam);
    const changedFiles = agentCalls(log, { className: "StatefulFilesApp", function: ["rm", "mv", "open"] });
    return new Checklist()
      .require(
        "a proposal with the pet deposit",
        proposals(log).some((e) => mentionsAny(argText(e, "content"), "300")),
      )
      .require("Sam told the pet deposit is $300", answered)
      .require("the old lease's $250 not given", !oldFigure)
      .require("no message to anyone else", !toOthers)
      .require("no file changed", changedFiles.length === 0)
      .verdict();
  }
}
