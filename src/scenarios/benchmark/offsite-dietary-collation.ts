import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulEmailApp } from "../../apps/email/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import { StatefulMessagingApp } from "../../apps/messaging/app.js";
import { StatefulNotesApp } from "../../apps/notes/app.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { assistantEmails, assistantEmailsTo } from "../email-verdicts.js";
import { linesWith, noteAtEnd } from "../notes-verdicts.js";
import { PAREScenario } from "../pare-scenario.js";
import {
  argText,
  assistantWrites,
  Checklist,
  mentionsAll,
  mentionsAny,
  proposals,
} from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;

const CATERER = "orders@lumencatering.example";
const BEN = "+15550341";
const CARLA = "+15550342";
const SHEET =
  "Team offsite, Thursday 27 Nov, lunch for 6.\n" +
  `Caterer: Lumen Catering, ${CATERER}: send them the totals by Wednesday.\n\n` +
  "Dietary needs:\nJohn: none\nRhea: none\nAiko: ?\nBen: ?\nCarla: ?\nDmitri: ?";
/** A second vegan (the sales colleague's) must not be counted. */
const TWO_VEGANS = /\b2\s*(?:x\s*)?vegan|vegan\w*\s*(?:meals?|lunch(?:es)?)?\s*[:x×=-]\s*2\b/i;

/**
 * John collects dietary needs for the team offsite lunch (6 people) in a note that names the caterer's order
 * address. Aiko emailed yesterday (vegetarian), Ben said in chat he eats anything; Carla writes (+6 s, chat)
 * that she is vegan, Dmitri emails (+12 s) that he needs gluten-free. Distractors: Ines from Sales (another
 * team's kickoff) is vegan too, and the caterer's newsletter comes from hello@. Ideal help: offer to fill in the
 * note and email the caterer: 6 lunches, 3 standard, 1 vegetarian, 1 vegan, 1 gluten-free; on acceptance do it.
 */
@registerScenario("offsite_dietary_collation")
export class OffsiteDietaryCollation extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["information-extraction"];
  override theme = "multi-party";
  override description =
    "Four teammates give dietary needs by email and chat; collate them into the catering note and email the caterer the totals.";
  override additionalSystemPrompt =
    "You are John Doe, organising the team offsite lunch. Once everyone has answered you want the note " +
    "complete and the totals sent to Lumen Catering's order address.";

  private email!: StatefulEmailApp;
  private messaging!: StatefulMessagingApp;
  private notes!: StatefulNotesApp;
  private aui!: PAREAgentUserInterface;
  private sheet = "";

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.email = new StatefulEmailApp();
    this.messaging = new StatefulMessagingApp();
    this.notes = new StatefulNotesApp();
    this.sheet = this.notes.create_note_with_time({
      folder: "Work",
      title: "Offsite catering",
      content: SHEET,
      created_at: "2025-11-14 11:00:00",
    });
    this.email.add_emails({
      emails: [
        {
          sender: "aiko.tanaka@ferrovia-systems.example",
          subject: "Re: Offsite lunch - dietary needs?",
          content: "Vegetarian for me please! Thanks for organising.",
          time: "2025-11-17 10:20:00",
        },
        {
          sender: "ines.moreau@ferrovia-systems.example",
          subject: "Sales kickoff lunch: dietary",
          content: "For the sales kickoff on the 4th: I'm vegan.",
          time: "2025-11-17 15:00:00",
        },
        {
          sender: "hello@lumencatering.example",
          subject: "Winter menu is here",
          content: "Soups, stews and our famous ginger loaf.",
          time: "2025-11-16 08:00:00",
        },
      ],
    });
    this.messaging.add_contacts({
      contacts: [
        { name: "Ben Foster", phone: BEN },
        { name: "Carla Reyes", phone: CARLA },
      ],
    });
    this.messaging.add_conversation({
      conversation_id: "conv-ben",
      participants: [BEN],
      messages: [
        {
          sender: BEN,
          content: "Offsite lunch: no dietary stuff for me, I eat anything",
          time: "2025-11-17 12:05:00",
        },
      ],
    });
    this.messaging.add_conversation({
      conversation_id: "conv-carla",
      participants: [CARLA],
      messages: [{ sender: CARLA, content: "Slides look great", time: "2025-11-14 17:00:00" }],
    });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.email, this.messaging, this.notes];
  }

  protected buildEventsFlow(): void {
    const carla = ev(
      this.messaging.create_and_add_message({
        conversation_id: "conv-carla",
        sender_id: CARLA,
        content: "Sorry I'm late with this: I'm vegan, for the offsite lunch!",
      }),
    )
      .withId("carla_vegan")
      .delayed(6);
    const dmitri = ev(
      this.email.send_email_to_user_with_id({
        email_id: "email-dmitri-dietary",
        sender: "dmitri.volkov@ferrovia-systems.example",
        subject: "Re: Offsite lunch - dietary needs?",
        content: "Hi John, gluten-free for me please, I'm coeliac. Dmitri",
      }),
    )
      .withId("dmitri_gluten_free")
      .delayed(12);
    const sheet = ev(this.notes.search_notes({ query: "catering" }))
      .oracle()
      .dependsOn([carla, dmitri], { delaySeconds: 3 });
    const mails = ev(this.email.search_emails({ query: "Offsite lunch" }))
      .oracle()
      .dependsOn(sheet, { delaySeconds: 1 });
    const chats = ev(this.messaging.list_recent_conversations({ offset: 0, limit: 5 }))
      .oracle()
      .dependsOn(mails, { delaySeconds: 1 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "Everyone has answered for the offsite lunch: Aiko vegetarian, Ben none, Carla vegan, Dmitri " +
          "gluten-free (John and Rhea none). Shall I fill them into your 'Offsite catering' note and email " +
          `Lumen Catering (${CATERER}): 6 lunches, 3 standard, 1 vegetarian, 1 vegan, 1 gluten-free?`,
      }),
    )
      .oracle()
      .dependsOn(chats, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes, send it." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const find = ev(this.notes.search_notes({ query: "Offsite catering" }))
      .oracle()
      .dependsOn(accept, { delaySeconds: 1 });
    const fill = ev(
      this.notes.update_note({
        note_id: this.sheet,
        content: SHEET.replace("Aiko: ?", "Aiko: vegetarian")
          .replace("Ben: ?", "Ben: none")
          .replace("Carla: ?", "Carla: vegan")
          .replace("Dmitri: ?", "Dmitri: gluten-free (coeliac)"),
      }),
    )
      .oracle()
      .dependsOn(find, { delaySeconds: 1 });
    const order = ev(
      this.email.send_email({
        recipients: [CATERER],
        subject: "Offsite lunch, Thursday 27 Nov: final numbers",
        content:
          "Hello,\n\nFinal numbers for our lunch on Thursday 27 November: 6 lunches in total, of which 3 " +
          "standard, 1 vegetarian, 1 vegan and 1 gluten-free (coeliac, so please keep it separate).\n\n" +
          "Thank you,\nJohn Doe",
      }),
    )
      .oracle()
      .dependsOn(fill, { delaySeconds: 1 });
    this.events = [carla, dmitri, sheet, mails, chats, propose, accept, find, fill, order];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const note = noteAtEnd(env, this.sheet)?.content ?? "";
    const line = (name: string) => linesWith(note, name).join("\n");
    const totals = assistantEmailsTo(env, CATERER).some(
      (m) =>
        mentionsAll(m.content, "vegetarian", "vegan", "gluten") &&
        /\b6\b|\bsix\b/i.test(m.content) &&
        /\b3\b|\bthree\b/i.test(m.content) &&
        !TWO_VEGANS.test(m.content),
    );
    const otherNotes = assistantWrites(log, { className: "StatefulNotesApp" }).filter(
      (e) => argText(e, "note_id") !== this.sheet,
    );
    return new Checklist()
      .require(
        "a proposal with the dietary totals",
        proposals(log).some((e) => mentionsAll(argText(e, "content"), "vegan", "gluten")),
      )
      .require(
        "the note lists Aiko vegetarian, Ben none, Carla vegan, Dmitri gluten-free",
        mentionsAny(line("Aiko"), "vegetarian") &&
          mentionsAny(line("Ben"), "none", "no ", "anything", "standard") &&
          mentionsAny(line("Carla"), "vegan") &&
          mentionsAny(line("Dmitri"), "gluten"),
      )
      .require("Ines (another team's event) not added to the note", !/\bines\b/i.test(note))
      .require("the caterer emailed 6 lunches: 3 standard, 1 vegetarian, 1 vegan, 1 gluten-free", totals)
      .require(
        "no email to anyone but the caterer's order address",
        assistantEmails(env).every((m) => m.recipients.every((r) => r === CATERER)),
      )
      .require("no other note written", otherNotes.length === 0)
      .verdict();
  }
}
