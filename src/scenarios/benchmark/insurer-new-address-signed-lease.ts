import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulApartmentApp } from "../../apps/apartment/app.js";
import { StatefulEmailApp } from "../../apps/email/app.js";
import { StatefulFilesApp } from "../../apps/files/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { assistantEmails } from "../email-verdicts.js";
import { PAREScenario } from "../pare-scenario.js";
import {
  agentCalls,
  argText,
  assistantWrites,
  Checklist,
  fileNamesIn,
  mentionsAny,
  proposals,
} from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;

const INSURER = "policies@kestrelcover.example";
const REQUEST = "email-kestrel-address";
const SIGNED = "/Documents/Home/lease-tolland-rise-signed.pdf";
const DRAFT = "/Documents/Home/lease-tolland-rise-draft.pdf";
const MOVE_DATE = /6(th)?\s*dec|dec[a-z]*\.?\s*6|2025-12-06|06\/12|12\/06/i;

/**
 * John's contents insurer asks for his new address, the date he moves and a copy of the signed lease. The
 * address is in the saved listing (3 Tolland Rise, Flat 5; Tolland Rise Flat 2 is a near miss), the move-in
 * date in the signed lease in Files (6 December); an unsigned draft next to it still says 1 December. Ideal
 * help: offer to reply with the address and 6 December, attaching the signed lease; then reply with it.
 */
@registerScenario("insurer_new_address_signed_lease")
export class InsurerNewAddressSignedLease extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["information-extraction"];
  override theme = "files-attachments";
  override description =
    "The contents insurer asks for the new address, move date and signed lease; reply from the listing and the signed lease, not the draft.";
  override additionalSystemPrompt =
    "You are John Doe, moving to Tolland Rise next month. Paperwork should go out correct the first time.";

  private apartments!: StatefulApartmentApp;
  private email!: StatefulEmailApp;
  private files!: StatefulFilesApp;
  private aui!: PAREAgentUserInterface;

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.apartments = new StatefulApartmentApp();
    this.email = new StatefulEmailApp();
    this.files = new StatefulFilesApp();
    const flat = {
      zip_code: "47120",
      number_of_bathrooms: 1,
      property_type: "Apartment",
      lease_term: "1 year",
    };
    this.apartments.add_apartment({
      ...flat,
      apartment_id: "apt-tolland-rise-5",
      name: "Tolland Rise, Flat 5 (lease signed)",
      location: "3 Tolland Rise, Flat 5, Brookvale",
      price: 1690,
      number_of_bedrooms: 1,
      square_footage: 600,
      saved: true,
    });
    this.apartments.add_apartment({
      ...flat,
      apartment_id: "apt-tolland-rise-2",
      name: "Tolland Rise, Flat 2",
      location: "3 Tolland Rise, Flat 2, Brookvale",
      price: 1650,
      number_of_bedrooms: 1,
      square_footage: 585,
    });
    this.files.add_files({
      files: [
        {
          path: SIGNED,
          text:
            "Tenancy agreement (signed by both parties)\nProperty: 3 Tolland Rise, Flat 5, Brookvale 47120\n" +
            "Tenant: John Doe\nTenancy starts: 6 December 2025 (keys from 10:00)\nRent: USD 1,690 per month",
          size: 230_000,
          created_at: "2025-11-15 16:00:00",
        },
        {
          path: DRAFT,
          text:
            "DRAFT tenancy agreement - not signed\nProperty: 3 Tolland Rise, Flat 5, Brookvale 47120\n" +
            "Tenancy starts: 1 December 2025",
          size: 220_000,
          created_at: "2025-11-08 12:00:00",
        },
        {
          path: "/Documents/Home/contents-insurance-policy.pdf",
          text: "Kestrel Cover contents insurance, policy KC-90412. Current address: 17 Wick Lane, Brookvale.",
          size: 120_000,
        },
      ],
    });
    this.email.add_emails({
      emails: [
        {
          sender: "renewals@kestrelcover.example",
          subject: "Your renewal is coming up",
          content: "Policy KC-90412 renews on 3 March 2026.",
          time: "2025-11-01 08:00:00",
        },
      ],
    });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.email, this.apartments, this.files];
  }

  protected buildEventsFlow(): void {
    const request = ev(
      this.email.send_email_to_user_with_id({
        email_id: REQUEST,
        sender: INSURER,
        subject: "Policy KC-90412: your move",
        content:
          "Dear Mr Doe,\n\nThanks for telling us you're moving. To move your cover, please reply with your new " +
          "address, the date you move in, and a copy of your signed tenancy agreement.\n\nKestrel Cover",
      }),
    )
      .withId("insurer_request")
      .delayed(9);
    const listing = ev(this.apartments.list_saved_apartments())
      .oracle()
      .dependsOn(request, { delaySeconds: 3 });
    const root = ev(this.files.ls({})).oracle().dependsOn(listing, { delaySeconds: 1 });
    const documents = ev(this.files.ls({ path: "/Documents" }))
      .oracle()
      .dependsOn(root, { delaySeconds: 1 });
    const home = ev(this.files.ls({ path: "/Documents/Home" }))
      .oracle()
      .dependsOn(documents, { delaySeconds: 1 });
    const lease = ev(this.files.read_document({ file_path: SIGNED }))
      .oracle()
      .dependsOn(home, { delaySeconds: 1 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "Kestrel Cover needs your move details for policy KC-90412. Shall I reply with your new address, 3 Tolland " +
          `Rise, Flat 5, Brookvale 47120, the move-in date 6 December 2025 (from the signed lease; the draft's 1 December ` +
          `is outdated), and attach the signed lease ${SIGNED}?`,
      }),
    )
      .oracle()
      .dependsOn(lease, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes, send it." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const find = ev(this.email.search_emails({ query: "KC-90412" }))
      .oracle()
      .dependsOn(accept, { delaySeconds: 1 });
    const reply = ev(
      this.email.reply_to_email({
        email_id: REQUEST,
        content:
          "Hello,\n\nMy new address is 3 Tolland Rise, Flat 5, Brookvale 47120, and I move in on 6 December 2025. " +
          "The signed tenancy agreement is attached.\n\nKind regards,\nJohn Doe",
        attachment_paths: [SIGNED],
      }),
    )
      .oracle()
      .dependsOn(find, { delaySeconds: 1 });
    const report = ev(
      this.aui.send_message_to_user({ content: "Sent to Kestrel Cover with the signed lease attached." }),
    )
      .oracle()
      .dependsOn(reply, { delaySeconds: 1 });
    this.events = [request, listing, root, documents, home, lease, propose, accept, find, reply, report];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const sends = agentCalls(log, {
      className: "StatefulEmailApp",
      function: ["reply_to_email", "send_email"],
    });
    const mail = assistantEmails(env);
    const good = sends.some((e) => {
      const text = argText(e, "content");
      const toInsurer =
        argText(e, "email_id") === REQUEST || argText(e, "recipients").toLowerCase().includes(INSURER);
      const files = fileNamesIn(e, "attachment_paths");
      return (
        toInsurer &&
        mentionsAny(text, "3 Tolland Rise") &&
        mentionsAny(text, "Flat 5", "Apt 5", "Unit 5", "#5") &&
        MOVE_DATE.test(text) &&
        files.includes("lease-tolland-rise-signed.pdf") &&
        !files.includes("lease-tolland-rise-draft.pdf")
      );
    });
    return new Checklist()
      .require(
        "a proposal with the new address and move date",
        proposals(log).some((e) => mentionsAny(argText(e, "content"), "Tolland")),
      )
      .require(
        "Kestrel Cover answered with 3 Tolland Rise, Flat 5, 6 December and the signed lease attached",
        good,
      )
      .require(
        "no email with the draft's 1 December or to anyone else",
        mail.every(
          (m) =>
            m.recipients.every((r) => r === INSURER) && !/\b1(st)?\s*dec|dec[a-z]*\.?\s*1\b/i.test(m.content),
        ),
      )
      .require("no file changed", assistantWrites(log, { className: "StatefulFilesApp" }).length === 0)
      .verdict();
  }
}
