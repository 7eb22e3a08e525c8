import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulCalendarApp } from "../../apps/calendar/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import { StatefulNotesApp } from "../../apps/notes/app.js";
import { StatefulShoppingApp } from "../../apps/shopping/app.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { PAREScenario } from "../pare-scenario.js";
import { agentCalls, argText, Checklist, mentionsAny, proposals } from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;

const ADAPTER = "itm-adapter-uk";

/**
 * John flies to London on Nov 28 (in the calendar); his packing note marks a UK plug adapter (Type G) as
 * still to buy. The shop publishes a 15% code for exactly that adapter, and an unrelated code for earbuds.
 * Ideal help: connect the three, offer to order the adapter with the code, then buy it with TRAVEL15.
 */
@registerScenario("packing_list_adapter_order")
export class PackingListAdapterOrder extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["gap-detection"];
  override theme = "errands-shopping";
  override description =
    "A discount appears for the travel adapter the packing note still needs; order it with the code.";

  private notes!: StatefulNotesApp;
  private shopping!: StatefulShoppingApp;
  private calendar!: StatefulCalendarApp;
  private aui!: PAREAgentUserInterface;

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.notes = new StatefulNotesApp();
    this.shopping = new StatefulShoppingApp();
    this.calendar = new StatefulCalendarApp();
    this.calendar.add_calendar_event({
      title: "Flight BA 0917 to London Heathrow",
      start_datetime: "2025-11-28 07:40:00",
      end_datetime: "2025-11-28 09:55:00",
      location: "Terminal 2",
    });
    this.calendar.add_calendar_event({
      title: "London trip",
      start_datetime: "2025-11-28 00:00:00",
      end_datetime: "2025-12-03 23:59:00",
      description: "Conference at the Barbican Nov 29-Dec 1, then two days with Hannah",
    });
    this.calendar.add_calendar_event({
      title: "Haircut",
      start_datetime: "2025-11-21 12:00:00",
      end_datetime: "2025-11-21 12:45:00",
    });
    this.notes.create_note_with_time({
      folder: "Personal",
      title: "Packing list - London",
      content:
        "Packed / have:\n- Passport\n- Rain jacket\n- Laptop + charger\n- Conference badge printout\n\n" +
        "Still to buy:\n- UK plug adapter (Type G), 2 USB ports would be nice",
      created_at: "2025-11-14 20:00:00",
      updated_at: "2025-11-16 22:15:00",
    });
    this.notes.create_note_with_time({
      folder: "Work",
      title: "Talk outline",
      content: "Intro, offline sync demo, lessons learned, Q&A",
      created_at: "2025-11-12 09:30:00",
    });
    this.shopping.add_product_with_variants({
      name: "Travel Plug Adapter with 2 USB",
      variants: [
        { item_id: ADAPTER, price: 22.0, options: { plug: "Type G (UK)" } },
        { item_id: "itm-adapter-eu", price: 19.0, options: { plug: "Type C (EU)" } },
        { item_id: "itm-adapter-us", price: 19.0, options: { plug: "Type A (US)" } },
      ],
    });
    this.shopping.add_product_with_variants({
      name: "Wireless Earbuds Pulse 3",
      variants: [{ item_id: "itm-earbuds", price: 79.0, options: { color: "graphite" } }],
    });
    this.shopping.add_product_with_variants({
      name: "Packing Cubes Set",
      variants: [{ item_id: "itm-packing-cubes", price: 27.5, options: { pieces: 4 } }],
    });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.notes, this.shopping, this.calendar];
  }

  protected buildEventsFlow(): void {
    const earbudsCode = ev(
      this.shopping.add_discount_code({ item_id: "itm-earbuds", discount_code: { SOUND20: 20 } }),
    )
      .withId("earbuds_code")
      .delayed(6);
    const adapterCode = ev(
      this.shopping.add_discount_code({ item_id: ADAPTER, discount_code: { TRAVEL15: 15 } }),
    )
      .withId("adapter_code")
      .delayed(11);
    const note = ev(this.notes.search_notes({ query: "adapter" }))
      .oracle()
      .dependsOn(adapterCode, { delaySeconds: 3 });
    const trip = ev(this.calendar.search_events({ query: "London" }))
      .oracle()
      .dependsOn(note, { delaySeconds: 2 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "Your London packing list still needs a UK (Type G) plug adapter and you fly on Nov 28. It's $22 and code TRAVEL15 " +
          "just came out for it (15% off). Shall I order it with the code?",
      }),
    )
      .oracle()
      .dependsOn(trip, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Good catch, yes." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    // The executor starts fresh: it finds the adapter's item id in the shop.
    const search = ev(this.shopping.search_product({ product_name: "adapter" }))
      .oracle()
      .dependsOn(accept, { delaySeconds: 2 });
    const add = ev(this.shopping.add_to_cart({ item_id: ADAPTER, quantity: 1 }))
      .oracle()
      .dependsOn(search, { delaySeconds: 2 });
    const buy = ev(this.shopping.checkout({ discount_code: "TRAVEL15" }))
      .oracle()
      .dependsOn(add, { delaySeconds: 2 });
    this.events = [earbudsCode, adapterCode, note, trip, propose, accept, search, add, buy];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const shop = env.getAppByClass(StatefulShoppingApp);
    const orderIds = agentCalls(log, { className: "StatefulShoppingApp", function: "checkout" })
      .filter((e) => argText(e, "discount_code").trim().toUpperCase() === "TRAVEL15")
      .map((e) => String(e.metadata.returnValue));
    const orders = (shop?.orders ?? []).filter((o) => orderIds.includes(o.order_id));
    const lines = orders.flatMap((o) => o.order_items);
    return new Checklist()
      .require(
        "a proposal about the UK adapter",
        proposals(log).some((e) => mentionsAny(argText(e, "content"), "adapter", "Type G")),
      )
      .require(
        "the Type G adapter ordered with TRAVEL15",
        lines.some((l) => l.item_id === ADAPTER),
      )
      .require(
        "no other adapter type or unrelated item bought",
        lines.every((l) => l.item_id === ADAPTER),
      )
      .verdict();
  }
}
