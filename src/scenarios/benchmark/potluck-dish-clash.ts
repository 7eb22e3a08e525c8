import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import { StatefulMessagingApp } from "../../apps/messaging/app.js";
import { StatefulNotesApp } from "../../apps/notes/app.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { groupPosts, messagesElsewhere } from "../messaging-verdicts.js";
import { noteAtEnd } from "../notes-verdicts.js";
import { PAREScenario } from "../pare-scenario.js";
import { argText, assistantWrites, Checklist, mentionsAny, proposals } from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;

const ZOE = "+15550291";
const KEMI = "+15550292";
const LUIS = "+15550293";
const MAYA = "+15550294";
const GROUP = "conv-zoe-potluck";
const PLAN =
  "Bring ONE of these, whichever nobody else is doing:\n" +
  "- farro salad (farro, roast squash, feta, pomegranate)\n" +
  "- lemon tart (ready-rolled pastry, 4 lemons, 5 eggs, double cream)\n" +
  "Check the group chat before shopping.";

/**
 * Zoe's potluck on Saturday. Kemi already claimed a green salad in the group; at +7 s Luis claims a potato
 * salad. John's note says he brings farro salad or lemon tart, whichever nobody else does. Distractors: last
 * year's potluck note (which also mentions the tart), Zoe's 1:1 chat, Maya's drinks. Ideal help: offer to tell
 * the group John brings the lemon tart and mark it in the note; on acceptance post in the potluck group and
 * update that note (not last year's).
 */
@registerScenario("potluck_dish_clash")
export class PotluckDishClash extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["conflict-resolution"];
  override theme = "multi-party";
  override description =
    "Two guests already claimed salads for the potluck; the user's note says salad or dessert, so claim the dessert and update the note.";
  override additionalSystemPrompt =
    "You are John Doe. For Zoe's potluck you bring whichever of your two dishes nobody else is making; you like " +
    "to claim it in the group early and keep your note up to date.";

  private messaging!: StatefulMessagingApp;
  private notes!: StatefulNotesApp;
  private aui!: PAREAgentUserInterface;
  private planNote = "";

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.messaging = new StatefulMessagingApp();
    this.notes = new StatefulNotesApp();
    this.planNote = this.notes.create_note_with_time({
      folder: "Personal",
      title: "Potluck at Zoe's - Saturday",
      content: PLAN,
      created_at: "2025-11-15 10:00:00",
    });
    this.notes.create_note_with_time({
      folder: "Personal",
      title: "Potluck 2024 at Kemi's",
      content: "Brought the lemon tart, gone in ten minutes. Luis made potato salad again.",
      created_at: "2024-12-07 23:00:00",
    });
    this.notes.create_note_with_time({
      folder: "Personal",
      title: "Gift ideas",
      content: "Zoe: cookbook? Kemi: plant.",
      created_at: "2025-11-10 20:00:00",
    });
    this.messaging.add_contacts({
      contacts: [
        { name: "Zoe Carter", phone: ZOE },
        { name: "Kemi Adebayo", phone: KEMI },
        { name: "Luis Ortega", phone: LUIS },
        { name: "Maya Chen", phone: MAYA },
      ],
    });
    this.messaging.add_conversation({
      conversation_id: GROUP,
      title: "Zoe's potluck",
      participants: [ZOE, KEMI, LUIS, MAYA],
      messages: [
        {
          sender: ZOE,
          content:
            "Potluck at mine Saturday 7pm! Say here what you're bringing so we don't end up with 5 lasagnes",
          time: "2025-11-16 10:00:00",
        },
        { sender: KEMI, content: "I'm doing a big green salad", time: "2025-11-16 11:30:00" },
        { sender: MAYA, content: "Drinks and crisps from me", time: "2025-11-17 08:15:00" },
      ],
    });
    this.messaging.add_conversation({
      conversation_id: "conv-zoe",
      participants: [ZOE],
      messages: [
        { sender: ZOE, content: "Do you still have my casserole dish?", time: "2025-11-12 19:00:00" },
      ],
    });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.messaging, this.notes];
  }

  protected buildEventsFlow(): void {
    const luis = ev(
      this.messaging.create_and_add_message({
        conversation_id: GROUP,
        sender_id: LUIS,
        content: "Put me down for a potato salad!",
      }),
    )
      .withId("luis_potato_salad")
      .delayed(7);
    const chat = ev(this.messaging.read_conversation({ conversation_id: GROUP, limit: 10 }))
      .oracle()
      .dependsOn(luis, { delaySeconds: 3 });
    const plan = ev(this.notes.search_notes({ query: "potluck" }))
      .oracle()
      .dependsOn(chat, { delaySeconds: 1 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "Kemi (green salad) and now Luis (potato salad) are both bringing salads to Zoe's potluck. Your note " +
          "says farro salad or lemon tart. Shall I post in Zoe's potluck that you're bringing the lemon tart, " +
          "and mark it in your note 'Potluck at Zoe's - Saturday'?",
      }),
    )
      .oracle()
      .dependsOn(plan, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes, tart it is." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const group = ev(this.messaging.search({ query: "Zoe's potluck" }))
      .oracle()
      .dependsOn(accept, { delaySeconds: 1 });
    const post = ev(
      this.messaging.send_message_to_group_conversation({
        conversation_id: GROUP,
        content: "Two salads already, so I'll bring dessert: a lemon tart!",
      }),
    )
      .oracle()
      .dependsOn(group, { delaySeconds: 1 });
    const find = ev(this.notes.search_notes({ query: "Potluck at Zoe" }))
      .oracle()
      .dependsOn(post, { delaySeconds: 1 });
    const update = ev(
      this.notes.update_note({
        note_id: this.planNote,
        content:
          "DECIDED: bringing the lemon tart (Kemi and Luis are both doing salads; told the group).\n" +
          "Lemon tart: ready-rolled pastry, 4 lemons, 5 eggs, double cream.",
      }),
    )
      .oracle()
      .dependsOn(find, { delaySeconds: 1 });
    this.events = [luis, chat, plan, propose, accept, group, post, find, update];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const posts = groupPosts(log, GROUP).map((e) => argText(e, "content"));
    const note = noteAtEnd(env, this.planNote);
    const otherNotes = assistantWrites(log, { className: "StatefulNotesApp" }).filter(
      (e) => argText(e, "note_id") !== this.planNote,
    );
    return new Checklist()
      .require(
        "a proposal to bring the dessert",
        proposals(log).some((e) => mentionsAny(argText(e, "content"), "tart", "dessert")),
      )
      .require(
        "a post in Zoe's potluck claiming the lemon tart",
        posts.some((p) => mentionsAny(p, "tart", "dessert")),
      )
      .require(
        "the post does not claim the farro salad",
        posts.every((p) => !/bring\w*\s+(?:the\s+|a\s+|my\s+)?farro/i.test(p)),
      )
      .require(
        "the potluck note updated with the tart",
        note !== undefined && note.content !== PLAN && mentionsAny(note.content, "tart"),
      )
      .require("last year's note and the others untouched", otherNotes.length === 0)
      .require(
        "nothing sent outside the potluck group",
        messagesElsewhere(log, { conversations: [GROUP] }).length === 0,
      )
      .verdict();
  }
}
