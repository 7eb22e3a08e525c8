import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulContactsApp } from "../../apps/contacts/app.js";
import type { Contact } from "../../apps/contacts/model.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { PAREScenario } from "../pare-scenario.js";
import { argText, assistantWrites, Checklist, mentionsAny, proposals } from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;

const CALLED = "contact-marek-phone";
const EMAILED = "contact-marek-email";
const MARTA = "contact-marta-zielinska";
const PHONE = "+15550231";
const EMAIL = "marek@zielinski-plumbing.example";
const ADDRESS = "Unit 3, Tanner's Yard, Eastfold";

/**
 * No environment event: nothing arrives. The address book holds two cards for the same plumber, Marek
 * Zielinski: one saved from a call (phone, "Plumber", fixed the boiler), one typed from his invoice with the
 * Polish spelling Zieliński (email and workshop address, "Plumbing & heating"). Distractors: Marta Zielinska
 * (the dentist) and Mark Zeller (an electrician). Ideal help: notice the duplicate, offer to merge; on
 * acceptance put the phone, email and address on one card and delete the other, touching nothing else.
 */
@registerScenario("merge_duplicate_contact_cards")
export class MergeDuplicateContactCards extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["gap-detection"];
  override theme = "contacts-comms";
  override description =
    "Nothing arrives: two cards describe the same plumber (phone on one, email and address on the other); merge them.";
  override additionalSystemPrompt =
    "You are John Doe. Marek is the only plumber you use; one tidy card for him with everything on it is what " +
    "you want. Keep the other contacts as they are.";

  private contacts!: StatefulContactsApp;
  private aui!: PAREAgentUserInterface;

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.contacts = new StatefulContactsApp();
    this.contacts.add_contacts({
      contacts: [
        {
          contact_id: "contact-gwen-doe",
          first_name: "Gwen",
          last_name: "Doe",
          phone: "+15550230",
          description: "Sister",
        },
        {
          contact_id: CALLED,
          first_name: "Marek",
          last_name: "Zielinski",
          phone: PHONE,
          job: "Plumber",
          description: "Fixed the boiler in October",
        },
        {
          contact_id: MARTA,
          first_name: "Marta",
          last_name: "Zielinska",
          phone: "+15550238",
          email: "reception@eastfold-dental.example",
          job: "Dentist",
        },
        {
          contact_id: "contact-mark-zeller",
          first_name: "Mark",
          last_name: "Zeller",
          phone: "+15550239",
          job: "Electrician",
        },
        {
          contact_id: EMAILED,
          first_name: "Marek",
          last_name: "Zieliński",
          email: EMAIL,
          address: ADDRESS,
          job: "Plumbing & heating",
          description: "From the October invoice",
        },
        {
          contact_id: "contact-priya-nair",
          first_name: "Priya",
          last_name: "Nair",
          phone: "+15550237",
          email: "priya.nair@postbox.example",
        },
      ],
    });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.contacts];
  }

  protected buildEventsFlow(): void {
    const list = ev(this.contacts.get_contacts({ offset: 0 }))
      .oracle()
      .delayed(5);
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "You have two cards for your plumber: Marek Zielinski (phone +15550231) and Marek Zieliński (email " +
          `${EMAIL}, address ${ADDRESS}). Shall I merge them into one card with the phone, email and address, ` +
          "and delete the duplicate?",
      }),
    )
      .oracle()
      .dependsOn(list, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes, merge them." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const find = ev(this.contacts.search_contacts({ query: "Marek" }))
      .oracle()
      .dependsOn(accept, { delaySeconds: 1 });
    const edit = ev(
      this.contacts.edit_contact({ contact_id: CALLED, updates: { email: EMAIL, address: ADDRESS } }),
    )
      .oracle()
      .dependsOn(find, { delaySeconds: 1 });
    const remove = ev(this.contacts.delete_contact({ contact_id: EMAILED }))
      .oracle()
      .dependsOn(edit, { delaySeconds: 1 });
    this.events = [list, propose, accept, find, edit, remove];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const app = env.getAppByClass(StatefulContactsApp);
    const all = [...(app?.contacts.values() ?? [])];
    const mareks = all.filter((c) => c.first_name === "Marek");
    const merged = (c: Contact) =>
      (c.phone ?? "").replace(/\D/g, "") === PHONE.replace(/\D/g, "") &&
      c.email?.toLowerCase() === EMAIL &&
      mentionsAny(c.address ?? "", "Tanner");
    const others = ["contact-gwen-doe", MARTA, "contact-mark-zeller", "contact-priya-nair"];
    const touched = assistantWrites(log, { className: "StatefulContactsApp" }).filter((e) =>
      others.includes(argText(e, "contact_id")),
    );
    return new Checklist()
      .require(
        "a proposal to merge Marek's two cards",
        proposals(log).some((e) => mentionsAny(argText(e, "content"), "Marek")),
      )
      .require("exactly one card for Marek left", mareks.length === 1)
      .require(
        "that card holds his phone, email and workshop address",
        mareks.length === 1 && merged(mareks[0] as Contact),
      )
      .require("Marta Zielinska, Mark Zeller and the others untouched", touched.length === 0)
      .require("no new card added", all.length === others.length + 2)
      .verdict();
  }
}
