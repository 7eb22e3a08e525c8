import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulContactsApp } from "../../apps/contacts/app.js";
import type { Contact } from "../../apps/contacts/model.js";
import { StatefulEmailApp } from "../../apps/email/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import { StatefulNotesApp } from "../../apps/notes/app.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { linesWith, noteAtEnd } from "../notes-verdicts.js";
import { PAREScenario } from "../pare-scenario.js";
import { argText, assistantWrites, Checklist, mentionsAll, proposals } from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;

const KOFI = "contact-kofi-mensah";
const LEADS =
  "Urban Futures 17 Nov - follow up\n- Lena (green roofs)\n- Kofi Mensah (lighting)\n- Ade? (footfall data)";
/** [first, last, email, phone, company, topic] */
const PEOPLE: [string, string, string, string, string, string][] = [
  ["Lena", "Vogt", "lena.vogt@greenroof.example", "+15550711", "Greenroof Labs", "green roofs"],
  ["Kofi", "Mensah", "kofi@mensah-lighting.example", "+15550722", "Mensah Lighting", "lighting"],
  ["Ade", "Bakare", "ade.bakare@cityflow.example", "+15550733", "Cityflow", "footfall"],
];

/**
 * After yesterday's Urban Futures conference, three people John met email him (+5, +10, +15 s) with their
 * details. His follow-up note lists them by first name only. Kofi Mensah is already a contact, with his old
 * number and employer; his email gives a new company and number. Distractors: the conference newsletter,
 * Kofi Annan-Smith (another contact). Ideal help: offer to save Lena and Ade as contacts, update Kofi's card,
 * and complete the note with each person's full name, company and email; on acceptance do exactly that.
 */
@registerScenario("conference_leads_capture")
export class ConferenceLeadsCapture extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["information-extraction"];
  override theme = "capture";
  override description =
    "Three conference contacts email their details; save two new contacts, update the third, and complete the follow-up note.";
  override additionalSystemPrompt =
    "You are John Doe. Everyone you meet professionally goes into Contacts (one card each, kept current). In a " +
    "follow-up note you want each person's full name, company and email.";

  private email!: StatefulEmailApp;
  private contacts!: StatefulContactsApp;
  private notes!: StatefulNotesApp;
  private aui!: PAREAgentUserInterface;
  private leads = "";

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.email = new StatefulEmailApp();
    this.contacts = new StatefulContactsApp();
    this.notes = new StatefulNotesApp();
    this.leads = this.notes.create_note_with_time({
      folder: "Work",
      title: "Urban Futures follow-up",
      content: LEADS,
      created_at: "2025-11-17 18:30:00",
    });
    this.notes.create_note_with_time({
      folder: "Work",
      title: "Urban Futures 2024",
      content: "Met the Cityscape team; nothing came of it.",
      created_at: "2024-11-20 18:00:00",
    });
    this.contacts.add_contacts({
      contacts: [
        {
          contact_id: KOFI,
          first_name: "Kofi",
          last_name: "Mensah",
          phone: "+15550720",
          email: "k.mensah@brightway.example",
          job: "Lighting engineer, Brightway",
        },
        {
          first_name: "Kofi",
          last_name: "Annan-Smith",
          phone: "+15550790",
          description: "Five-a-side football",
        },
        { first_name: "Lena", last_name: "Park", phone: "+15550791", description: "Neighbour" },
      ],
    });
    this.email.add_emails({
      emails: [
        {
          sender: "news@urbanfutures.example",
          subject: "Urban Futures: slides are online",
          content: "Thanks for coming! All talks are on our site. Contact us at hello@urbanfutures.example.",
          time: "2025-11-18 07:00:00",
        },
      ],
    });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.email, this.contacts, this.notes];
  }

  protected buildEventsFlow(): void {
    const mails = PEOPLE.map(([first, last, address, phone, company, topic], i) =>
      ev(
        this.email.send_email_to_user_with_id({
          email_id: `email-lead-${first.toLowerCase()}`,
          sender: address,
          subject: "Great to meet you at Urban Futures",
          content:
            `Hi John,\n\nGood talking about ${topic} yesterday.` +
            (first === "Kofi"
              ? " I've moved on from Brightway and started my own firm, so note the new details."
              : "") +
            `\n\n${first} ${last}\n${company}\n${phone}`,
        }),
      )
        .withId(`lead_${first.toLowerCase()}`)
        .delayed(5 + 5 * i),
    );
    const note = ev(this.notes.search_notes({ query: "Urban Futures" }))
      .oracle()
      .dependsOn(mails, { delaySeconds: 3 });
    const cards = ev(this.contacts.get_contacts({ offset: 0 }))
      .oracle()
      .dependsOn(note, { delaySeconds: 1 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "Lena Vogt (Greenroof Labs), Kofi Mensah (now Mensah Lighting, new number) and Ade Bakare (Cityflow) " +
          "sent their details. Shall I add Lena and Ade as contacts, update Kofi's existing card, and complete " +
          "your 'Urban Futures follow-up' note with names, companies and emails?",
      }),
    )
      .oracle()
      .dependsOn(cards, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes, all of that." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const [lena, kofi, ade] = PEOPLE as [(typeof PEOPLE)[0], (typeof PEOPLE)[0], (typeof PEOPLE)[0]];
    const card = (p: (typeof PEOPLE)[0]) =>
      this.contacts.add_new_contact({
        first_name: p[0],
        last_name: p[1],
        email: p[2],
        phone: p[3],
        job: p[4],
      });
    const addLena = ev(card(lena)).oracle().dependsOn(accept, { delaySeconds: 1 });
    const addAde = ev(card(ade)).oracle().dependsOn(addLena, { delaySeconds: 1 });
    const findKofi = ev(this.contacts.search_contacts({ query: "Kofi Mensah" }))
      .oracle()
      .dependsOn(addAde, { delaySeconds: 1 });
    const editKofi = ev(
      this.contacts.edit_contact({
        contact_id: KOFI,
        updates: { phone: kofi[3], email: kofi[2], job: kofi[4] },
      }),
    )
      .oracle()
      .dependsOn(findKofi, { delaySeconds: 1 });
    const findNote = ev(this.notes.search_notes({ query: "Urban Futures follow-up" }))
      .oracle()
      .dependsOn(editKofi, { delaySeconds: 1 });
    const update = ev(
      this.notes.update_note({
        note_id: this.leads,
        content:
          "Urban Futures 17 Nov - follow up\n" +
          PEOPLE.map(
            ([f, l, address, , company, topic]) => `- ${f} ${l}, ${company} (${topic}): ${address}`,
          ).join("\n"),
      }),
    )
      .oracle()
      .dependsOn(findNote, { delaySeconds: 1 });
    this.events = [
      ...mails,
      note,
      cards,
      propose,
      accept,
      addLena,
      addAde,
      findKofi,
      editKofi,
      findNote,
      update,
    ];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const all = [...(env.getAppByClass(StatefulContactsApp)?.contacts.values() ?? [])];
    const digits = (s: string | null) => (s ?? "").replace(/\D/g, "");
    const cardsOf = (first: string, last: string) =>
      all.filter((c) => c.first_name === first && c.last_name.toLowerCase() === last.toLowerCase());
    const saved = (p: (typeof PEOPLE)[0]) => {
      const cards = cardsOf(p[0], p[1]);
      const c = cards[0] as Contact | undefined;
      return (
        cards.length === 1 && digits(c?.phone ?? null) === digits(p[3]) && c?.email?.toLowerCase() === p[2]
      );
    };
    const note = noteAtEnd(env, this.leads)?.content ?? "";
    const noted = PEOPLE.every(([f, l, address, , company]) => {
      const line = linesWith(note, address).join(" ");
      return mentionsAll(line, f, l) && mentionsAll(line, company.split(" ")[0] as string);
    });
    const bystanders = assistantWrites(log, { className: "StatefulContactsApp" }).filter(
      (e) => e.action?.function !== "add_new_contact" && argText(e, "contact_id") !== KOFI,
    );
    return new Checklist()
      .require(
        "a proposal to save the three people",
        proposals(log).some((e) => mentionsAll(argText(e, "content"), "Lena", "Kofi", "Ade")),
      )
      .require("Lena Vogt saved with phone and email", saved(PEOPLE[0] as (typeof PEOPLE)[0]))
      .require("Ade Bakare saved with phone and email", saved(PEOPLE[2] as (typeof PEOPLE)[0]))
      .require("Kofi Mensah's one card has his new number and email", saved(PEOPLE[1] as (typeof PEOPLE)[0]))
      .require("the note names each person in full with company and email", noted)
      .require(
        "Kofi Annan-Smith and Lena Park untouched, no extra cards",
        bystanders.length === 0 && all.length === 6,
      )
      .verdict();
  }
}
