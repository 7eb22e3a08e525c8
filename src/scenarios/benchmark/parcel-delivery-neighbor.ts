import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulCalendarApp } from "../../apps/calendar/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import { StatefulMessagingApp } from "../../apps/messaging/app.js";
import { StatefulShoppingApp } from "../../apps/shopping/app.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { PAREScenario } from "../pare-scenario.js";
import { agentCalls, argText, Checklist, mentionsAny, proposals } from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;

const ORDER_ID = "order-oakline-desk";

/**
 * A desk frame ordered last week ships at +8 s, and the courier texts that it arrives today 14:00-16:00
 * with a signature needed. The calendar has the user at an all-day offsite. One neighbour (Grace) said
 * she works from home this week; the other (Martin) is away. Ideal help: offer to ask Grace to take it
 * in and, on acceptance, message her with the delivery window.
 */
@registerScenario("parcel_delivery_neighbor")
export class ParcelDeliveryNeighbor extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["conflict-resolution"];
  override theme = "errands-shopping";
  override description =
    "A parcel arrives 14:00-16:00 while the user is at an offsite; ask the neighbour who is home to take it in.";
  override additionalSystemPrompt =
    "You are John Doe, spending the whole day at the company offsite. You do not want the desk frame to go " +
    "back to the depot, and you are on friendly terms with your neighbours.";

  private shop!: StatefulShoppingApp;
  private calendar!: StatefulCalendarApp;
  private messaging!: StatefulMessagingApp;
  private aui!: PAREAgentUserInterface;
  private graceId = "";
  private courierId = "";

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.shop = new StatefulShoppingApp();
    this.calendar = new StatefulCalendarApp();
    this.messaging = new StatefulMessagingApp();
    const desk = this.shop.add_product_with_variants({
      name: "Oakline Standing Desk Frame",
      variants: [{ price: 289.0, options: { color: "white", motor: "dual" } }],
    });
    const mat = this.shop.add_product_with_variants({
      name: "Anti-Fatigue Standing Mat",
      variants: [{ price: 39.0, options: { color: "graphite" } }],
    });
    this.shop.add_order({
      order_id: ORDER_ID,
      item_id: desk.item_ids[0] as string,
      order_status: "processed",
      order_date: "2025-11-13 20:41:00",
    });
    this.shop.add_order({
      order_id: "order-standing-mat",
      item_id: mat.item_ids[0] as string,
      order_status: "delivered",
      order_date: "2025-11-10 08:15:00",
    });
    this.calendar.add_calendar_event({
      title: "Company offsite - strategy day",
      start_datetime: "2025-11-18 10:00:00",
      end_datetime: "2025-11-18 18:30:00",
      location: "Brookfield Campus, 2 Meadow Drive (1 h from home)",
      attendees: ["Tom Keller", "Anya Sorensen"],
    });
    this.calendar.add_calendar_event({
      title: "Drinks with Tom",
      start_datetime: "2025-11-19 19:00:00",
      end_datetime: "2025-11-19 21:00:00",
      location: "The Copper Fox",
    });
    const ids = this.messaging.add_users({
      user_names: ["Grace Whitfield", "Martin Roe", "Tom Keller", "Swiftline Couriers"],
    });
    this.graceId = ids["Grace Whitfield"] as string;
    this.courierId = ids["Swiftline Couriers"] as string;
    const me = this.messaging.currentUserId;
    this.messaging.add_conversation({
      conversation_id: "conv-grace",
      participants: ["Grace Whitfield"],
      messages: [
        {
          sender: me,
          content: "Thanks again for feeding the cat last weekend!",
          time: "2025-11-16 10:02:00",
        },
        {
          sender: "Grace Whitfield",
          content: "Anytime! I'm working from home all this week, so happy to take in parcels if you need.",
          time: "2025-11-16 10:09:00",
        },
      ],
    });
    this.messaging.add_conversation({
      conversation_id: "conv-martin",
      participants: ["Martin Roe"],
      messages: [
        {
          sender: "Martin Roe",
          content: "Off to my sister's in Galway until Sunday - could you keep an eye on the hallway lights?",
          time: "2025-11-15 08:30:00",
        },
      ],
    });
    this.messaging.add_conversation({
      participants: ["Tom Keller"],
      messages: [
        {
          sender: "Tom Keller",
          content: "Shall we drive to the offsite together?",
          time: "2025-11-17 18:20:00",
        },
      ],
    });
    this.messaging.add_conversation({
      conversation_id: "conv-swiftline",
      participants: ["Swiftline Couriers"],
      messages: [
        {
          sender: "Swiftline Couriers",
          content:
            "Swiftline: we have received your Oakline order details and will text you when it is on its way.",
          time: "2025-11-14 09:00:00",
        },
      ],
    });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.shop, this.calendar, this.messaging];
  }

  protected buildEventsFlow(): void {
    const shipped = ev(this.shop.update_order_status({ order_id: ORDER_ID, status: "shipped" }))
      .withId("desk_shipped")
      .delayed(8);
    const courier = ev(
      this.messaging.create_and_add_message({
        conversation_id: "conv-swiftline",
        sender_id: this.courierId,
        content:
          "Swiftline: your Oakline Standing Desk Frame is out for delivery today between 14:00 and 16:00. A " +
          "signature is required; a neighbour may sign for you.",
      }),
    )
      .withId("courier_window")
      .dependsOn(shipped, { delaySeconds: 2 });
    const order = ev(this.shop.get_order_details({ order_id: ORDER_ID }))
      .oracle()
      .dependsOn(courier, { delaySeconds: 3 });
    const agenda = ev(this.calendar.read_today_calendar_events())
      .oracle()
      .dependsOn(order, { delaySeconds: 1 });
    const findChat = ev(this.messaging.list_recent_conversations({}))
      .oracle()
      .dependsOn(agenda, { delaySeconds: 1 });
    const chats = ev(this.messaging.read_conversation({ conversation_id: "conv-grace" }))
      .oracle()
      .dependsOn(findChat, { delaySeconds: 1 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "Your desk frame is being delivered today 14:00-16:00 and needs a signature, but you're at the offsite " +
          "until 18:30. Grace said she's working from home this week - shall I ask her to take it in?",
      }),
    )
      .oracle()
      .dependsOn(chats, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes, please ask Grace." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    // The executor starts fresh: it looks Grace up before writing to her.
    const findGrace = ev(this.messaging.lookup_user_id({ user_name: "Grace" }))
      .oracle()
      .dependsOn(accept, { delaySeconds: 2 });
    const ask = ev(
      this.messaging.send_message({
        user_id: this.graceId,
        content:
          "Hi Grace! Could you take in a parcel for me today? Swiftline is delivering my desk frame between " +
          "14:00 and 16:00 and needs a signature - I'm at a work offsite all day. Thank you so much!",
      }),
    )
      .oracle()
      .dependsOn(findGrace, { delaySeconds: 2 });
    this.events = [shipped, courier, order, agenda, findChat, chats, propose, accept, findGrace, ask];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const asked = agentCalls(log, { className: "StatefulMessagingApp", function: "send_message" }).some(
      (e) =>
        argText(e, "user_id") === this.graceId &&
        mentionsAny(argText(e, "content"), "parcel", "package", "delivery", "deliver", "desk") &&
        mentionsAny(
          argText(e, "content"),
          "14:00",
          "14h",
          "2 pm",
          "2pm",
          "2:00",
          "16:00",
          "4 pm",
          "4pm",
          "4:00",
        ),
    );
    return new Checklist()
      .require(
        "a proposal to ask the neighbour to receive the parcel",
        proposals(log).some((e) => mentionsAny(argText(e, "content"), "Grace", "neighbour", "neighbor")),
      )
      .require("a message to Grace asking her to take in the 14:00-16:00 delivery", asked)
      .verdict();
  }
}
