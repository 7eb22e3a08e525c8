import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import { StatefulMessagingApp } from "../../apps/messaging/app.js";
import { StatefulNotesApp } from "../../apps/notes/app.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { PAREScenario } from "../pare-scenario.js";
import { agentCalls, argText, Checklist, mentionsAll, mentionsAny, proposals } from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;

const INGRID = "9175550162";
const CONVERSATION = "conv-ingrid";
const TITLES = ["Salt Cartographer", "Nine Winters", "Field Guide to Quiet"];

/**
 * The user asked Ingrid for reading tips before a long flight; she answers with three books (and
 * warns off a fourth). Ideal help: offer to keep the list; on acceptance write a note in the Personal
 * folder with the three titles and their authors.
 */
@registerScenario("book_recommendations_note")
export class BookRecommendationsNote extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["information-extraction"];
  override theme = "capture";
  override description =
    "A friend recommends three books in chat; save them in a note in the Personal folder.";

  private messaging!: StatefulMessagingApp;
  private notes!: StatefulNotesApp;
  private aui!: PAREAgentUserInterface;

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.messaging = new StatefulMessagingApp();
    this.notes = new StatefulNotesApp();
    this.messaging.add_contacts({
      contacts: [
        { name: "Ingrid Solberg", phone: INGRID },
        { name: "Marcus Adeyemi", phone: "9175550115" },
      ],
    });
    this.messaging.add_conversation({
      participants: [INGRID],
      conversation_id: CONVERSATION,
      messages: [
        {
          sender: "John Doe",
          content:
            "Flying to Auckland next month, 13 hours. Any book recommendations? You always know the good ones.",
          time: "2025-11-17 21:40:00",
        },
        {
          sender: "Ingrid Solberg",
          content: "Ooh, let me think and get back to you!",
          time: "2025-11-17 21:52:00",
        },
      ],
    });
    this.messaging.add_conversation({
      participants: ["9175550115"],
      messages: [
        {
          sender: "Marcus Adeyemi",
          content: "Watched Glass Harbor last night, the ending is wild. You should see it.",
          time: "2025-11-16 23:05:00",
        },
      ],
    });
    this.notes.create_note_with_time({
      folder: "Personal",
      title: "Gift ideas",
      content: "Mom: scarf or pottery class voucher\nDad: sourdough starter kit",
      created_at: "2025-11-02 10:00:00",
    });
    this.notes.create_note_with_time({
      folder: "Personal",
      title: "Movies to watch",
      content: "- Glass Harbor\n- The Long Meridian\n- Paper Lanterns",
      created_at: "2025-10-21 22:15:00",
    });
    this.notes.create_note_with_time({
      folder: "Work",
      title: "Q4 planning",
      content: "Hiring plan, budget review, offsite venue shortlist",
      created_at: "2025-11-10 09:30:00",
    });
    this.notes.create_note_with_time({
      folder: "Inbox",
      title: "Auckland trip",
      content: "Flight NZ5 on Dec 12, 21:40. Need adapter plug.",
      created_at: "2025-11-12 19:00:00",
    });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.messaging, this.notes];
  }

  protected buildEventsFlow(): void {
    const recs = ev(
      this.messaging.create_and_add_message({
        conversation_id: CONVERSATION,
        sender_id: INGRID,
        content:
          "Okay, my top three for the flight: 'The Salt Cartographer' by Mireille Adjani, 'Nine Winters in Tromso' " +
          "by Kasper Holm, and 'A Field Guide to Quiet Rooms' by Ruth Okonkwo. Start with the Salt one! " +
          "And skip 'Glass Harbor', the book is nothing like the movie.",
      }),
    )
      .withId("book_recs")
      .delayed(9);
    const read = ev(this.messaging.read_conversation({ conversation_id: CONVERSATION, limit: 5 }))
      .oracle()
      .dependsOn(recs, { delaySeconds: 3 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "Ingrid recommended three books for your flight: The Salt Cartographer (Mireille Adjani), Nine Winters in " +
          "Tromso (Kasper Holm) and A Field Guide to Quiet Rooms (Ruth Okonkwo). Shall I save them in a note in Personal?",
      }),
    )
      .oracle()
      .dependsOn(read, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes, good idea." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const write = ev(
      this.notes.create_note({
        folder: "Personal",
        title: "Book recommendations from Ingrid",
        content:
          "1. The Salt Cartographer - Mireille Adjani (start with this one)\n" +
          "2. Nine Winters in Tromso - Kasper Holm\n" +
          "3. A Field Guide to Quiet Rooms - Ruth Okonkwo",
      }),
    )
      .oracle()
      .dependsOn(accept, { delaySeconds: 2 });
    this.events = [recs, read, propose, accept, write];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const hasAll = (text: string) => mentionsAll(text, ...TITLES);
    const wrote = agentCalls(log, { className: "StatefulNotesApp" }).some(
      (e) =>
        ["create_note", "update_note"].includes(e.action?.function ?? "") &&
        hasAll(argText(e, "title") + argText(e, "content")),
    );
    // The note may be written elsewhere and moved; what counts is where it ends up.
    const personal = env.getAppByClass(StatefulNotesApp)?.folderNotes("Personal");
    const filed = [...(personal?.values() ?? [])].some((n) => hasAll(`${n.title}\n${n.content}`));
    return new Checklist()
      .require(
        "a proposal about Ingrid's book recommendations",
        proposals(log).some((e) => mentionsAny(argText(e, "content"), "book", "Ingrid", "Cartographer")),
      )
      .require("a note written with the three recommended titles", wrote)
      .require("that note in the Personal folder", filed)
      .verdict();
  }
}
