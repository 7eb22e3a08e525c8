import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import { StatefulMessagingApp } from "../../apps/messaging/app.js";
import { StatefulNotesApp } from "../../apps/notes/app.js";
import { StatefulShoppingApp } from "../../apps/shopping/app.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { PAREScenario } from "../pare-scenario.js";
import { argText, Checklist, mentionsAny, proposals } from "../scenario-verdict.js";
import { assistantOrders } from "../shopping-verdicts.js";

const ev = (x: unknown) => x as Event;

const MAYA = "+15550142";
/** What the shared note asks for: item id → units. */
const WANTED: Record<string, number> = {
  "itm-oatmilk-1l": 2,
  "itm-sourdough": 1,
  "itm-eggs-12": 1,
  "itm-basmati-1kg": 1,
};
/** How the executor finds each wanted product in the shop (it only knows the proposal's wording). */
const SEARCHES = ["oat milk", "sourdough", "eggs", "basmati"];
/** Items the note marks as already bought, and the wrong variants of wanted products. */
const UNWANTED = ["itm-olive-oil", "itm-coffee-beans", "itm-eggs-6", "itm-basmati-5kg"];

/**
 * Maya, John's partner, asks in chat to order what is on their shared grocery note. The note lists four
 * things still needed (with quantities and sizes) and two already bought. Ideal help: offer to order the
 * list, then put exactly those products in the cart and check out.
 */
@registerScenario("grocery_note_to_cart")
export class GroceryNoteToCart extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["gap-detection"];
  override theme = "errands-shopping";
  override description =
    "The partner asks in chat to order the shared grocery note; fill the cart and check out.";

  private messaging!: StatefulMessagingApp;
  private notes!: StatefulNotesApp;
  private shopping!: StatefulShoppingApp;
  private aui!: PAREAgentUserInterface;

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.messaging = new StatefulMessagingApp();
    this.notes = new StatefulNotesApp();
    this.shopping = new StatefulShoppingApp();
    this.messaging.add_contacts({
      contacts: [
        { name: "Maya Lindqvist", phone: MAYA },
        { name: "Darius Okonkwo", phone: "+15550178" },
      ],
    });
    this.messaging.add_conversation({
      conversation_id: "conv-maya",
      participants: [MAYA],
      messages: [
        {
          sender: MAYA,
          content: "I started a grocery note for us, add anything you think of",
          time: "2025-11-16 19:02:00",
        },
        {
          sender: this.messaging.currentUserId,
          content: "Done, I crossed off the oil and coffee, got them today",
          time: "2025-11-16 19:40:00",
        },
      ],
    });
    this.messaging.add_conversation({
      participants: ["+15550178"],
      messages: [{ sender: "+15550178", content: "Squash on Thursday at 7?", time: "2025-11-17 12:15:00" }],
    });
    this.notes.create_note_with_time({
      folder: "Personal",
      title: "Groceries (shared with Maya)",
      content:
        "Still needed:\n- Oat milk 1 L x2\n- Sourdough loaf\n- Free-range eggs, box of 12\n- Basmati rice 1 kg\n\n" +
        "Already bought: olive oil, coffee beans",
      created_at: "2025-11-16 18:55:00",
      updated_at: "2025-11-16 19:38:00",
    });
    this.notes.create_note_with_time({
      folder: "Personal",
      title: "Gift ideas for Darius",
      content: "Squash racket grip tape, the new Hollow Pines album",
      created_at: "2025-11-10 21:00:00",
    });
    const product = (
      name: string,
      variants: { item_id: string; price: number; options?: Record<string, string> }[],
    ) => this.shopping.add_product_with_variants({ name, variants });
    product("Oat Milk Barista Edition", [
      { item_id: "itm-oatmilk-1l", price: 2.49, options: { size: "1 L" } },
    ]);
    product("Sourdough Loaf", [{ item_id: "itm-sourdough", price: 4.8 }]);
    product("Free-Range Eggs", [
      { item_id: "itm-eggs-6", price: 3.2, options: { pack: "6 eggs" } },
      { item_id: "itm-eggs-12", price: 5.9, options: { pack: "12 eggs" } },
    ]);
    product("Basmati Rice", [
      { item_id: "itm-basmati-1kg", price: 3.75, options: { weight: "1 kg" } },
      { item_id: "itm-basmati-5kg", price: 14.5, options: { weight: "5 kg" } },
    ]);
    product("Extra Virgin Olive Oil", [
      { item_id: "itm-olive-oil", price: 9.99, options: { size: "750 ml" } },
    ]);
    product("Whole Coffee Beans", [
      { item_id: "itm-coffee-beans", price: 11.4, options: { weight: "500 g" } },
    ]);
    product("Almond Milk Unsweetened", [
      { item_id: "itm-almond-milk", price: 2.69, options: { size: "1 L" } },
    ]);
    this.apps = [this.aui, new HomeScreenSystemApp(), this.messaging, this.notes, this.shopping];
  }

  protected buildEventsFlow(): void {
    const ask = ev(
      this.messaging.create_and_add_message({
        conversation_id: "conv-maya",
        sender_id: MAYA,
        content:
          "Stuck at work till 8 and the fridge is empty :( can you order the stuff on our grocery note? Tomorrow's delivery is fine",
      }),
    ).delayed(10);
    const readNote = ev(this.notes.search_notes({ query: "grocer" }))
      .oracle()
      .dependsOn(ask, { delaySeconds: 3 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "Maya asked you to order the grocery note. Shall I buy 2 x oat milk 1 L, a sourdough loaf, a box of 12 eggs and 1 kg of basmati rice (oil and coffee are already bought)?",
      }),
    )
      .oracle()
      .dependsOn(readNote, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes, go ahead." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    // The executor starts fresh: it finds the item ids in the shop before filling the cart.
    let previous = accept;
    const searches: Event[] = [];
    for (const product_name of SEARCHES) {
      previous = ev(this.shopping.search_product({ product_name }))
        .oracle()
        .dependsOn(previous, { delaySeconds: 1 });
      searches.push(previous);
    }
    const adds: Event[] = [];
    for (const [item_id, quantity] of Object.entries(WANTED)) {
      previous = ev(this.shopping.add_to_cart({ item_id, quantity }))
        .oracle()
        .dependsOn(previous, { delaySeconds: 1 });
      adds.push(previous);
    }
    const checkout = ev(this.shopping.checkout({})).oracle().dependsOn(previous, { delaySeconds: 2 });
    this.events = [ask, readNote, propose, accept, ...searches, ...adds, checkout];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const orders = assistantOrders(env, { includeCancelled: true });
    const lines = orders.flatMap((o) => o.order_items);
    const units = (itemId: string) =>
      lines.filter((l) => l.item_id === itemId).reduce((n, l) => n + l.quantity, 0);
    const check = new Checklist().require(
      "a proposal about ordering the grocery note",
      proposals(log).some((e) => mentionsAny(argText(e, "content"), "grocer", "Maya", "oat milk")),
    );
    check.require("a checkout by the assistant", orders.length > 0);
    for (const [itemId, quantity] of Object.entries(WANTED))
      check.require(`${quantity} x ${itemId} ordered`, units(itemId) === quantity);
    check.require(
      "nothing already bought or in the wrong size ordered",
      UNWANTED.every((itemId) => units(itemId) === 0),
    );
    return check.verdict();
  }
}
