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

const TOMAS = "+15550163";

/**
 * John asked his friend Tomás for his grandmother's lentil soup recipe; Tomás sends the ingredient list in
 * chat, split over two messages. John keeps recipes in a Recipes notes folder. Ideal help: offer to save the
 * recipe, then create a note holding every ingredient.
 */
@registerScenario("recipe_ingredients_note")
export class RecipeIngredientsNote extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["information-extraction"];
  override theme = "capture";
  override description = "A friend sends a recipe's ingredients in chat; save them as a note.";

  private messaging!: StatefulMessagingApp;
  private notes!: StatefulNotesApp;
  private aui!: PAREAgentUserInterface;

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.messaging = new StatefulMessagingApp();
    this.notes = new StatefulNotesApp();
    this.messaging.add_contacts({
      contacts: [
        { name: "Tomás Greer", phone: TOMAS },
        { name: "Hannah Pike", phone: "+15550199" },
      ],
    });
    this.messaging.add_conversation({
      conversation_id: "conv-tomas",
      participants: [TOMAS],
      messages: [
        {
          sender: TOMAS,
          content: "That soup on Sunday was my gran's recipe btw",
          time: "2025-11-17 20:02:00",
        },
        {
          sender: this.messaging.currentUserId,
          content: "It was amazing! Send me the ingredients when you get a chance?",
          time: "2025-11-17 20:05:00",
        },
      ],
    });
    this.messaging.add_conversation({
      participants: ["+15550199"],
      messages: [
        {
          sender: "+15550199",
          content: "Landing at 6, can you grab bread on the way home?",
          time: "2025-11-18 07:50:00",
        },
      ],
    });
    this.notes.new_folder({ folder_name: "Recipes" });
    this.notes.create_note_with_time({
      folder: "Recipes",
      title: "Banana bread",
      content: "3 ripe bananas, 250 g flour, 100 g butter, 2 eggs, 1 tsp baking soda, pinch of salt",
      created_at: "2025-10-03 17:00:00",
    });
    this.notes.create_note_with_time({
      folder: "Personal",
      title: "Sunday plans",
      content: "Call Dad, repot the fig tree",
      created_at: "2025-11-15 09:00:00",
    });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.messaging, this.notes];
  }

  protected buildEventsFlow(): void {
    const first = ev(
      this.messaging.create_and_add_message({
        conversation_id: "conv-tomas",
        sender_id: TOMAS,
        content:
          "Gran's red lentil soup, serves 4:\n- 250 g red lentils\n- 1 onion\n- 2 carrots\n- 3 garlic cloves\n- 1 tsp ground cumin",
      }),
    ).delayed(8);
    const second = ev(
      this.messaging.create_and_add_message({
        conversation_id: "conv-tomas",
        sender_id: TOMAS,
        content:
          "...and 1 litre vegetable stock + juice of half a lemon at the end. Simmer about 25 min, then blend.",
      }),
    ).dependsOn(first, { delaySeconds: 4 });
    const read = ev(this.messaging.read_conversation({ conversation_id: "conv-tomas", limit: 5 }))
      .oracle()
      .dependsOn(second, { delaySeconds: 3 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "Tomás sent his gran's red lentil soup ingredients. Shall I save them as a note in your Recipes folder?",
      }),
    )
      .oracle()
      .dependsOn(read, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes, please save it." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const save = ev(
      this.notes.create_note({
        folder: "Recipes",
        title: "Red lentil soup (Tomás's gran)",
        content:
          "Serves 4\n- 250 g red lentils\n- 1 onion\n- 2 carrots\n- 3 garlic cloves\n- 1 tsp ground cumin\n" +
          "- 1 litre vegetable stock\n- Juice of half a lemon (at the end)\n\nSimmer about 25 min, then blend.",
      }),
    )
      .oracle()
      .dependsOn(accept, { delaySeconds: 2 });
    this.events = [first, second, read, propose, accept, save];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    // Every ingredient from both messages, with the lentil amount.
    const complete = (text: string) =>
      mentionsAll(text, "lentil", "250", "onion", "carrot", "garlic", "cumin", "stock", "lemon");
    const created = agentCalls(log, { className: "StatefulNotesApp", function: "create_note" }).some((e) =>
      complete(`${argText(e, "title")}\n${argText(e, "content")}`),
    );
    return new Checklist()
      .require(
        "a proposal about saving the recipe",
        proposals(log).some((e) => mentionsAny(argText(e, "content"), "recipe", "lentil", "Tomás", "Tomas")),
      )
      .require("a note with every ingredient of the lentil soup", created)
      .verdict();
  }
}
