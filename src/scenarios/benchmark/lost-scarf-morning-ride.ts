import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulCabApp } from "../../apps/cab/app.js";
import { StatefulEmailApp } from "../../apps/email/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import { StatefulMessagingApp } from "../../apps/messaging/app.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { PAREScenario } from "../pare-scenario.js";
import { agentCalls, argText, Checklist, mentionsAny, proposals } from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;

const TESSA = "+15550161";
const LOST_PROPERTY = "lostproperty@hopline.example";

/**
 * John took three Hopline cabs this morning and one to the same gym yesterday. At +8 s his climbing
 * partner Tessa texts that his green scarf must still be in "the cab on the way to Crux this morning".
 * Ideal help: identify that ride (06:45 from 14 Alder Row to Crux Climbing, 201 Mill Road, $11.80), offer
 * to report it, and email Hopline lost property with its date, time and route, not the gym-to-studio ride
 * or yesterday's.
 */
@registerScenario("lost_scarf_morning_ride")
export class LostScarfMorningRide extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["information-extraction"];
  override theme = "ride-monitoring";
  override description =
    "A scarf was left in this morning's cab to the climbing gym; report that ride, of several, to lost property.";
  override additionalSystemPrompt =
    "You are John Doe, at work. You'd like your green wool scarf back and are happy for the cab company to be " +
    "contacted on your behalf.";

  private cab!: StatefulCabApp;
  private email!: StatefulEmailApp;
  private messaging!: StatefulMessagingApp;
  private aui!: PAREAgentUserInterface;

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.cab = new StatefulCabApp();
    this.email = new StatefulEmailApp();
    this.messaging = new StatefulMessagingApp();
    const ride = (start: string, end: string, price: number, time: string, service = "Default") =>
      this.cab.add_new_ride({
        service_type: service,
        start_location: start,
        end_location: end,
        price,
        distance_km: service === "Premium" ? price / 2 : price,
        duration: Math.round(price * 2),
        ride_time: time,
      });
    ride("14 Alder Row", "Crux Climbing, 201 Mill Road", 11.8, "2025-11-17 06:50:00");
    ride("Crux Climbing, 201 Mill Road", "14 Alder Row", 11.8, "2025-11-17 08:30:00");
    ride("14 Alder Row", "Crux Climbing, 201 Mill Road", 11.8, "2025-11-18 06:45:00");
    ride("Crux Climbing, 201 Mill Road", "Brightfold Studio, 19 Foundry Square", 7.2, "2025-11-18 08:05:00");
    const receipt = (what: string, time: string) => ({
      sender: "receipts@hopline.example",
      subject: `Your Hopline receipt - ${what}`,
      content:
        `Thanks for riding with Hopline. ${what}.\n\nLeft something behind? Write to ${LOST_PROPERTY} with the ` +
        "date, time and route of your ride.",
      time,
    });
    this.email.add_emails({
      emails: [
        receipt("Tue 18 Nov, 08:05, Crux Climbing to Brightfold Studio, $7.20", "2025-11-18 08:30:00"),
        receipt("Tue 18 Nov, 06:45, 14 Alder Row to Crux Climbing, $11.80", "2025-11-18 07:10:00"),
        receipt("Mon 17 Nov, 08:30, Crux Climbing to 14 Alder Row, $11.80", "2025-11-17 08:55:00"),
        {
          sender: "frontdesk@cruxclimbing.example",
          subject: "Lost and found at Crux",
          content: "Items left at the wall are kept at reception for 30 days.",
          time: "2025-11-01 09:00:00",
        },
      ],
    });
    this.messaging.add_contacts({
      contacts: [
        { name: "Tessa Quinlan", phone: TESSA },
        { name: "Tess Harper", phone: "+15550162" },
      ],
    });
    this.messaging.add_conversation({
      conversation_id: "conv-tessa",
      participants: [TESSA],
      messages: [
        { sender: TESSA, content: "Crux at 7 tomorrow?", time: "2025-11-17 20:02:00" },
        { sender: this.messaging.currentUserId, content: "Yes! Cabbing there", time: "2025-11-17 20:05:00" },
      ],
    });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.cab, this.email, this.messaging];
  }

  protected buildEventsFlow(): void {
    const hint = ev(
      this.messaging.create_and_add_message({
        conversation_id: "conv-tessa",
        sender_id: TESSA,
        content:
          "Reception checked, no green scarf at the wall. You were wearing it in the cab on the way to Crux this " +
          "morning, so I bet it's still in that taxi!",
      }),
    )
      .withId("tessa_scarf")
      .delayed(8);
    const history = ev(this.cab.get_ride_history({ offset: 0, limit: 10 }))
      .oracle()
      .dependsOn(hint, { delaySeconds: 3 });
    const receipts = ev(this.email.search_emails({ query: "Hopline" }))
      .oracle()
      .dependsOn(history, { delaySeconds: 1 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "Tessa thinks your green scarf is still in this morning's cab to Crux: the Hopline ride at 06:45 today " +
          `from 14 Alder Row to Crux Climbing, 201 Mill Road ($11.80). Shall I report it to ${LOST_PROPERTY}?`,
      }),
    )
      .oracle()
      .dependsOn(receipts, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes, please." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const report = ev(
      this.email.send_email({
        recipients: [LOST_PROPERTY],
        subject: "Green scarf left in a Hopline cab",
        content:
          "Hello, I think I left a green wool scarf in my Hopline ride this morning, Tuesday 18 November at " +
          "06:45, from 14 Alder Row to Crux Climbing, 201 Mill Road (fare $11.80). Has it been handed in? " +
          "Thank you, John Doe",
      }),
    )
      .oracle()
      .dependsOn(accept, { delaySeconds: 2 });
    this.events = [hint, history, receipts, propose, accept, report];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const reports = agentCalls(log, { className: "StatefulEmailApp", function: "send_email" }).filter((e) =>
      argText(e, "recipients").includes(LOST_PROPERTY),
    );
    const right = (e: (typeof reports)[number]) =>
      mentionsAny(argText(e, "content"), "06:45", "6:45") &&
      mentionsAny(argText(e, "content"), "Crux", "Mill Road") &&
      !mentionsAny(argText(e, "content"), "08:05", "8:05", "08:30", "8:30");
    return new Checklist()
      .require(
        "a proposal naming the 06:45 ride to Crux",
        proposals(log).some(
          (e) =>
            mentionsAny(argText(e, "content"), "06:45", "6:45") &&
            mentionsAny(argText(e, "content"), "scarf"),
        ),
      )
      .require("a report to lost property about the 06:45 ride to Crux", reports.some(right))
      .require("no report about another ride", reports.every(right))
      .verdict();
  }
}
