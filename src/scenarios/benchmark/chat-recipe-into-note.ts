import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulFilesApp } from "../../apps/files/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import { StatefulMessagingApp } from "../../apps/messaging/app.js";
import { StatefulNotesApp } from "../../apps/notes/app.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { PAREScenario } from "../pare-scenario.js";
import { agentCalls, argText, Checklist, mentionsAny, proposals } from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;

const RECIPE = "grandmas-lasagne.txt";
const MUM_CHAT = "conv-mum";

/**
 * Mum promised Grandma's lasagne recipe "for the family recipes"; she now sends it as a file in chat.
 * The user keeps family recipes as attachments of a "Family recipes" note (a "Recipes to try" note and
 * a photo a cousin sent are distractors). Ideal help: save the file from the chat and attach it to the
 * "Family recipes" note, leaving the note's other attachments alone.
 */
@registerScenario("chat_recipe_into_note")
export class ChatRecipeIntoNote extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["follow-up"];
  override theme = "files-attachments";
  override description =
    "Mum sends Grandma's recipe as a file in chat; save it and attach it to the Family recipes note.";
  override additionalSystemPrompt =
    "You collect the family's recipes as files attached to one note, so they are all in one place.";

  private messaging!: StatefulMessagingApp;
  private notes!: StatefulNotesApp;
  private files!: StatefulFilesApp;
  private aui!: PAREAgentUserInterface;
  private mum = "";
  private familyNote = "";

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.messaging = new StatefulMessagingApp();
    this.notes = new StatefulNotesApp();
    this.files = new StatefulFilesApp();
    const ids = this.messaging.add_users({ user_names: ["Helen Doe", "Noah Park", "Mia Doe"] });
    this.mum = ids["Helen Doe"] as string;
    this.messaging.add_conversation({
      conversation_id: MUM_CHAT,
      participants: ["Helen Doe"],
      messages: [
        { sender: "Helen Doe", content: "How was the dinner party?", time: "2025-11-16 18:00:00" },
        {
          sender: "John Doe",
          content: "Great! Everyone wants Grandma's lasagne next time.",
          time: "2025-11-16 18:20:00",
        },
        {
          sender: "Helen Doe",
          content: "I'll type up her recipe and send it, keep it with the other family recipes!",
          time: "2025-11-16 18:25:00",
        },
      ],
    });
    this.messaging.add_conversation({
      participants: ["Noah Park", "Mia Doe"],
      title: "Cousins",
      messages: [
        {
          sender: "Noah Park",
          content: "Made this pumpkin soup from a blog, so good",
          time: "2025-11-17 19:00:00",
          attachment: { name: "pumpkin-soup.jpg", size: 2_300_000 },
        },
        { sender: "Mia Doe", content: "Looks amazing", time: "2025-11-17 19:05:00" },
      ],
    });
    this.familyNote = this.notes.create_note_with_time({
      folder: "Personal",
      title: "Family recipes",
      content: "Recipes from the family, one file each.\n- Grandma's apple cake\n- Dad's chili",
      created_at: "2025-06-01 12:00:00",
      attachments: [
        { name: "apple-cake.txt", text: "Apple cake: 3 apples, 200 g flour, 150 g sugar, 2 eggs." },
        { name: "dads-chili.txt", text: "Chili: beans, beef, cumin, 2 hours on low heat." },
      ],
    });
    this.notes.create_note_with_time({
      folder: "Personal",
      title: "Recipes to try",
      content: "From blogs and magazines: shakshuka, miso salmon, pumpkin soup.",
      created_at: "2025-10-02 20:00:00",
    });
    this.notes.create_note_with_time({
      title: "Groceries",
      content: "Ricotta, lasagne sheets, basil",
      created_at: "2025-11-17 08:00:00",
    });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.messaging, this.notes, this.files];
  }

  protected buildEventsFlow(): void {
    const sent = ev(
      this.messaging.create_and_add_message({
        conversation_id: MUM_CHAT,
        sender_id: this.mum,
        content: "Here it is, Grandma's lasagne as promised! Put it with the family recipes 💛",
        attachment: {
          name: RECIPE,
          text:
            "Grandma Rose's lasagne (serves 6)\n- 12 lasagne sheets\n- 500 g beef ragu\n- 500 ml bechamel\n" +
            "- 250 g ricotta, 100 g parmesan\nLayer, finish with parmesan, bake 45 min at 180 C.",
        },
      }),
    )
      .withId("recipe_msg")
      .delayed(7);
    const read = ev(this.messaging.read_conversation({ conversation_id: MUM_CHAT, limit: 3 }))
      .oracle()
      .dependsOn(sent, { delaySeconds: 3 });
    const note = ev(this.notes.search_notes({ query: "family recipes" }))
      .oracle()
      .dependsOn(read, { delaySeconds: 2 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          `Your mum sent Grandma's lasagne recipe (${RECIPE}). Shall I save it and attach it to your ` +
          "'Family recipes' note with the other family recipes?",
      }),
    )
      .oracle()
      .dependsOn(note, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes please." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const chat = ev(this.messaging.search({ query: "lasagne" }))
      .oracle()
      .dependsOn(accept, { delaySeconds: 2 });
    const message = ev(this.messaging.read_conversation({ conversation_id: MUM_CHAT, limit: 1 }))
      .oracle()
      .dependsOn(chat, { delaySeconds: 2 });
    const save = ev(
      this.messaging.download_attachment({ conversation_id: MUM_CHAT, message_id: "{{recipe_msg}}" }),
    )
      .oracle()
      .dependsOn(message, { delaySeconds: 2 });
    const target = ev(this.notes.search_notes({ query: "family recipes" }))
      .oracle()
      .dependsOn(save, { delaySeconds: 2 });
    const attach = ev(
      this.notes.add_attachment_to_note({
        note_id: this.familyNote,
        attachment_path: `/Downloads/${RECIPE}`,
      }),
    )
      .oracle()
      .dependsOn(target, { delaySeconds: 2 });
    this.events = [sent, read, note, propose, accept, chat, message, save, target, attach];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const notes = env.getApp(this.notes.name) as StatefulNotesApp;
    const attached = (() => {
      try {
        return notes.findNote(this.familyNote).note.attachments;
      } catch {
        return [];
      }
    })();
    const filed = attached.some((a) => a.name === RECIPE && (a.text ?? "").includes("Grandma Rose"));
    const kept = ["apple-cake.txt", "dads-chili.txt"].every((n) => attached.some((a) => a.name === n));
    const byAssistant = agentCalls(log, {
      className: "StatefulNotesApp",
      function: "add_attachment_to_note",
    });
    const elsewhere = byAssistant.some((e) => argText(e, "note_id") !== this.familyNote);
    const destructive = agentCalls(log, {
      className: "StatefulNotesApp",
      function: ["delete_note", "remove_attachment", "update_note", "delete_folder"],
    });
    return new Checklist()
      .require(
        "a proposal to file the recipe",
        proposals(log).some((e) => mentionsAny(argText(e, "content"), "lasagne", "recipe")),
      )
      .require(
        `${RECIPE} attached to the Family recipes note by the assistant`,
        filed && byAssistant.length > 0,
      )
      .require("the note's other recipes kept", kept)
      .require("nothing attached to another note", !elsewhere)
      .require("no note deleted, edited or stripped", destructive.length === 0)
      .verdict();
  }
}
