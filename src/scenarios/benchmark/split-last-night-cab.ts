import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulCabApp } from "../../apps/cab/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import { StatefulMessagingApp } from "../../apps/messaging/app.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { PAREScenario } from "../pare-scenario.js";
import {
  agentCalls,
  argText,
  assistantWrites,
  Checklist,
  mentionsAmount,
  proposals,
} from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;

const GROUP = "conv-fox-night";
const DARA = "+15550171";
const KOFI = "+15550172";
const VAN_FARE = 38.7;

/**
 * Last night John, Dara and Kofi took a Van home together from The Copper Fox ($38.70, 23:40); earlier John
 * rode there alone ($14.20). At +8 s Dara asks in their group what she and Kofi owe for the van. Ideal
 * help: offer to post the split, $12.90 each, and post it in the group; the earlier ride is not shared.
 */
@registerScenario("split_last_night_cab")
export class SplitLastNightCab extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["information-extraction"];
  override theme = "cost-sharing";
  override description =
    "Friends ask what they owe for last night's shared van home; post a third of that fare each.";
  override additionalSystemPrompt =
    "You are John Doe. You paid for last night's van home with Dara and Kofi and want it split equally " +
    "three ways; the ride you took there alone is yours.";

  private cab!: StatefulCabApp;
  private messaging!: StatefulMessagingApp;
  private aui!: PAREAgentUserInterface;

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.cab = new StatefulCabApp();
    this.messaging = new StatefulMessagingApp();
    this.cab.add_new_ride({
      service_type: "Default",
      start_location: "Brightfold Studio, 19 Foundry Square",
      end_location: "The Copper Fox, 3 Hythe Street",
      price: 14.2,
      distance_km: 14.2,
      duration: 22,
      ride_time: "2025-11-17 19:05:00",
    });
    this.cab.add_new_ride({
      service_type: "Van",
      start_location: "The Copper Fox, 3 Hythe Street",
      end_location: "14 Alder Row",
      price: VAN_FARE,
      distance_km: 25.8,
      duration: 33,
      ride_time: "2025-11-17 23:40:00",
    });
    this.cab.add_new_ride({
      service_type: "Default",
      start_location: "14 Alder Row",
      end_location: "Brightfold Studio, 19 Foundry Square",
      price: 8.4,
      distance_km: 8.4,
      duration: 16,
      ride_time: "2025-11-18 08:15:00",
    });
    this.messaging.add_contacts({
      contacts: [
        { name: "Dara Fenn", phone: DARA },
        { name: "Kofi Asante", phone: KOFI },
      ],
    });
    this.messaging.add_conversation({
      conversation_id: GROUP,
      title: "Fox night",
      participants: [DARA, KOFI],
      messages: [
        { sender: KOFI, content: "Best quiz night ever", time: "2025-11-17 23:30:00" },
        { sender: DARA, content: "John's getting us a van home, legend", time: "2025-11-17 23:35:00" },
      ],
    });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.cab, this.messaging];
  }

  protected buildEventsFlow(): void {
    const ask = ev(
      this.messaging.create_and_add_message({
        conversation_id: GROUP,
        sender_id: DARA,
        content: "John, what do Kofi and I owe you for the van home last night? We'll send it today",
      }),
    )
      .withId("dara_asks_share")
      .delayed(8);
    const history = ev(this.cab.get_ride_history({ offset: 0, limit: 10 }))
      .oracle()
      .dependsOn(ask, { delaySeconds: 3 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "Dara asks what she and Kofi owe for last night's van home from The Copper Fox. It cost $38.70, so " +
          "$12.90 each. Shall I post that in the Fox night group?",
      }),
    )
      .oracle()
      .dependsOn(history, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes please." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const group = ev(this.messaging.search({ query: "Fox night" }))
      .oracle()
      .dependsOn(accept, { delaySeconds: 1 });
    const post = ev(
      this.messaging.send_message_to_group_conversation({
        conversation_id: GROUP,
        content: "The van home was $38.70, so $12.90 each. Thanks both!",
      }),
    )
      .oracle()
      .dependsOn(group, { delaySeconds: 1 });
    this.events = [ask, history, propose, accept, group, post];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const share = VAN_FARE / 3;
    const posted = agentCalls(log, {
      className: "StatefulMessagingApp",
      function: ["send_message_to_group_conversation", "send_message"],
    }).filter((e) => argText(e, "conversation_id") === GROUP || [DARA, KOFI].includes(argText(e, "user_id")));
    return new Checklist()
      .require(
        "a proposal with the van's split",
        proposals(log).some((e) => mentionsAmount(argText(e, "content"), share)),
      )
      .require(
        "$12.90 each told to Dara and Kofi",
        posted.some((e) => mentionsAmount(argText(e, "content"), share)),
      )
      .require(
        "no wrong amount (the solo ride counted in) and no ride booked",
        !posted.some((e) =>
          [14.2 / 3, (14.2 + VAN_FARE) / 3, 14.2 + VAN_FARE].some((a) =>
            mentionsAmount(argText(e, "content"), a),
          ),
        ) && assistantWrites(log, { className: "StatefulCabApp" }).length === 0,
      )
      .verdict();
  }
}
