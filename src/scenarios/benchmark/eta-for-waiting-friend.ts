import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulCabApp } from "../../apps/cab/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import { StatefulMessagingApp } from "../../apps/messaging/app.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { DEFAULT_START_TIME, PAREScenario } from "../pare-scenario.js";
import { agentCalls, argText, assistantWrites, Checklist, proposals } from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;

const SAM = "+15550191";
const SAMIRA = "+15550192";

/** Minutes or a clock time in the text that fit an arrival 10-20 minutes from 19:20. */
function plausibleEta(text: string): boolean {
  const minutes = [...text.matchAll(/(\d{1,2})\s*(?:min|minute|mins)\b/gi)].map((m) => Number(m[1]));
  if (minutes.some((m) => m >= 8 && m <= 22)) return true;
  return /\b(?:19:[3-4]\d|7:[3-4]\d)\b/.test(text);
}

/**
 * 19:20. John is in a cab (under way since 19:18, a 17-minute trip) to the Rialto cinema for a 19:45 film.
 * At +8 s Sam, outside the cinema, asks where he is. Ideal help: read the ride's status and offer to tell
 * Sam he is about 15 minutes away; on acceptance message Sam (not Samira) with the estimate. Nothing about
 * the ride should change.
 */
@registerScenario("eta_for_waiting_friend")
export class EtaForWaitingFriend extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override startTime = DEFAULT_START_TIME + 10 * 3600 + 20 * 60;
  override tags = ["information-extraction"];
  override theme = "ride-monitoring";
  override description =
    "A friend waiting at the cinema asks where the user is; answer with the arrival estimate from the ride's status.";
  override additionalSystemPrompt =
    "You are John Doe, in a cab to the Rialto. You'd like Sam to know roughly when you'll arrive.";

  private cab!: StatefulCabApp;
  private messaging!: StatefulMessagingApp;
  private aui!: PAREAgentUserInterface;

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.cab = new StatefulCabApp();
    this.messaging = new StatefulMessagingApp();
    this.cab.add_on_going_ride({
      service_type: "Default",
      start_location: "14 Alder Row",
      end_location: "Rialto Cinema, 77 Strand Lane",
      ride_time: "2025-11-18 19:18:00",
      status: "IN_PROGRESS",
      distance_km: 9.1,
      duration: 17,
    });
    this.messaging.add_contacts({
      contacts: [
        { name: "Sam Okoro", phone: SAM },
        { name: "Samira Haddad", phone: SAMIRA },
      ],
    });
    this.messaging.add_conversation({
      conversation_id: "conv-sam",
      participants: [SAM],
      messages: [
        { sender: SAM, content: "Tickets booked for the 19:45 show!", time: "2025-11-18 12:10:00" },
        {
          sender: this.messaging.currentUserId,
          content: "Great, leaving at 19:15",
          time: "2025-11-18 12:12:00",
        },
      ],
    });
    this.messaging.add_conversation({
      conversation_id: "conv-samira",
      participants: [SAMIRA],
      messages: [{ sender: SAMIRA, content: "Where are you? :)", time: "2025-11-18 18:55:00" }],
    });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.cab, this.messaging];
  }

  protected buildEventsFlow(): void {
    const ask = ev(
      this.messaging.create_and_add_message({
        conversation_id: "conv-sam",
        sender_id: SAM,
        content: "I'm outside the Rialto, where are you? Trailers start at 19:45",
      }),
    )
      .withId("sam_where_are_you")
      .delayed(8);
    const status = ev(this.cab.get_current_ride_status()).oracle().dependsOn(ask, { delaySeconds: 3 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "Sam Okoro is waiting outside the Rialto. Your cab is under way and should arrive in about 15 minutes " +
          "(around 19:35). Shall I tell him?",
      }),
    )
      .oracle()
      .dependsOn(status, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes, tell Sam." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const who = ev(this.messaging.lookup_user_id({ user_name: "Sam Okoro" }))
      .oracle()
      .dependsOn(accept, { delaySeconds: 1 });
    const tell = ev(
      this.messaging.send_message({
        user_id: SAM,
        content: "In the cab, about 15 minutes away, around 19:35. See you at the door!",
      }),
    )
      .oracle()
      .dependsOn(who, { delaySeconds: 1 });
    this.events = [ask, status, propose, accept, who, tell];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const messages = agentCalls(log, { className: "StatefulMessagingApp", function: "send_message" });
    return new Checklist()
      .require(
        "a proposal with the arrival estimate",
        proposals(log).some((e) => plausibleEta(argText(e, "content"))),
      )
      .require(
        "Sam told the arrival estimate",
        messages.some((e) => argText(e, "user_id") === SAM && plausibleEta(argText(e, "content"))),
      )
      .require(
        "no message to Samira and the ride left alone",
        !messages.some((e) => argText(e, "user_id") === SAMIRA) &&
          assistantWrites(log, { className: "StatefulCabApp" }).length === 0,
      )
      .verdict();
  }
}
