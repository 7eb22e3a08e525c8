import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import { StatefulMessagingApp } from "../../apps/messaging/app.js";
import { StatefulNotesApp } from "../../apps/notes/app.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { directMessagesTo, messagesElsewhere } from "../messaging-verdicts.js";
import { noteAtEnd, notesAtEnd } from "../notes-verdicts.js";
import { PAREScenario } from "../pare-scenario.js";
import { argText, Checklist, mentionsAny, proposals } from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;

const SAM = "+15550611";
const PLAN_TOP =
  "Saturday dinner, 22 Nov, 19:30\n" +
  "Guests: Ines & Tomas, Priya, Kofi (vegetarian)\n" +
  "Menu: beetroot soup, mushroom wellington, pear tart\n";
const SHOPPING = [
  "4 beetroots",
  "500 g chestnut mushrooms",
  "puff pastry x2",
  "crème fraîche",
  "3 pears",
  "bottle of Rioja",
];
const PLAN = `${PLAN_TOP}Shopping:\n${SHOPPING.map((s) => `- ${s}`).join("\n")}\nTable: borrow 2 chairs from Gwen`;
const MENU_WORDS = ["Guests", "wellington", "Kofi"];

/**
 * Sam, John's partner, writes (+9 s) that he'll do the shopping for Saturday's dinner on Thursday and asks
 * for the shopping list in a note of its own that he can tick off. The "Saturday dinner" note holds the
 * guests, the menu, a six-item shopping list and a chairs line. Distractor: the weekly groceries note.
 * Ideal help: offer to split the list out; on acceptance create a note with the six items only, remove them
 * from the dinner note (keeping guests, menu and chairs), and tell Sam.
 */
@registerScenario("dinner_party_note_split")
export class DinnerPartyNoteSplit extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["follow-up"];
  override theme = "note-cleanup";
  override description =
    "The partner will do the dinner-party shopping; split the shopping list out of the party note into its own note.";
  override additionalSystemPrompt =
    "You are John Doe, hosting dinner on Saturday. Each list lives in one place only: once the shopping list " +
    "has its own note it should not stay in the party note.";

  private messaging!: StatefulMessagingApp;
  private notes!: StatefulNotesApp;
  private aui!: PAREAgentUserInterface;
  private plan = "";
  private weekly = "";

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.messaging = new StatefulMessagingApp();
    this.notes = new StatefulNotesApp();
    this.plan = this.notes.create_note_with_time({
      folder: "Personal",
      title: "Saturday dinner",
      content: PLAN,
      created_at: "2025-11-14 20:00:00",
      updated_at: "2025-11-17 22:00:00",
    });
    this.weekly = this.notes.create_note_with_time({
      folder: "Personal",
      title: "Weekly groceries",
      content: "- oat milk\n- eggs\n- bananas\n- rye bread",
      created_at: "2025-11-16 10:00:00",
    });
    this.notes.create_note_with_time({
      folder: "Inbox",
      title: "Wine for Gwen",
      content: "She liked the Albariño last time.",
      created_at: "2025-11-02 18:00:00",
    });
    this.messaging.add_contacts({
      contacts: [
        { name: "Sam Okafor", phone: SAM },
        { name: "Gwen Doe", phone: "+15550230" },
      ],
    });
    this.messaging.add_conversation({
      conversation_id: "conv-sam",
      participants: [SAM],
      messages: [{ sender: SAM, content: "Did you invite Priya in the end?", time: "2025-11-17 19:00:00" }],
    });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.messaging, this.notes];
  }

  protected buildEventsFlow(): void {
    const ask = ev(
      this.messaging.create_and_add_message({
        conversation_id: "conv-sam",
        sender_id: SAM,
        content:
          "I'll do the shopping for Saturday on Thursday. Can you put the shopping list in a note of its own so " +
          "I can tick things off?",
      }),
    )
      .withId("sam_asks")
      .delayed(9);
    const look = ev(this.notes.search_notes({ query: "Saturday dinner" }))
      .oracle()
      .dependsOn(ask, { delaySeconds: 3 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "Sam will do Saturday's shopping and wants the list on its own. Shall I move the six shopping items " +
          "from 'Saturday dinner' into a new note 'Saturday dinner - shopping', keep the guests, menu and chairs " +
          "in the party note, and tell Sam?",
      }),
    )
      .oracle()
      .dependsOn(look, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes, please." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const find = ev(this.notes.search_notes({ query: "Saturday dinner" }))
      .oracle()
      .dependsOn(accept, { delaySeconds: 1 });
    const create = ev(
      this.notes.create_note({
        folder: "Personal",
        title: "Saturday dinner - shopping",
        content: SHOPPING.map((s) => `[ ] ${s}`).join("\n"),
      }),
    )
      .oracle()
      .dependsOn(find, { delaySeconds: 1 });
    const trim = ev(
      this.notes.update_note({
        note_id: this.plan,
        content: `${PLAN_TOP}Shopping: see the note 'Saturday dinner - shopping'\nTable: borrow 2 chairs from Gwen`,
      }),
    )
      .oracle()
      .dependsOn(create, { delaySeconds: 1 });
    const who = ev(this.messaging.lookup_user_id({ user_name: "Sam" }))
      .oracle()
      .dependsOn(trim, { delaySeconds: 1 });
    const tell = ev(
      this.messaging.send_message({
        user_id: SAM,
        content:
          "Done: the shopping list is in its own note, 'Saturday dinner - shopping'. Thanks for doing it!",
      }),
    )
      .oracle()
      .dependsOn(who, { delaySeconds: 1 });
    this.events = [ask, look, propose, accept, find, create, trim, who, tell];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const plan = noteAtEnd(env, this.plan)?.content ?? "";
    const lists = notesAtEnd(env).filter(
      (n) => n.note_id !== this.plan && n.note_id !== this.weekly && mentionsAny(n.content, "beetroot"),
    );
    const list = lists.length === 1 ? (lists[0]?.content ?? "") : "";
    const keys = [["beetroot"], ["mushroom"], ["pastry"], ["crème", "creme"], ["pear"], ["Rioja"]];
    const itemsOut = ["4 beetroots", "puff pastry", "crème fraîche", "3 pears"].every(
      (k) => !plan.includes(k),
    );
    return new Checklist()
      .require(
        "a proposal to split out the shopping list",
        proposals(log).some((e) => mentionsAny(argText(e, "content"), "shopping")),
      )
      .require(
        "one new note with all six shopping items",
        keys.every((k) => mentionsAny(list, ...k)),
      )
      .require("the new list holds no guests or menu", !!list && !mentionsAny(list, ...MENU_WORDS))
      .require(
        "the party note keeps guests, menu and chairs",
        mentionsAny(plan, "Kofi") && mentionsAny(plan, "wellington") && mentionsAny(plan, "chairs"),
      )
      .require("the shopping items are gone from the party note", plan !== "" && itemsOut)
      .require(
        "the weekly groceries note untouched",
        noteAtEnd(env, this.weekly)?.content === "- oat milk\n- eggs\n- bananas\n- rye bread",
      )
      .require("Sam told", directMessagesTo(log, SAM).length > 0)
      .require("nobody else messaged", messagesElsewhere(log, { users: [SAM] }).length === 0)
      .verdict();
  }
}
