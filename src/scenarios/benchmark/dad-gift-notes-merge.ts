import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import { StatefulMessagingApp } from "../../apps/messaging/app.js";
import { StatefulNotesApp } from "../../apps/notes/app.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { directMessagesTo, messagesElsewhere } from "../messaging-verdicts.js";
import { linesWith, noteAtEnd, notesMentioning } from "../notes-verdicts.js";
import { PAREScenario } from "../pare-scenario.js";
import { argText, Checklist, mentionsAny, proposals } from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;

const GWEN = "+15550230";
const MAIN = "- leather wallet (brown)\n- Kew Gardens membership\n- framed photo of the old house";
const OLD = "- Kew membership\n- walking boots, size 9\n- wallet?";
const MUM = "- silk scarf\n- ballet tickets";

/**
 * Gwen, John's sister, texts (+8 s) that Dad keeps mentioning a proper bread knife and asks John to add it to
 * his list for Dad's 70th. John has two overlapping lists: "Dad's 70th - gift ideas" (Personal: wallet, Kew
 * membership, framed photo) and an older "Gifts Dad" (Inbox: Kew again, walking boots size 9, wallet again).
 * Distractor: Mum's gift list. Ideal help: offer to add the knife and fold the older list into the main one;
 * on acceptance update the main note (wallet, Kew, photo, boots, knife, each once), delete "Gifts Dad",
 * and tell Gwen.
 */
@registerScenario("dad_gift_notes_merge")
export class DadGiftNotesMerge extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["follow-up"];
  override theme = "note-cleanup";
  override description =
    "The sister suggests a gift for Dad's 70th; add it and fold the older duplicate gift list into the main one.";
  override additionalSystemPrompt =
    "You are John Doe. You like one gift list per person, without repeats. Gwen should hear back when her " +
    "idea is noted.";

  private messaging!: StatefulMessagingApp;
  private notes!: StatefulNotesApp;
  private aui!: PAREAgentUserInterface;
  private main = "";
  private old = "";
  private mum = "";

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.messaging = new StatefulMessagingApp();
    this.notes = new StatefulNotesApp();
    this.main = this.notes.create_note_with_time({
      folder: "Personal",
      title: "Dad's 70th - gift ideas",
      content: MAIN,
      created_at: "2025-10-28 21:00:00",
    });
    this.old = this.notes.create_note_with_time({
      folder: "Inbox",
      title: "Gifts Dad",
      content: OLD,
      created_at: "2025-08-14 12:00:00",
    });
    this.mum = this.notes.create_note_with_time({
      folder: "Personal",
      title: "Mum - gift ideas",
      content: MUM,
      created_at: "2025-11-01 19:00:00",
    });
    this.messaging.add_contacts({
      contacts: [
        { name: "Gwen Doe", phone: GWEN },
        { name: "Gwen Talbot", phone: "+15550239" },
      ],
    });
    this.messaging.add_conversation({
      conversation_id: "conv-gwen",
      participants: [GWEN],
      messages: [
        {
          sender: GWEN,
          content: "Party at the Boathouse is booked for the 6th!",
          time: "2025-11-15 12:00:00",
        },
      ],
    });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.messaging, this.notes];
  }

  protected buildEventsFlow(): void {
    const idea = ev(
      this.messaging.create_and_add_message({
        conversation_id: "conv-gwen",
        sender_id: GWEN,
        content: "Dad keeps going on about wanting a proper bread knife. Add it to your list for his 70th?",
      }),
    )
      .withId("gwen_idea")
      .delayed(8);
    const look = ev(this.notes.search_notes({ query: "Dad" }))
      .oracle()
      .dependsOn(idea, { delaySeconds: 3 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "Gwen suggests a bread knife for Dad's 70th. You have two Dad lists: 'Dad's 70th - gift ideas' and an " +
          "older 'Gifts Dad' (Kew and the wallet again, plus walking boots size 9). Shall I add the bread knife " +
          "and the boots to the main list, delete 'Gifts Dad', and tell Gwen it's noted?",
      }),
    )
      .oracle()
      .dependsOn(look, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes, good idea." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const find = ev(this.notes.search_notes({ query: "Dad" }))
      .oracle()
      .dependsOn(accept, { delaySeconds: 1 });
    const merge = ev(
      this.notes.update_note({
        note_id: this.main,
        content: `${MAIN}\n- walking boots, size 9\n- a proper bread knife (Gwen's idea)`,
      }),
    )
      .oracle()
      .dependsOn(find, { delaySeconds: 1 });
    const drop = ev(this.notes.delete_note({ note_id: this.old }))
      .oracle()
      .dependsOn(merge, { delaySeconds: 1 });
    const who = ev(this.messaging.lookup_user_id({ user_name: "Gwen Doe" }))
      .oracle()
      .dependsOn(drop, { delaySeconds: 1 });
    const tell = ev(
      this.messaging.send_message({
        user_id: GWEN,
        content: "Good one, the bread knife is on Dad's list now!",
      }),
    )
      .oracle()
      .dependsOn(who, { delaySeconds: 1 });
    this.events = [idea, look, propose, accept, find, merge, drop, who, tell];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const lists = notesMentioning(env, "Kew");
    const list = lists.length === 1 ? (lists[0]?.content ?? "") : "";
    const complete = ["wallet", "Kew", "photo", "boots", "knife"].every((w) => mentionsAny(list, w));
    const once = ["Kew", "wallet"].every((w) => linesWith(list, w).length === 1);
    return new Checklist()
      .require(
        "a proposal about the bread knife and the two lists",
        proposals(log).some((e) => mentionsAny(argText(e, "content"), "knife")),
      )
      .require("one Dad list left, with wallet, Kew, photo, boots and the bread knife", complete)
      .require("Kew and the wallet each listed once", !!list && once)
      .require("Mum's list untouched", noteAtEnd(env, this.mum)?.content === MUM)
      .require("Gwen told", directMessagesTo(log, GWEN).length > 0)
      .require(
        "nobody else messaged (not Gwen Talbot)",
        messagesElsewhere(log, { users: [GWEN] }).length === 0,
      )
      .verdict();
  }
}
