import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulCabApp } from "../../apps/cab/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import { StatefulMessagingApp } from "../../apps/messaging/app.js";
import type { Environment } from "../../core/environment.js";
import { ConditionCheckEvent, type Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { assistantRides, rideStartsBetween } from "../cab-verdicts.js";
import { PAREScenario } from "../pare-scenario.js";
import {
  agentCalls,
  argText,
  Checklist,
  mentionsAmount,
  mentionsAny,
  proposals,
} from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;

const INES = "+15550157";
const STATION = "Wrenfield Station";
const CABIN = "Larch Cabin, 6 Fell Road";

const toldInes = (env: Environment) =>
  agentCalls(env.eventLog, { className: "StatefulMessagingApp", function: "send_message" }).some(
    (e) => argText(e, "user_id") === INES,
  );

/**
 * John and his friend Ines arrive at Wrenfield Station on Friday's 17:40 train, heading to a rented cabin.
 * At +8 s Ines asks what a cab from the station to the cabin costs: if under $40 she'd share it rather than
 * take the bus. Last winter's ride fixes the route (24 km): Default $24, Van $36, Premium $48. Two rounds:
 * (1) offer to send her the Default quote and the per-person share, and send it; (2) only after that she
 * answers "book it for 18:00", so offer to book and, on acceptance, order the Default ride for Friday 18:00
 * and confirm to her. Booking before she agreed is wrong.
 */
@registerScenario("quote_then_friend_confirms")
export class QuoteThenFriendConfirms extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["follow-up"];
  override theme = "cab-quotes";
  override description =
    "A friend shares a cab only if it is under $40; send her the quote, then book once she confirms.";
  override additionalSystemPrompt =
    "You are John Doe, taking Friday's 17:40 train to Wrenfield with Ines; you're happy to share a cab to the " +
    "cabin with her, cheapest car, and you let her decide before anything is booked.";

  private cab!: StatefulCabApp;
  private messaging!: StatefulMessagingApp;
  private aui!: PAREAgentUserInterface;

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.cab = new StatefulCabApp();
    this.messaging = new StatefulMessagingApp();
    this.cab.add_new_ride({
      service_type: "Van",
      start_location: STATION,
      end_location: CABIN,
      price: 36,
      distance_km: 24,
      duration: 34,
      ride_time: "2025-02-14 18:05:00",
    });
    this.cab.add_new_ride({
      service_type: "Default",
      start_location: "14 Alder Row",
      end_location: "Harbourgate Station",
      price: 12.6,
      distance_km: 12.6,
      duration: 25,
      ride_time: "2025-11-02 09:10:00",
    });
    this.messaging.add_contacts({
      contacts: [
        { name: "Ines Carvalho", phone: INES },
        { name: "Inez Moreau", phone: "+15550158" },
      ],
    });
    this.messaging.add_conversation({
      conversation_id: "conv-ines",
      participants: [INES],
      messages: [
        { sender: INES, content: "Train tickets done! 17:40 arrival on Friday", time: "2025-11-16 11:00:00" },
        {
          sender: this.messaging.currentUserId,
          content: "Same train for me, see you on board",
          time: "2025-11-16 11:20:00",
        },
      ],
    });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.cab, this.messaging];
  }

  protected buildEventsFlow(): void {
    const ask = ev(
      this.messaging.create_and_add_message({
        conversation_id: "conv-ines",
        sender_id: INES,
        content:
          "How much would a cab from Wrenfield Station to the cabin (Larch Cabin, 6 Fell Road) be on Friday? " +
          "If it's under $40 I'd rather share one with you than take the bus.",
      }),
    )
      .withId("ines_asks_price")
      .delayed(8);
    const history = ev(this.cab.get_ride_history({ offset: 0, limit: 10 }))
      .oracle()
      .dependsOn(ask, { delaySeconds: 3 });
    const quotes = ev(
      this.cab.list_rides({ start_location: STATION, end_location: CABIN, ride_time: "2025-11-21 18:00:00" }),
    )
      .oracle()
      .dependsOn(history, { delaySeconds: 1 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "Ines asks what a cab from Wrenfield Station to Larch Cabin costs; she'll share if under $40. A Default " +
          "cab is $24 ($12 each). Shall I tell Ines Carvalho?",
      }),
    )
      .oracle()
      .dependsOn(quotes, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes, tell her." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const ines = ev(this.messaging.lookup_user_id({ user_name: "Ines Carvalho" }))
      .oracle()
      .dependsOn(accept, { delaySeconds: 1 });
    const quote = ev(
      this.messaging.send_message({
        user_id: INES,
        content: "A normal cab from Wrenfield Station to the cabin is $24, so $12 each. Shall we share?",
      }),
    )
      .oracle()
      .dependsOn(ines, { delaySeconds: 1 });
    const quoteDone = ev(
      this.aui.send_message_to_user({ content: "Sent Ines the price; I'll let you know what she says." }),
    )
      .oracle()
      .dependsOn(quote, { delaySeconds: 2 });
    const quoted = ConditionCheckEvent.fromCondition(toldInes, {
      description: "Ines received the quote",
      everyTicks: 5,
      timeoutTicks: 3600,
    });
    const yes = ev(
      this.messaging.create_and_add_message({
        conversation_id: "conv-ines",
        sender_id: INES,
        content: "Perfect, book it for 18:00 on Friday please, in case the train is a bit late!",
      }),
    )
      .withId("ines_says_book")
      .dependsOn(quoted, { delaySeconds: 12 });
    const reread = ev(this.messaging.read_conversation({ conversation_id: "conv-ines", limit: 3 }))
      .oracle()
      .dependsOn(yes, { delaySeconds: 2 });
    const proposeBook = ev(
      this.aui.send_message_to_user({
        content:
          "Ines is in. Shall I book a Default cab from Wrenfield Station to Larch Cabin, 6 Fell Road for Friday " +
          "21 Nov at 18:00 and let Ines Carvalho know?",
      }),
    )
      .oracle()
      .dependsOn(reread, { delaySeconds: 2 });
    const acceptBook = ev(this.aui.accept_proposal({ content: "Yes, book it." }))
      .oracle()
      .dependsOn(proposeBook, { delaySeconds: 3 });
    const book = ev(
      this.cab.order_ride({
        start_location: STATION,
        end_location: CABIN,
        service_type: "Default",
        ride_time: "2025-11-21 18:00:00",
      }),
    )
      .oracle()
      .dependsOn(acceptBook, { delaySeconds: 2 });
    const inesAgain = ev(this.messaging.lookup_user_id({ user_name: "Ines Carvalho" }))
      .oracle()
      .dependsOn(book, { delaySeconds: 1 });
    const confirm = ev(
      this.messaging.send_message({
        user_id: INES,
        content: "Booked: Friday 18:00 from the station to the cabin.",
      }),
    )
      .oracle()
      .dependsOn(inesAgain, { delaySeconds: 1 });
    this.events = [
      ask,
      history,
      quotes,
      propose,
      accept,
      ines,
      quote,
      quoteDone,
      quoted,
      yes,
      reread,
      proposeBook,
      acceptBook,
      book,
      inesAgain,
      confirm,
    ];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const agreedAt = log.byId("ines_says_book")?.eventTime;
    const rides = assistantRides(env);
    const ride = rides.find(
      (r) =>
        mentionsAny(r.start_location, "Wrenfield") &&
        mentionsAny(r.end_location, "Larch", "Fell Road") &&
        r.service_type === "Default" &&
        rideStartsBetween(r, "2025-11-21 17:50:00", "2025-11-21 18:10:00"),
    );
    const orders = agentCalls(log, { className: "StatefulCabApp", function: "order_ride" });
    const messages = agentCalls(log, { className: "StatefulMessagingApp", function: "send_message" }).filter(
      (e) => argText(e, "user_id") === INES,
    );
    const quoted =
      !!ride &&
      messages.some(
        (e) =>
          (agreedAt === undefined || e.eventTime < agreedAt) &&
          (mentionsAmount(argText(e, "content"), ride.price) ||
            mentionsAmount(argText(e, "content"), ride.price / 2)),
      );
    const confirmed =
      agreedAt !== undefined &&
      messages.some(
        (e) => e.eventTime > agreedAt && mentionsAny(argText(e, "content"), "book", "18:00", "6pm", "6 pm"),
      );
    return new Checklist()
      .require(
        "a proposal to send Ines the quote",
        proposals(log).some((e) => mentionsAny(argText(e, "content"), "Ines")),
      )
      .require("Ines told the Default fare (or her share) before she decided", quoted)
      .require(
        "after she agreed, one Default cab from the station to the cabin for Friday 18:00",
        !!ride && rides.length === 1 && agreedAt !== undefined && orders.every((e) => e.eventTime > agreedAt),
      )
      .require("Ines told that it is booked", confirmed)
      .verdict();
  }
}
