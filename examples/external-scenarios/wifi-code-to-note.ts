// An external scenario: a file in a directory of your own, loaded with `--scenarios-dir <that directory>`.
// It imports everything from "pare-ts" (the running pare-ts answers that import) and needs no package.json.
import {
  agentCalls,
  argText,
  Checklist,
  type Environment,
  type Event,
  HomeScreenSystemApp,
  PAREAgentUserInterface,
  PAREScenario,
  proposals,
  registerScenario,
  StatefulEmailApp,
  StatefulNotesApp,
} from "pare-ts";

const ev = (x: unknown) => x as Event;
const CODE = "MAPLE-7734";

/**
 * The holiday flat's host mails the Wi-Fi code. Ideal help: propose keeping it in Notes and, once the
 * user agrees, create a note with the code.
 */
@registerScenario("example_wifi_code_to_note")
export class WifiCodeToNote extends PAREScenario {
  override isBenchmarkReady = true;
  override tags = ["example"];
  override description = "A host mails the flat's Wi-Fi code; keep it in a note.";

  private email!: StatefulEmailApp;
  private notes!: StatefulNotesApp;
  private aui!: PAREAgentUserInterface;

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.email = new StatefulEmailApp();
    this.notes = new StatefulNotesApp();
    this.apps = [this.aui, new HomeScreenSystemApp(), this.email, this.notes];
  }

  protected buildEventsFlow(): void {
    const mail = ev(
      this.email.send_email_to_user_only({
        sender: "host@harbourflats.example",
        subject: "Welcome! Wi-Fi details",
        content: `Hi! The Wi-Fi network is HarbourFlat-3 and the code is ${CODE}. Enjoy your stay.`,
      }),
    )
      .withId("host_mail")
      .delayed(5);
    const read = ev(this.email.search_emails({ query: "Wi-Fi" })).oracle().dependsOn(mail, { delaySeconds: 2 });
    const propose = ev(
      this.aui.send_message_to_user({ content: `The host sent the Wi-Fi code (${CODE}). Shall I save it in Notes?` }),
    )
      .oracle()
      .dependsOn(read, { delaySeconds: 1 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes please" })).oracle().dependsOn(propose, {
      delaySeconds: 2,
    });
    const save = ev(this.notes.create_note({ title: "Flat Wi-Fi", content: `HarbourFlat-3: ${CODE}` }))
      .oracle()
      .dependsOn(accept, { delaySeconds: 1 });
    this.events = [mail, read, propose, accept, save];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    return new Checklist()
      .require("a proposal to keep the code", proposals(log).length > 0)
      .require(
        "a note holding the code",
        agentCalls(log, { function: "create_note" }).some((e) => argText(e, "content").includes(CODE)),
      )
      .verdict();
  }
}
