import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulApartmentApp } from "../../apps/apartment/app.js";
import { StatefulContactsApp } from "../../apps/contacts/app.js";
import { StatefulEmailApp } from "../../apps/email/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import { StatefulNotesApp } from "../../apps/notes/app.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { assistantEmails } from "../email-verdicts.js";
import { PAREScenario } from "../pare-scenario.js";
import { argText, Checklist, mentionsAll, mentionsAny, proposals } from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;

const BANK = "care@harborsavings.example";
const HR = "lena.osei@quillmark.example";
const DENTIST = "frontdesk@brightsmile-dental.example";
const INSURER = "policies@copperline-insurance.example";
const GYM = "members@pulsefit.example";
const OLD_LANDLORD = "rentals@birchgate-lettings.example";
const WANTED = [BANK, HR, DENTIST, INSURER];
const FLAT = "apt-wrenfield-6";

/**
 * John signed for Wrenfield Terrace, Flat 6 (a saved listing; the full street address and zip code are only
 * in the listing). The letting agent emails that the lease is countersigned, move-in 1 December. His moving
 * note lists who needs the new address once the lease is signed: the bank, HR at work, the dentist and the car
 * insurer; the gym is being cancelled and the old landlord already knows. Contacts hold the addresses (with
 * the gym and the old landlord as distractors). Ideal help: offer to email the four, then send each the new
 * address and the 1 December date.
 */
@registerScenario("new_flat_change_of_address")
export class NewFlatChangeOfAddress extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["follow-up"];
  override theme = "home-search";
  override description =
    "The new flat's lease is countersigned; email the new address to the four contacts the moving note lists, not the gym.";
  override additionalSystemPrompt =
    "You are John Doe, moving to Wrenfield Terrace on 1 December. You want the change-of-address emails done " +
    "exactly as your moving checklist says, one short email each.";

  private apartments!: StatefulApartmentApp;
  private contacts!: StatefulContactsApp;
  private email!: StatefulEmailApp;
  private notes!: StatefulNotesApp;
  private aui!: PAREAgentUserInterface;

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.apartments = new StatefulApartmentApp();
    this.contacts = new StatefulContactsApp();
    this.email = new StatefulEmailApp();
    this.notes = new StatefulNotesApp();
    const common = { number_of_bathrooms: 1, property_type: "Apartment", lease_term: "1 year" };
    this.apartments.add_apartment({
      ...common,
      apartment_id: FLAT,
      name: "Wrenfield Terrace, Flat 6",
      location: "22 Wrenfield Terrace, Flat 6, Ashby",
      zip_code: "40822",
      price: 1875,
      number_of_bedrooms: 1,
      square_footage: 640,
      amenities: ["Bike storage"],
      saved: true,
    });
    this.apartments.add_apartment({
      ...common,
      apartment_id: "apt-wrenfield-2",
      name: "Wrenfield Terrace, Flat 2",
      location: "18 Wrenfield Terrace, Flat 2, Ashby",
      zip_code: "40822",
      price: 1790,
      number_of_bedrooms: 1,
      square_footage: 590,
    });
    this.apartments.add_apartment({
      ...common,
      apartment_id: "apt-copse-lane-3",
      name: "Copse Lane 3",
      location: "3 Copse Lane, Kettering Vale",
      zip_code: "40815",
      price: 1950,
      number_of_bedrooms: 2,
      square_footage: 760,
      saved: true,
    });
    this.contacts.add_contacts({
      contacts: [
        { first_name: "Harbor", last_name: "Savings", description: "My bank (current account)", email: BANK },
        { first_name: "Lena", last_name: "Osei", job: "HR at Quillmark", email: HR },
        {
          first_name: "Brightsmile",
          last_name: "Dental",
          description: "Dentist, Dr Okafor",
          email: DENTIST,
        },
        { first_name: "Copperline", last_name: "Insurance", description: "Car insurance", email: INSURER },
        { first_name: "Pulsefit", last_name: "Gym", description: "Gym membership", email: GYM },
        {
          first_name: "Birchgate",
          last_name: "Lettings",
          description: "Landlord of the current flat",
          email: OLD_LANDLORD,
        },
        { first_name: "Ruth", last_name: "Maddox", description: "Sister", phone: "+1 555 0144" },
      ],
    });
    this.notes.create_note_with_time({
      folder: "Personal",
      title: "Moving checklist",
      content:
        "Before the move: book movers, pack books, defrost freezer.\nOnce the Wrenfield lease is signed, email " +
        "the new address (full street address + zip, from 1 December) to: the bank, Lena in HR, the dentist, " +
        "the car insurer.\nNOT the gym: cancelling it instead. Old landlord already has notice.",
      created_at: "2025-11-10 19:00:00",
    });
    this.notes.create_note_with_time({
      folder: "Personal",
      title: "Housewarming",
      content: "Maybe mid-December? Invite Ruth and the climbing crew.",
      created_at: "2025-11-12 21:30:00",
    });
    this.email.add_emails({
      emails: [
        {
          sender: "offers@pulsefit.example",
          subject: "Don't go! 3 months half price",
          content: "We saw you asked about cancelling. Stay with Pulsefit and save 50%.",
          time: "2025-11-16 10:00:00",
        },
        {
          sender: OLD_LANDLORD,
          subject: "Notice received",
          content: "Thanks John, we have your notice; the final inspection is on 29 November.",
          time: "2025-11-11 14:00:00",
        },
      ],
    });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.apartments, this.contacts, this.email, this.notes];
  }

  protected buildEventsFlow(): void {
    const signed = ev(
      this.email.send_email_to_user_with_id({
        email_id: "email-wrenfield-signed",
        sender: "leasing@wrenfield-homes.example",
        subject: "Lease countersigned: Wrenfield Terrace, Flat 6",
        content:
          "Hi John,\n\nGood news: the landlord has countersigned your lease for Flat 6. The lease starts on " +
          "1 December; collect your keys from our office that morning.\n\nWelcome to Wrenfield Terrace!\nAmara",
      }),
    )
      .withId("lease_countersigned")
      .delayed(8);
    const checklist = ev(this.notes.search_notes({ query: "Wrenfield" }))
      .oracle()
      .dependsOn(signed, { delaySeconds: 3 });
    const flat = ev(this.apartments.search_apartments({ name: "Flat 6" }))
      .oracle()
      .dependsOn(checklist, { delaySeconds: 1 });
    const book = ev(this.contacts.get_contacts({ offset: 0 }))
      .oracle()
      .dependsOn(flat, { delaySeconds: 1 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "Your Wrenfield lease is countersigned (move-in 1 December). Your moving checklist says to send the new " +
          "address now. Shall I email 22 Wrenfield Terrace, Flat 6, Ashby 40822 (from 1 December) to the bank " +
          `(${BANK}), Lena in HR (${HR}), the dentist (${DENTIST}) and the car insurer (${INSURER})? ` +
          "Not the gym, as the note says.",
      }),
    )
      .oracle()
      .dependsOn(book, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes, send them." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const body =
      "Hello,\n\nPlease note my new address from 1 December 2025:\n22 Wrenfield Terrace, Flat 6\nAshby 40822\n\n" +
      "Thank you,\nJohn Doe";
    let prev: Event = accept;
    const sends: Event[] = [];
    for (const to of WANTED) {
      const send = ev(
        this.email.send_email({
          recipients: [to],
          subject: "Change of address from 1 December",
          content: body,
        }),
      )
        .oracle()
        .dependsOn(prev, { delaySeconds: 1 });
      sends.push(send);
      prev = send;
    }
    const report = ev(
      this.aui.send_message_to_user({
        content: "Done: the bank, Lena, the dentist and Copperline have your new address from 1 December.",
      }),
    )
      .oracle()
      .dependsOn(prev, { delaySeconds: 1 });
    this.events = [signed, checklist, flat, book, propose, accept, ...sends, report];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const sent = assistantEmails(env);
    const hasAddress = (text: string) =>
      mentionsAll(text, "Wrenfield", "40822") &&
      mentionsAny(text, "22 Wrenfield") &&
      mentionsAny(text, "Flat 6", "Apt 6", "#6", "Unit 6") &&
      mentionsAny(text, "1 December", "December 1", "1 Dec", "Dec 1", "12/01", "01/12", "2025-12-01");
    const checks = new Checklist().require(
      "a proposal to send the new address",
      proposals(log).some((e) => mentionsAny(argText(e, "content"), "address")),
    );
    for (const to of WANTED)
      checks.require(
        `${to} emailed the full new address and the 1 December date`,
        sent.some((m) => m.recipients.includes(to) && hasAddress(`${m.subject}\n${m.content}`)),
      );
    return checks
      .require(
        "no email to the gym, the old landlord or anyone else",
        sent.every((m) => m.recipients.every((r) => WANTED.includes(r))),
      )
      .verdict();
  }
}
