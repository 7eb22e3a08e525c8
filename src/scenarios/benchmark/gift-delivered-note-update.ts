import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import { StatefulNotesApp } from "../../apps/notes/app.js";
import { StatefulShoppingApp } from "../../apps/shopping/app.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { PAREScenario } from "../pare-scenario.js";
import { agentCalls, argText, Checklist, mentionsAll, mentionsAny, proposals } from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;

const line = {
  mum: "- Mum: ceramic mug set, order ord-4471",
  dad: "- Dad: merino wool scarf, order ord-4472",
  rosa: "- Aunt Rosa: 1000-piece puzzle, order ord-4480",
};
const tracker = (dad: string) =>
  `Christmas gifts 2025\n\n${line.mum} - shipped\n${line.dad} - ${dad}\n${line.rosa} - processing\n- Leo: still deciding (budget $40)`;

/**
 * John tracks his Christmas gift orders in a note, one line per person with the order id and its status.
 * The scarf for Dad (ord-4472) is delivered. Ideal help: offer to update the tracker, then mark Dad's line
 * delivered, leaving the other lines as they are.
 */
@registerScenario("gift_delivered_note_update")
export class GiftDeliveredNoteUpdate extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["follow-up"];
  override theme = "errands-shopping";
  override description = "A gift order in the tracking note is delivered; mark it delivered in the note.";

  private shopping!: StatefulShoppingApp;
  private notes!: StatefulNotesApp;
  private aui!: PAREAgentUserInterface;
  private trackerNoteId = "";

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.shopping = new StatefulShoppingApp();
    this.notes = new StatefulNotesApp();
    const item = (name: string, item_id: string, price: number) =>
      this.shopping.add_product_with_variants({ name, variants: [{ item_id, price }] });
    item("Hand-thrown Ceramic Mug Set (4)", "itm-mugs", 48.0);
    item("Merino Wool Scarf, Charcoal", "itm-scarf", 59.0);
    item("Lighthouse Coast Puzzle, 1000 pieces", "itm-puzzle", 24.5);
    item("Stainless Steel Water Bottle", "itm-bottle", 21.0);
    const order = (
      order_id: string,
      item_id: string,
      order_status: "processed" | "shipped" | "delivered",
      order_date: string,
    ) => this.shopping.add_order({ order_id, item_id, order_status, order_date });
    order("ord-4471", "itm-mugs", "shipped", "2025-11-12 19:20:00");
    order("ord-4472", "itm-scarf", "shipped", "2025-11-12 19:31:00");
    order("ord-4480", "itm-puzzle", "processed", "2025-11-16 10:05:00");
    order("ord-4398", "itm-bottle", "delivered", "2025-10-30 08:00:00");
    this.trackerNoteId = this.notes.create_note_with_time({
      folder: "Personal",
      title: "Gift tracker",
      content: tracker("shipped"),
      pinned: true,
      created_at: "2025-11-12 19:40:00",
      updated_at: "2025-11-16 10:10:00",
    });
    this.notes.create_note_with_time({
      folder: "Personal",
      title: "Leo gift ideas",
      content: "Dinosaur sticker book, kids' headlamp, marble run",
      created_at: "2025-11-16 21:00:00",
    });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.shopping, this.notes];
  }

  protected buildEventsFlow(): void {
    const delivered = ev(
      this.shopping.update_order_status({ order_id: "ord-4472", status: "delivered" }),
    ).delayed(9);
    const order = ev(this.shopping.get_order_details({ order_id: "ord-4472" }))
      .oracle()
      .dependsOn(delivered, { delaySeconds: 2 });
    const find = ev(this.notes.search_notes({ query: "ord-4472" }))
      .oracle()
      .dependsOn(order, { delaySeconds: 2 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "Dad's merino scarf (order ord-4472) was delivered. Shall I mark it delivered in your gift tracker note?",
      }),
    )
      .oracle()
      .dependsOn(find, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes please." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const update = ev(this.notes.update_note({ note_id: this.trackerNoteId, content: tracker("delivered") }))
      .oracle()
      .dependsOn(accept, { delaySeconds: 2 });
    this.events = [delivered, order, find, propose, accept, update];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const lineWith = (content: string, key: string) =>
      content.split("\n").find((l) => l.toLowerCase().includes(key.toLowerCase())) ?? "";
    const updated = agentCalls(log, { className: "StatefulNotesApp", function: "update_note" }).some((e) => {
      const content = argText(e, "content");
      return (
        argText(e, "note_id") === this.trackerNoteId &&
        mentionsAny(lineWith(content, "ord-4472"), "delivered") &&
        !mentionsAny(lineWith(content, "ord-4471"), "delivered") &&
        !mentionsAny(lineWith(content, "ord-4480"), "delivered") &&
        mentionsAll(content, "ord-4471", "ord-4480", "Leo")
      );
    });
    return new Checklist()
      .require(
        "a proposal about the delivered scarf",
        proposals(log).some((e) => mentionsAny(argText(e, "content"), "ord-4472", "scarf", "Dad")),
      )
      .require("the tracker note marks only ord-4472 delivered, other lines kept", updated)
      .verdict();
  }
}
