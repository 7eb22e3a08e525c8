import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulContactsApp } from "../../apps/contacts/app.js";
import { StatefulEmailApp } from "../../apps/email/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { PAREScenario } from "../pare-scenario.js";
import { argText, assistantWrites, Checklist, mentionsAny, proposals } from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;

const NADIA = "contact-nadia-haddad";
const NADINE = "contact-nadine-haddad";
const NEW_EMAIL = "nadia.haddad@korvel-labs.example";

/**
 * Nadia Haddad, a university friend, writes (+6 s) from her new employer's address: she started at Korvel
 * Labs as a data engineer, and her old analytics address stops working on Friday. The address book holds her
 * card (old address, old job) and her cousin Nadine Haddad's, whose address is similar. Ideal help: offer to
 * update Nadia's card; on acceptance set her email to the new address and her job to data engineer at
 * Korvel Labs, leaving Nadine's card as it is.
 */
@registerScenario("new_work_email_from_signature")
export class NewWorkEmailFromSignature extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["information-extraction"];
  override theme = "contacts-comms";
  override description =
    "A friend writes from her new employer's address; update her card's email and job, not her cousin's.";

  private contacts!: StatefulContactsApp;
  private email!: StatefulEmailApp;
  private aui!: PAREAgentUserInterface;

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.contacts = new StatefulContactsApp();
    this.email = new StatefulEmailApp();
    this.contacts.add_contacts({
      contacts: [
        {
          contact_id: NADIA,
          first_name: "Nadia",
          last_name: "Haddad",
          email: "n.haddad@brightline-analytics.example",
          phone: "+15550221",
          job: "Analyst at Brightline Analytics",
          description: "Uni friend, ran the chess society",
        },
        {
          contact_id: NADINE,
          first_name: "Nadine",
          last_name: "Haddad",
          email: "nadine.haddad@postbox.example",
          phone: "+15550222",
          job: "Pharmacist",
          description: "Nadia's cousin",
        },
        {
          first_name: "Korbin",
          last_name: "Vale",
          email: "korbin@valeworks.example",
          job: "Recruiter",
        },
      ],
    });
    this.email.add_emails({
      emails: [
        {
          sender: "n.haddad@brightline-analytics.example",
          subject: "Leaving do!",
          content: "Last day at Brightline is the 7th, drinks at the Anchor from 6. Come!",
          time: "2025-11-03 12:00:00",
        },
        {
          sender: "nadine.haddad@postbox.example",
          subject: "Recipe you asked for",
          content: "Aunt Salma's maqluba, finally written down. Don't skip the frying!",
          time: "2025-11-10 19:30:00",
        },
      ],
    });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.email, this.contacts];
  }

  protected buildEventsFlow(): void {
    const mail = ev(
      this.email.send_email_to_user_with_id({
        email_id: "email-nadia-new-job",
        sender: NEW_EMAIL,
        subject: "New job, new address",
        content:
          "Hi John,\n\nTwo weeks into the new job and loving it! From now on please use this address: my " +
          "Brightline one stops working on Friday. Lunch soon?\n\nNadia Haddad\nData Engineer, Korvel Labs",
      }),
    )
      .withId("nadia_new_address")
      .delayed(6);
    const cards = ev(this.contacts.search_contacts({ query: "Haddad" }))
      .oracle()
      .dependsOn(mail, { delaySeconds: 3 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          `Nadia Haddad now writes from ${NEW_EMAIL} (her Brightline address stops on Friday) and is a Data ` +
          "Engineer at Korvel Labs. Shall I update her contact card's email and job? (Nadine Haddad's card " +
          "stays as it is.)",
      }),
    )
      .oracle()
      .dependsOn(cards, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes, update Nadia." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const find = ev(this.contacts.search_contacts({ query: "Nadia Haddad" }))
      .oracle()
      .dependsOn(accept, { delaySeconds: 1 });
    const edit = ev(
      this.contacts.edit_contact({
        contact_id: NADIA,
        updates: { email: NEW_EMAIL, job: "Data Engineer at Korvel Labs" },
      }),
    )
      .oracle()
      .dependsOn(find, { delaySeconds: 1 });
    this.events = [mail, cards, propose, accept, find, edit];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const app = env.getAppByClass(StatefulContactsApp);
    const nadia = app?.contacts.get(NADIA);
    const nadine = app?.contacts.get(NADINE);
    const writes = assistantWrites(log, { className: "StatefulContactsApp" });
    return new Checklist()
      .require(
        "a proposal to update Nadia's card",
        proposals(log).some((e) => mentionsAny(argText(e, "content"), "Nadia")),
      )
      .require("Nadia's card has her Korvel Labs address", nadia?.email?.toLowerCase() === NEW_EMAIL)
      .require(
        "Nadia's card says she is a data engineer (at Korvel Labs)",
        mentionsAny(nadia?.job ?? "", "data engineer", "Korvel"),
      )
      .require(
        "Nadine Haddad's card untouched",
        nadine?.email === "nadine.haddad@postbox.example" && nadine.job === "Pharmacist",
      )
      .require(
        "only Nadia's card edited (no card added or deleted)",
        writes.every((e) => e.action?.function === "edit_contact" && argText(e, "contact_id") === NADIA),
      )
      .verdict();
  }
}
