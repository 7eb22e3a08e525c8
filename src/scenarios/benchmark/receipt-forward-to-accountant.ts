import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulContactsApp } from "../../apps/contacts/app.js";
import { StatefulEmailApp } from "../../apps/email/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import { StatefulNotesApp } from "../../apps/notes/app.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { PAREScenario } from "../pare-scenario.js";
import { agentCalls, argText, Checklist, mentionsAny, proposals } from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;

const ACCOUNTANT = "naomi@achterberg-tax.example";
const FRIEND = "naomi.fairweather@postbox.example";
const RECEIPT_ID = "email-receipt-monitor";

/**
 * A note says business receipts go to Naomi, the accountant (Contacts also holds a friend called
 * Naomi). A receipt for a work monitor arrives. Ideal help: offer to forward it and, on acceptance,
 * forward that email to the accountant's address only.
 */
@registerScenario("receipt_forward_to_accountant")
export class ReceiptForwardToAccountant extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["follow-up"];
  override theme = "cost-sharing";
  override description =
    "A note says business receipts go to the accountant; a receipt arrives; forward it to her address.";
  override additionalSystemPrompt =
    "You freelance as a designer; your accountant handles the deductions for your business expenses.";

  private email!: StatefulEmailApp;
  private contacts!: StatefulContactsApp;
  private notes!: StatefulNotesApp;
  private aui!: PAREAgentUserInterface;

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.email = new StatefulEmailApp();
    this.contacts = new StatefulContactsApp();
    this.notes = new StatefulNotesApp();
    this.contacts.add_contacts({
      contacts: [
        {
          first_name: "Naomi",
          last_name: "Achterberg",
          job: "Accountant",
          description: "Achterberg Tax & Advisory, does my books",
          email: ACCOUNTANT,
          phone: "+1 (503) 555-0121",
          status: "Employed",
        },
        {
          first_name: "Naomi",
          last_name: "Fairweather",
          description: "Friend from the pottery class",
          email: FRIEND,
          phone: "+1 (503) 555-0186",
        },
        {
          first_name: "Idris",
          last_name: "Pemberton",
          job: "Client, Larchwood Cafe",
          email: "idris@larchwood.example",
        },
      ],
    });
    this.notes.create_note_with_time({
      folder: "Personal",
      title: "Taxes 2025",
      content:
        "- Forward every business receipt (software, equipment, travel) to Naomi, my accountant, as soon as it arrives.\n" +
        "- Personal purchases (groceries, streaming, clothes) do NOT go to her.\n" +
        "- Quarterly estimate due 15 Jan.",
      created_at: "2025-10-01 20:15:00",
    });
    this.notes.create_note_with_time({
      folder: "Personal",
      title: "Gift ideas",
      content: "Naomi F.: glaze sampler. Mum: reading lamp.",
      created_at: "2025-11-10 21:00:00",
    });
    this.notes.create_note_with_time({
      folder: "Work",
      title: "Larchwood Cafe rebrand",
      content: "Logo round 2 due Friday; menu boards after.",
      created_at: "2025-11-12 09:30:00",
    });
    this.email.add_emails({
      emails: [
        {
          sender: "billing@streamly.example",
          subject: "Your Streamly receipt",
          content: "Streamly Premium, monthly plan: $15.99. Thanks for watching!",
          time: "2025-11-15 06:00:00",
        },
        {
          sender: "idris@larchwood.example",
          subject: "Logo feedback",
          content: "We love option B! Could the leaf be a touch darker?",
          time: "2025-11-17 14:30:00",
        },
      ],
    });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.email, this.contacts, this.notes];
  }

  protected buildEventsFlow(): void {
    const receipt = ev(
      this.email.send_email_to_user_with_id({
        email_id: RECEIPT_ID,
        sender: "orders@pixelworks.example",
        subject: "Receipt for order PW-88412",
        content:
          'Thank you for your order.\n\n1 x UltraView 27" 4K monitor ..... $429.00\nSales tax ..... $0.00\n' +
          "Total charged to Visa ending 4471: $429.00\nOrder date: 18 Nov 2025\n\nPixelworks",
        attachment_paths: ["invoice-PW-88412.pdf"],
      }),
    )
      .withId("receipt")
      .delayed(12);
    const note = ev(this.notes.search_notes({ query: "receipt" }))
      .oracle()
      .dependsOn(receipt, { delaySeconds: 3 });
    const who = ev(this.contacts.search_contacts({ query: "Naomi" }))
      .oracle()
      .dependsOn(note, { delaySeconds: 2 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "A Pixelworks receipt for your work monitor ($429, order PW-88412) just arrived. Your tax note " +
          `says business receipts go to Naomi Achterberg. Shall I forward it to ${ACCOUNTANT}?`,
      }),
    )
      .oracle()
      .dependsOn(who, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes, forward it." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    // The executor starts fresh: it finds the receipt email before forwarding it.
    const findEmail = ev(this.email.search_emails({ query: "Pixelworks" }))
      .oracle()
      .dependsOn(accept, { delaySeconds: 2 });
    const forward = ev(this.email.forward_email({ email_id: RECEIPT_ID, recipients: [ACCOUNTANT] }))
      .oracle()
      .dependsOn(findEmail, { delaySeconds: 2 });
    this.events = [receipt, note, who, propose, accept, findEmail, forward];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const forwarded = agentCalls(log, { className: "StatefulEmailApp", function: "forward_email" }).some(
      (e) => {
        const to = argText(e, "recipients").toLowerCase();
        return argText(e, "email_id") === RECEIPT_ID && to.includes(ACCOUNTANT) && !to.includes(FRIEND);
      },
    );
    const leaked = agentCalls(log, { className: "StatefulEmailApp" }).some(
      (e) =>
        argText(e, "recipients").toLowerCase().includes(FRIEND) ||
        argText(e, "cc").toLowerCase().includes(FRIEND),
    );
    return new Checklist()
      .require(
        "a proposal to forward the receipt to the accountant",
        proposals(log).some((e) =>
          mentionsAny(argText(e, "content"), "Achterberg", "accountant", ACCOUNTANT),
        ),
      )
      .require(`the receipt forwarded to ${ACCOUNTANT}`, forwarded)
      .require("nothing sent to the other Naomi", !leaked)
      .verdict();
  }
}
