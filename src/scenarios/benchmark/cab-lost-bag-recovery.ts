import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulCabApp } from "../../apps/cab/app.js";
import { StatefulEmailApp } from "../../apps/email/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import { StatefulMessagingApp } from "../../apps/messaging/app.js";
import { StatefulReminderApp } from "../../apps/reminder/app.js";
import type { Environment } from "../../core/environment.js";
import { ConditionCheckEvent, type Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { PAREScenario } from "../pare-scenario.js";
import { agentCalls, argText, Checklist, mentionsAny, proposals, timeBetween } from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;

const MAYA = "+15550123";
const LOST_PROPERTY = "lostproperty@hopline.example";
const FOUND_EMAIL = "email-hopline-found";

/** Did the assistant report the loss to Hopline's lost property? */
const reported = (env: Environment) =>
  agentCalls(env.eventLog, { className: "StatefulEmailApp", function: "send_email" }).some((e) =>
    argText(e, "recipients").includes(LOST_PROPERTY),
  );

/**
 * John's Hopline ride home from the studio (Premium, 08:35) ends at +5 s. At +15 s his partner Maya texts
 * that his laptop bag is not at home. Hopline's receipts name lost property's address (billing support and
 * another cab company are distractors). Ideal help, in two rounds: (1) offer to report the bag with the
 * ride's date, time and route, and email lost property; (2) lost property answers only after that email,
 * with the depot's address and hours; offer a pickup reminder and to tell Maya, then add the reminder and
 * message her.
 */
@registerScenario("cab_lost_bag_recovery")
export class CabLostBagRecovery extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["follow-up"];
  override theme = "ride-monitoring";
  override description =
    "A laptop bag is left in the cab home; report it to lost property, then schedule the pickup when they find it.";
  override additionalSystemPrompt =
    "You are John Doe. You think you left your laptop bag in this morning's cab home. If it turns up you'd " +
    "like a reminder to collect it tomorrow morning, and Maya should know it's safe.";

  private cab!: StatefulCabApp;
  private email!: StatefulEmailApp;
  private messaging!: StatefulMessagingApp;
  private reminders!: StatefulReminderApp;
  private aui!: PAREAgentUserInterface;

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.cab = new StatefulCabApp();
    this.email = new StatefulEmailApp();
    this.messaging = new StatefulMessagingApp();
    this.reminders = new StatefulReminderApp();
    this.cab.add_new_ride({
      service_type: "Default",
      start_location: "14 Alder Row",
      end_location: "Brightfold Studio, 19 Foundry Square",
      price: 8.4,
      duration: 17,
      distance_km: 8.4,
      ride_time: "2025-11-17 07:50:00",
    });
    this.cab.add_on_going_ride({
      service_type: "Premium",
      start_location: "Brightfold Studio, 19 Foundry Square",
      end_location: "14 Alder Row",
      ride_time: "2025-11-18 08:35:00",
      status: "IN_PROGRESS",
      distance_km: 8.4,
      duration: 22,
    });
    const receipt = (ride: string, price: string, time: string) => ({
      sender: "receipts@hopline.example",
      subject: `Your Hopline receipt - ${ride}`,
      content:
        `Thanks for riding with Hopline. ${ride}: $${price}.\n\n` +
        `Left something behind? Write to ${LOST_PROPERTY} with the date, time and route of your ride.\n` +
        "Billing questions: support@hopline.example",
      time,
    });
    this.email.add_emails({
      emails: [
        receipt("Mon 17 Nov, 07:50, 14 Alder Row to Brightfold Studio", "8.40", "2025-11-17 08:08:00"),
        {
          sender: "hello@cityzip.example",
          subject: "Cityzip: 20% off your next three rides",
          content: "Found an item in a Cityzip car? Contact found@cityzip.example.",
          time: "2025-11-16 12:00:00",
        },
        {
          sender: "it-desk@brightfold.example",
          subject: "Laptop refresh",
          content: "Your replacement laptop arrives next month.",
          time: "2025-11-14 10:30:00",
        },
      ],
    });
    this.messaging.add_contacts({
      contacts: [
        { name: "Maya Lindqvist", phone: MAYA },
        { name: "Oskar Lind", phone: "+15550177" },
      ],
    });
    this.messaging.add_conversation({
      conversation_id: "conv-maya",
      participants: [MAYA],
      messages: [
        { sender: MAYA, content: "Coming home before lunch?", time: "2025-11-18 08:10:00" },
        {
          sender: this.messaging.currentUserId,
          content: "Yes, leaving the studio now",
          time: "2025-11-18 08:31:00",
        },
      ],
    });
    this.reminders.add_reminder({
      title: "Return library books",
      due_datetime: "2025-11-20 17:00:00",
    });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.cab, this.email, this.messaging, this.reminders];
  }

  protected buildEventsFlow(): void {
    const arrived = ev(this.cab.end_ride()).withId("ride_home_completed").delayed(5);
    const missing = ev(
      this.messaging.create_and_add_message({
        conversation_id: "conv-maya",
        sender_id: MAYA,
        content:
          "Did you bring your laptop bag in? It's not in the hall or your study, and your charger is in it",
      }),
    )
      .withId("maya_bag_missing")
      .dependsOn(arrived, { delaySeconds: 10 });
    const history = ev(this.cab.get_ride_history({ offset: 0, limit: 10 }))
      .oracle()
      .dependsOn(missing, { delaySeconds: 3 });
    const receipts = ev(this.email.search_emails({ query: "Hopline" }))
      .oracle()
      .dependsOn(history, { delaySeconds: 1 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "Maya can't find your laptop bag; it's probably in this morning's Hopline cab (Premium, Tue 18 Nov, " +
          `08:35, Brightfold Studio, 19 Foundry Square to 14 Alder Row). Shall I email Hopline lost property (${LOST_PROPERTY}) with the ride details?`,
      }),
    )
      .oracle()
      .dependsOn(receipts, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes please, report it." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const report = ev(
      this.email.send_email({
        recipients: [LOST_PROPERTY],
        subject: "Laptop bag left in a Hopline cab",
        content:
          "Hello,\n\nI left a black laptop bag (with a charger inside) in my Hopline ride today, Tuesday 18 " +
          "November: Premium, picked up 08:35 at Brightfold Studio, 19 Foundry Square, dropped at 14 Alder Row. " +
          "Could you check with the driver?\n\nThanks,\nJohn Doe",
      }),
    )
      .oracle()
      .dependsOn(accept, { delaySeconds: 2 });
    const reportDone = ev(
      this.aui.send_message_to_user({
        content:
          "Done: I've emailed Hopline lost property with the ride details. I'll tell you when they answer.",
      }),
    )
      .oracle()
      .dependsOn(report, { delaySeconds: 2 });
    const wasReported = ConditionCheckEvent.fromCondition(reported, {
      description: "the loss was reported to Hopline lost property",
      everyTicks: 5,
      timeoutTicks: 3600,
    });
    const found = ev(
      this.email.send_email_to_user_with_id({
        email_id: FOUND_EMAIL,
        sender: LOST_PROPERTY,
        subject: "Re: Laptop bag left in a Hopline cab",
        content:
          "Good news: your driver handed in a black laptop bag. Collect it from the Hopline depot, 3 Gasworks " +
          "Lane, Monday to Saturday 10:00-18:00. Bring photo ID and quote reference LP-4471.",
      }),
    )
      .withId("lost_property_found")
      .dependsOn(wasReported, { delaySeconds: 15 });
    const readFound = ev(this.email.get_email_by_id({ email_id: FOUND_EMAIL }))
      .oracle()
      .dependsOn(found, { delaySeconds: 2 });
    const proposePickup = ev(
      this.aui.send_message_to_user({
        content:
          "Hopline found your bag: it's at their depot, 3 Gasworks Lane (Mon-Sat 10:00-18:00, bring ID, " +
          "reference LP-4471). Shall I add a reminder to collect it tomorrow at 10:00 and tell Maya Lindqvist it's safe?",
      }),
    )
      .oracle()
      .dependsOn(readFound, { delaySeconds: 2 });
    const acceptPickup = ev(this.aui.accept_proposal({ content: "Great, yes." }))
      .oracle()
      .dependsOn(proposePickup, { delaySeconds: 3 });
    const remind = ev(
      this.reminders.add_reminder({
        title: "Collect laptop bag from Hopline depot",
        due_datetime: "2025-11-19 10:00:00",
        description:
          "Hopline depot, 3 Gasworks Lane (Mon-Sat 10:00-18:00). Bring photo ID, reference LP-4471.",
      }),
    )
      .oracle()
      .dependsOn(acceptPickup, { delaySeconds: 2 });
    const maya = ev(this.messaging.lookup_user_id({ user_name: "Maya Lindqvist" }))
      .oracle()
      .dependsOn(remind, { delaySeconds: 1 });
    const tellMaya = ev(
      this.messaging.send_message({
        user_id: MAYA,
        content:
          "Found it! The bag was in the cab; Hopline has it at their Gasworks Lane depot, I'll pick it up tomorrow.",
      }),
    )
      .oracle()
      .dependsOn(maya, { delaySeconds: 1 });
    this.events = [
      arrived,
      missing,
      history,
      receipts,
      propose,
      accept,
      report,
      reportDone,
      wasReported,
      found,
      readFound,
      proposePickup,
      acceptPickup,
      remind,
      maya,
      tellMaya,
    ];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const reports = agentCalls(log, { className: "StatefulEmailApp", function: "send_email" }).filter(
      (e) =>
        argText(e, "recipients").includes(LOST_PROPERTY) &&
        mentionsAny(argText(e, "content"), "08:35", "8:35") &&
        mentionsAny(argText(e, "content"), "Foundry", "Brightfold") &&
        mentionsAny(argText(e, "content"), "Alder"),
    );
    const foundAt = log.byId("lost_property_found")?.eventTime;
    const reminder = agentCalls(log, { className: "StatefulReminderApp", function: "add_reminder" }).some(
      (e) =>
        foundAt !== undefined &&
        e.eventTime > foundAt &&
        mentionsAny(`${argText(e, "title")} ${argText(e, "description")}`, "Gasworks", "depot", "LP-4471") &&
        timeBetween(argText(e, "due_datetime"), "2025-11-19 07:00:00", "2025-11-22 18:00:00"),
    );
    const told = agentCalls(log, { className: "StatefulMessagingApp", function: "send_message" }).some(
      (e) =>
        foundAt !== undefined &&
        e.eventTime > foundAt &&
        argText(e, "user_id") === MAYA &&
        mentionsAny(argText(e, "content"), "found", "Hopline", "depot", "safe"),
    );
    const wrongDesk = agentCalls(log, { className: "StatefulEmailApp" }).some((e) =>
      mentionsAny(argText(e, "recipients"), "support@hopline", "cityzip"),
    );
    return new Checklist()
      .require(
        "a proposal to report the bag to lost property",
        proposals(log).some((e) => mentionsAny(argText(e, "content"), "bag", "lost")),
      )
      .require("an email to Hopline lost property with the ride's time and route", reports.length > 0)
      .require("no report to billing support or another cab company", !wrongDesk)
      .require("after the bag was found, a reminder to collect it at the depot from tomorrow", reminder)
      .require("after the bag was found, a message telling Maya", told)
      .verdict();
  }
}
