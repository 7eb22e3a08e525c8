import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulContactsApp } from "../../apps/contacts/app.js";
import { StatefulEmailApp } from "../../apps/email/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { PAREScenario } from "../pare-scenario.js";
import { agentCalls, argText, Checklist, mentionsAny, proposals } from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;
const digits = (s: string | null) => (s ?? "").replace(/\D/g, "");

const HANA_EMAIL = "hana.kowalczyk@brightforge.example";

/**
 * A new teammate introduces herself by email; her signature carries her role and mobile number (the
 * body also mentions the front desk's number, which is not hers). Ideal help: offer to save her as a
 * contact, then add her with name, email, mobile and job title.
 */
@registerScenario("new_colleague_contact_save")
export class NewColleagueContactSave extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["information-extraction"];
  override theme = "contacts-comms";
  override description =
    "A new colleague introduces herself by email; save her as a contact with the phone and role from her signature.";
  override additionalSystemPrompt =
    "You work at Brightforge Labs. You like having new colleagues in your address book with their mobile number and role.";

  private email!: StatefulEmailApp;
  private contacts!: StatefulContactsApp;
  private aui!: PAREAgentUserInterface;

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.email = new StatefulEmailApp();
    this.contacts = new StatefulContactsApp();
    this.contacts.add_contacts({
      contacts: [
        {
          first_name: "Marcus",
          last_name: "Feldmann",
          job: "Head of Analytics",
          email: "marcus.feldmann@brightforge.example",
          phone: "+1 (415) 555-0142",
          status: "Employed",
        },
        {
          first_name: "Tomasz",
          last_name: "Wrobel",
          job: "Data Engineer",
          email: "tomasz.wrobel@brightforge.example",
          phone: "+1 (415) 555-0163",
          status: "Employed",
        },
        {
          first_name: "Oluwaseun",
          last_name: "Adeyemi",
          description: "Climbing partner",
          phone: "+1 (628) 555-0119",
          email: "seun.adeyemi@postbox.example",
        },
        {
          first_name: "Hannah",
          last_name: "Koval",
          description: "Neighbour, flat 3B",
          phone: "+1 (628) 555-0175",
        },
      ],
    });
    this.email.add_emails({
      emails: [
        {
          sender: "marcus.feldmann@brightforge.example",
          subject: "New analyst joining Customer Insights",
          content:
            "Hi all,\n\nHappy to share that Hana Kowalczyk joins us this week as Senior Data Analyst. " +
            "She will reach out to each of you to set up intros.\n\nMarcus",
          time: "2025-11-17 16:05:00",
        },
        {
          sender: "digest@trailrunners.example",
          subject: "Weekend trail conditions",
          content: "Muddy on the ridge loop; the creek crossing is open again.",
          time: "2025-11-17 07:30:00",
        },
        {
          sender: "tomasz.wrobel@brightforge.example",
          subject: "Pipeline backfill done",
          content: "The November backfill finished overnight; dashboards should be current now.\n\nT.",
          time: "2025-11-18 08:12:00",
        },
      ],
    });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.email, this.contacts];
  }

  protected buildEventsFlow(): void {
    const intro = ev(
      this.email.send_email_to_user_with_id({
        email_id: "email-hana-intro",
        sender: HANA_EMAIL,
        subject: "Hello from your new teammate",
        content:
          "Hi John,\n\nI started on Monday in Customer Insights and Marcus suggested we meet, since I'll be " +
          "pulling a lot of data from your pipelines. Would a coffee later this week work?\n\n" +
          "Until my desk phone is set up, the front desk (+1 415 555 0100) can put calls through, but my " +
          "mobile is the quickest way to reach me.\n\nBest,\n--\nHana Kowalczyk\nSenior Data Analyst, " +
          "Customer Insights\nBrightforge Labs\nMobile: +1 (415) 555-0187\n" +
          HANA_EMAIL,
      }),
    )
      .withId("hana_intro")
      .delayed(9);
    const lookup = ev(this.contacts.search_contacts({ query: "Kowalczyk" }))
      .oracle()
      .dependsOn(intro, { delaySeconds: 3 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "Hana Kowalczyk, the new Senior Data Analyst in Customer Insights, introduced herself by email. " +
          "She is not in your contacts yet. Shall I save her with her mobile +1 (415) 555-0187 and email?",
      }),
    )
      .oracle()
      .dependsOn(lookup, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes, add her." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    // The executor starts fresh: it reads Hana's email again for her address.
    const findEmail = ev(this.email.search_emails({ query: "Hana" }))
      .oracle()
      .dependsOn(accept, { delaySeconds: 2 });
    const add = ev(
      this.contacts.add_new_contact({
        first_name: "Hana",
        last_name: "Kowalczyk",
        job: "Senior Data Analyst",
        status: "Employed",
        phone: "+1 (415) 555-0187",
        email: HANA_EMAIL,
        description: "Customer Insights team, Brightforge Labs (joined Nov 2025)",
      }),
    )
      .oracle()
      .dependsOn(findEmail, { delaySeconds: 2 });
    this.events = [intro, lookup, propose, accept, findEmail, add];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const added = agentCalls(log, { className: "StatefulContactsApp", function: "add_new_contact" }).some(
      (e) =>
        argText(e, "first_name").trim().toLowerCase() === "hana" &&
        argText(e, "last_name").trim().toLowerCase() === "kowalczyk",
    );
    const app = env.getAppByClass(StatefulContactsApp);
    const hana = [...(app?.contacts.values() ?? [])].find(
      (c) => c.first_name.toLowerCase() === "hana" && c.last_name.toLowerCase() === "kowalczyk",
    );
    return new Checklist()
      .require(
        "a proposal to save Hana as a contact",
        proposals(log).some((e) => mentionsAny(argText(e, "content"), "Hana", "Kowalczyk")),
      )
      .require("a new contact named Hana Kowalczyk", added)
      .require("her mobile number (not the front desk's)", digits(hana?.phone ?? null).endsWith("4155550187"))
      .require("her email address", (hana?.email ?? "").trim().toLowerCase() === HANA_EMAIL)
      .require("her role", mentionsAny(hana?.job ?? "", "analyst"))
      .verdict();
  }
}
