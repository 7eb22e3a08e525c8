import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulCabApp } from "../../apps/cab/app.js";
import { StatefulEmailApp } from "../../apps/email/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
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
  mentionsAny,
  proposals,
} from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;

const STATEMENT = "email-hopline-statement";
const SUPPORT = "support@hopline.example";
const AIRPORT_FARE = 21.4;

/**
 * On 14 Nov John booked the airport cab twice by mistake at 06:10 and 06:12 and cancelled the second; the
 * ride history shows one COMPLETED and one CANCELLED ride. At +8 s Hopline's monthly statement arrives and
 * bills both ($21.40 twice) next to his other rides. Ideal help: offer to dispute the 06:12 charge and, on
 * acceptance, reply to the statement (or write to support) naming the cancelled 06:12 ride and the $21.40
 * to refund, without disputing the legitimate rides.
 */
@registerScenario("duplicate_ride_charge_dispute")
export class DuplicateRideChargeDispute extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["conflict-resolution"];
  override theme = "cost-sharing";
  override description =
    "A cab statement bills a cancelled duplicate airport ride; dispute that one charge with its time and amount.";
  override additionalSystemPrompt =
    "You are John Doe. You only pay for rides you took, and you like disputes to be short and precise.";

  private cab!: StatefulCabApp;
  private email!: StatefulEmailApp;
  private aui!: PAREAgentUserInterface;

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.cab = new StatefulCabApp();
    this.email = new StatefulEmailApp();
    const ride = (
      end: string,
      price: number,
      time: string,
      status: "COMPLETED" | "CANCELLED" = "COMPLETED",
    ) =>
      this.cab.add_new_ride({
        service_type: "Default",
        start_location: "14 Alder Row",
        end_location: end,
        price,
        distance_km: price,
        duration: Math.round(price * 1.4),
        ride_time: time,
        status,
      });
    ride("Brightfold Studio, 19 Foundry Square", 8.4, "2025-11-03 08:40:00");
    ride("Halden Airport, Terminal 2", AIRPORT_FARE, "2025-11-14 06:10:00");
    ride("Halden Airport, Terminal 2", AIRPORT_FARE, "2025-11-14 06:12:00", "CANCELLED");
    ride("The Copper Fox, 3 Hythe Street", 9.8, "2025-11-16 19:05:00");
    this.email.add_email({
      sender: "receipts@hopline.example",
      subject: "Your Hopline receipt - Fri 14 Nov, 06:10",
      content: `14 Alder Row to Halden Airport, Terminal 2: $${AIRPORT_FARE.toFixed(2)}.`,
      time: "2025-11-14 06:50:00",
    });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.cab, this.email];
  }

  protected buildEventsFlow(): void {
    const statement = ev(
      this.email.send_email_to_user_with_id({
        email_id: STATEMENT,
        sender: "billing@hopline.example",
        subject: "Your Hopline statement, 1-17 November",
        content:
          "Mon 3 Nov 08:40, 14 Alder Row to Brightfold Studio: $8.40\n" +
          "Fri 14 Nov 06:10, 14 Alder Row to Halden Airport, Terminal 2: $21.40\n" +
          "Fri 14 Nov 06:12, 14 Alder Row to Halden Airport, Terminal 2: $21.40\n" +
          "Sun 16 Nov 19:05, 14 Alder Row to The Copper Fox: $9.80\n" +
          `Total charged: $61.00\n\nQuestions about a charge? Reply to this email or write to ${SUPPORT}.`,
      }),
    )
      .withId("hopline_statement")
      .delayed(8);
    const history = ev(this.cab.get_ride_history({ offset: 0, limit: 10 }))
      .oracle()
      .dependsOn(statement, { delaySeconds: 3 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "Hopline's statement charges the 14 Nov airport ride twice ($21.40 at 06:10 and at 06:12), but the " +
          "06:12 booking was cancelled in your ride history. Shall I reply to the Hopline statement asking them to " +
          "refund that $21.40?",
      }),
    )
      .oracle()
      .dependsOn(history, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes, dispute it." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const find = ev(this.email.search_emails({ query: "Hopline statement" }))
      .oracle()
      .dependsOn(accept, { delaySeconds: 1 });
    const reply = ev(
      this.email.reply_to_email({
        email_id: STATEMENT,
        content:
          "Hello, my statement charges $21.40 for a ride on Fri 14 Nov at 06:12 (14 Alder Row to Halden Airport). " +
          "That booking was a duplicate and I cancelled it; I only took the 06:10 ride. Please refund the $21.40. " +
          "Thank you, John Doe",
      }),
    )
      .oracle()
      .dependsOn(find, { delaySeconds: 2 });
    this.events = [statement, history, propose, accept, find, reply];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const disputes = agentCalls(log, {
      className: "StatefulEmailApp",
      function: ["reply_to_email", "send_email"],
    }).filter(
      (e) =>
        argText(e, "email_id") === STATEMENT ||
        mentionsAny(argText(e, "recipients"), SUPPORT, "billing@hopline"),
    );
    const precise = disputes.some(
      (e) =>
        mentionsAny(argText(e, "content"), "06:12", "6:12") &&
        mentionsAmount(argText(e, "content"), AIRPORT_FARE) &&
        mentionsAny(argText(e, "content"), "cancel", "duplicate", "twice", "double"),
    );
    return new Checklist()
      .require(
        "a proposal to dispute the duplicate charge",
        proposals(log).some((e) => mentionsAny(argText(e, "content"), "06:12", "6:12", "twice", "duplicate")),
      )
      .require("a dispute to Hopline naming the cancelled 06:12 ride and the $21.40", precise)
      .require(
        "no other charge disputed and nothing booked",
        !disputes.some((e) => mentionsAny(argText(e, "content"), "8.40", "9.80", "61.00")) &&
          assistantWrites(log, { className: "StatefulCabApp" }).length === 0,
      )
      .verdict();
  }
}
