import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulContactsApp } from "../../apps/contacts/app.js";
import { StatefulEmailApp } from "../../apps/email/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import { StatefulMessagingApp } from "../../apps/messaging/app.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { assistantEmails } from "../email-verdicts.js";
import { messagesElsewhere } from "../messaging-verdicts.js";
import { PAREScenario } from "../pare-scenario.js";
import { argText, Checklist, mentionsAny, proposals } from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;

const FELIX_PHONE = "+15550271";
const AMARA = "amara.okonkwo@hartwellfinch.example";
const FELIX = "felix.brandt@quarry-digital.example";
const WRONG = ["amara@okafor-studio.example", "d.reyes@reyeslaw.example", "felix.brandl@postbox.example"];

/**
 * Felix Brandt, a colleague, asks by chat (+6 s) to be introduced by email to John's lawyer friend who does
 * employment law: his new contract has a non-compete clause. The address book has Amara Okonkwo (employment
 * lawyer), Amara Okafor (an architect), Dominic Reyes (a property lawyer) and Felix Brandl (another Felix).
 * Ideal help: offer one introduction email to Amara Okonkwo and Felix Brandt together; on acceptance look both
 * up and send it, to those two addresses only.
 */
@registerScenario("lawyer_intro_email")
export class LawyerIntroEmail extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["follow-up"];
  override theme = "contacts-comms";
  override description =
    "A colleague asks to be introduced to the user's employment-lawyer friend; one email to both, addresses from Contacts.";
  override additionalSystemPrompt =
    "You are John Doe. Amara Okonkwo is happy to be introduced to friends with employment questions. One short " +
    "email to both of them is the way you do introductions.";

  private contacts!: StatefulContactsApp;
  private email!: StatefulEmailApp;
  private messaging!: StatefulMessagingApp;
  private aui!: PAREAgentUserInterface;

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.contacts = new StatefulContactsApp();
    this.email = new StatefulEmailApp();
    this.messaging = new StatefulMessagingApp();
    this.contacts.add_contacts({
      contacts: [
        {
          first_name: "Amara",
          last_name: "Okafor",
          email: WRONG[0],
          job: "Architect",
          description: "Designed Gwen's kitchen",
        },
        {
          first_name: "Felix",
          last_name: "Brandt",
          email: FELIX,
          phone: FELIX_PHONE,
          job: "Product manager, Quarry Digital",
          description: "Colleague",
        },
        {
          first_name: "Amara",
          last_name: "Okonkwo",
          email: AMARA,
          phone: "+15550272",
          job: "Employment lawyer, Hartwell & Finch",
          description: "Friend from uni",
        },
        {
          first_name: "Dominic",
          last_name: "Reyes",
          email: WRONG[1],
          job: "Property lawyer",
          description: "Did the flat purchase",
        },
        {
          first_name: "Felix",
          last_name: "Brandl",
          email: WRONG[2],
          description: "Climbing club",
        },
      ],
    });
    this.messaging.add_contacts({ contacts: [{ name: "Felix Brandt", phone: FELIX_PHONE }] });
    this.messaging.add_conversation({
      conversation_id: "conv-felix",
      participants: [FELIX_PHONE],
      messages: [{ sender: FELIX_PHONE, content: "Coffee at 3?", time: "2025-11-17 14:40:00" }],
    });
    this.email.add_emails({
      emails: [
        {
          sender: WRONG[1],
          subject: "Completion documents",
          content: "All signed and filed, congratulations on the flat.",
          time: "2025-09-30 16:00:00",
        },
      ],
    });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.messaging, this.email, this.contacts];
  }

  protected buildEventsFlow(): void {
    const ask = ev(
      this.messaging.create_and_add_message({
        conversation_id: "conv-felix",
        sender_id: FELIX_PHONE,
        content:
          "Hey John, could you introduce me by email to your lawyer friend, the employment law one? My new " +
          "contract has a non-compete clause I'm not sure about.",
      }),
    )
      .withId("felix_asks_intro")
      .delayed(6);
    const cards = ev(this.contacts.get_contacts({ offset: 0 }))
      .oracle()
      .dependsOn(ask, { delaySeconds: 3 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "Felix Brandt asks to be introduced to your employment-lawyer friend about a non-compete clause. " +
          `Shall I email Amara Okonkwo (${AMARA}) and Felix (${FELIX}) together to introduce them?`,
      }),
    )
      .oracle()
      .dependsOn(cards, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes, introduce them." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const amara = ev(this.contacts.search_contacts({ query: "Okonkwo" }))
      .oracle()
      .dependsOn(accept, { delaySeconds: 1 });
    const felix = ev(this.contacts.search_contacts({ query: "Felix" }))
      .oracle()
      .dependsOn(amara, { delaySeconds: 1 });
    const intro = ev(
      this.email.send_email({
        recipients: [AMARA, FELIX],
        subject: "Introduction: Amara, meet Felix",
        content:
          "Hi Amara, hi Felix,\n\nAmara, Felix is a colleague of mine with a question about a non-compete " +
          "clause in his new employment contract, and you're the employment lawyer I trust most. Felix, Amara " +
          "is at Hartwell & Finch. I'll let you two take it from here!\n\nBest,\nJohn",
      }),
    )
      .oracle()
      .dependsOn(felix, { delaySeconds: 1 });
    this.events = [ask, cards, propose, accept, amara, felix, intro];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const mails = assistantEmails(env);
    const intro = mails.some(
      (m) =>
        m.recipients.includes(AMARA) &&
        m.recipients.includes(FELIX) &&
        mentionsAny(m.content, "contract", "non-compete", "employment"),
    );
    const wrong = mails.some((m) => m.recipients.some((r) => WRONG.includes(r)));
    return new Checklist()
      .require(
        "a proposal to introduce Felix to Amara",
        proposals(log).some((e) => mentionsAny(argText(e, "content"), "Amara")),
      )
      .require("one email to both Amara Okonkwo and Felix Brandt about his contract", intro)
      .require("nobody else emailed (Amara Okafor, Dominic Reyes, Felix Brandl)", !wrong)
      .require(
        "no chat message to anyone but Felix",
        messagesElsewhere(log, { users: [FELIX_PHONE] }).length === 0,
      )
      .verdict();
  }
}
