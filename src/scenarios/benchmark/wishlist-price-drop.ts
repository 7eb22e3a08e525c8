import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import { StatefulNotesApp } from "../../apps/notes/app.js";
import { StatefulShoppingApp } from "../../apps/shopping/app.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { PAREScenario } from "../pare-scenario.js";
import { argText, Checklist, mentionsAny, proposals } from "../scenario-verdict.js";
import { assistantOrders } from "../shopping-verdicts.js";

const ev = (x: unknown) => x as Event;

const HEADPHONES_BLACK = "itm-qc45-black";

/**
 * John's wishlist note says to buy the Aurelia QC45 headphones in black if they fall under $180 and the
 * Burrfield grinder under $120. The black headphones drop to $169 (for two minutes, then back to $229);
 * the grinder drops only to $135. Ideal help: act quickly, offer to buy the headphones at the sale price,
 * then buy the black pair, and not the grinder.
 */
@registerScenario("wishlist_price_drop")
export class WishlistPriceDrop extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["timing-sensitive"];
  override theme = "errands-shopping";
  override description = "A wishlist item drops below its target price for a short time; buy it.";

  private shopping!: StatefulShoppingApp;
  private notes!: StatefulNotesApp;
  private aui!: PAREAgentUserInterface;

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.shopping = new StatefulShoppingApp();
    this.notes = new StatefulNotesApp();
    this.notes.create_note_with_time({
      folder: "Personal",
      title: "Wishlist",
      content:
        "Buy when the price is right:\n- Aurelia QC45 noise-cancelling headphones, black: buy if under $180\n" +
        "- Burrfield Mini espresso grinder: buy if under $120\n- Trail running shoes, size 44: wait for winter sales",
      created_at: "2025-10-20 21:00:00",
      updated_at: "2025-11-11 22:30:00",
    });
    this.notes.create_note_with_time({
      folder: "Personal",
      title: "Podcast list",
      content: "Deep Field, The Long Commute, Small Kitchens",
      created_at: "2025-11-01 08:00:00",
    });
    this.shopping.add_product_with_variants({
      name: "Aurelia QC45 Noise-Cancelling Headphones",
      variants: [
        { item_id: HEADPHONES_BLACK, price: 229, options: { color: "black" } },
        { item_id: "itm-qc45-white", price: 229, options: { color: "white" } },
      ],
    });
    this.shopping.add_product_with_variants({
      name: "Burrfield Mini Espresso Grinder",
      variants: [{ item_id: "itm-burrfield-mini", price: 149, options: { color: "steel" } }],
    });
    this.shopping.add_product_with_variants({
      name: "Ridgeline Trail Running Shoes",
      variants: [
        { item_id: "itm-trail-43", price: 135, options: { size: 43 } },
        { item_id: "itm-trail-44", price: 135, options: { size: 44 } },
      ],
    });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.shopping, this.notes];
  }

  protected buildEventsFlow(): void {
    const grinder = ev(this.shopping.update_item({ item_id: "itm-burrfield-mini", new_price: 135 })).delayed(
      6,
    );
    const drop = ev(this.shopping.update_item({ item_id: HEADPHONES_BLACK, new_price: 169 })).delayed(12);
    // The deal is short-lived: whoever waits too long pays full price again.
    const dealEnds = ev(this.shopping.update_item({ item_id: HEADPHONES_BLACK, new_price: 229 })).dependsOn(
      drop,
      {
        delaySeconds: 120,
      },
    );
    const wishlist = ev(this.notes.search_notes({ query: "wishlist" }))
      .oracle()
      .dependsOn(drop, { delaySeconds: 3 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "The black Aurelia QC45 headphones just dropped to $169, under the $180 on your wishlist (the grinder is $135, still above your $120). " +
          "Shall I buy the headphones now?",
      }),
    )
      .oracle()
      .dependsOn(wishlist, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes, buy them!" }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    // The executor starts fresh: it finds the black variant's item id in the shop.
    const search = ev(this.shopping.search_product({ product_name: "Aurelia QC45" }))
      .oracle()
      .dependsOn(accept, { delaySeconds: 2 });
    const add = ev(this.shopping.add_to_cart({ item_id: HEADPHONES_BLACK, quantity: 1 }))
      .oracle()
      .dependsOn(search, { delaySeconds: 2 });
    const buy = ev(this.shopping.checkout({})).oracle().dependsOn(add, { delaySeconds: 2 });
    this.events = [grinder, drop, dealEnds, wishlist, propose, accept, search, add, buy];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const orders = assistantOrders(env, { includeCancelled: true });
    const lines = orders.flatMap((o) => o.order_items);
    const headphones = lines.filter((l) => l.item_id === HEADPHONES_BLACK);
    return new Checklist()
      .require(
        "a proposal about the headphones' price drop",
        proposals(log).some((e) => mentionsAny(argText(e, "content"), "headphone", "QC45", "Aurelia")),
      )
      .require(
        "one pair of black QC45 headphones bought at the sale price",
        headphones.length === 1 && headphones[0]?.quantity === 1 && (headphones[0]?.price ?? 999) < 180,
      )
      .require(
        "nothing else bought (not the grinder, not the white pair)",
        lines.every((l) => l.item_id === HEADPHONES_BLACK),
      )
      .verdict();
  }
}
