import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulCabApp } from "../../apps/cab/app.js";
import { StatefulCalendarApp } from "../../apps/calendar/app.js";
import { StatefulEmailApp } from "../../apps/email/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
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

const STUDIO = "Brightfold Studio, 19 Foundry Square";
const REQUEST = "email-expenses-request";
/** [client, address, fare, ride time, meeting start]. */
const CLIENT_RIDES: [string, string, number, string, string][] = [
  ["Harrow & Finch", "Harrow & Finch, 230 Tanner Street", 18, "2025-11-04 10:30:00", "2025-11-04 11:00:00"],
  ["Orla Tea Co", "Orla Tea Co, 4 Pier Lane", 11.2, "2025-11-06 13:25:00", "2025-11-06 14:00:00"],
  [
    "Vantor Logistics",
    "Vantor Logistics, 88 Quay Street",
    13.2,
    "2025-11-12 09:20:00",
    "2025-11-12 10:00:00",
  ],
];
const PERSONAL: [string, number, string][] = [
  ["Crux Climbing, 201 Mill Road", 11.8, "2025-11-08 07:00:00"],
  ["The Copper Fox, 3 Hythe Street", 14.2, "2025-11-14 19:05:00"],
  ["Halden Airport, Terminal 2", 22, "2025-11-15 06:10:00"],
];
const TOTAL = CLIENT_RIDES.reduce((s, r) => s + r[2], 0);

/**
 * Finance asks John (+8 s) to reply with this month's client-visit cab rides, each with date, route and
 * fare, and the total. His November history has six rides from the studio; three go to client meetings
 * tagged "Client" in the calendar, three are personal. Ideal help: match the rides with the client events,
 * offer the list ($18.00 + $11.20 + $13.20 = $42.40) and reply to finance with it.
 */
@registerScenario("client_rides_expense_reply")
export class ClientRidesExpenseReply extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["information-extraction"];
  override theme = "cost-sharing";
  override description =
    "Finance asks for this month's client-visit rides; match rides to client meetings and reply with fares and total.";
  override additionalSystemPrompt =
    "You are John Doe. You only claim rides to client meetings; personal rides stay off the expense claim.";

  private cab!: StatefulCabApp;
  private calendar!: StatefulCalendarApp;
  private email!: StatefulEmailApp;
  private aui!: PAREAgentUserInterface;

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.cab = new StatefulCabApp();
    this.calendar = new StatefulCalendarApp();
    this.email = new StatefulEmailApp();
    const rides: [string, number, string][] = [
      ...CLIENT_RIDES.map(([, address, fare, time]): [string, number, string] => [address, fare, time]),
      ...PERSONAL,
    ].sort((a, b) => (a[2] < b[2] ? -1 : 1));
    for (const [end, price, time] of rides)
      this.cab.add_new_ride({
        service_type: "Default",
        start_location: STUDIO,
        end_location: end,
        price,
        distance_km: price,
        duration: Math.round(price * 1.5),
        ride_time: time,
      });
    for (const [client, address, , , start] of CLIENT_RIDES)
      this.calendar.add_calendar_event({
        title: `Client meeting: ${client}`,
        start_datetime: start,
        tag: "Client",
        location: address,
      });
    this.calendar.add_calendar_event({
      title: "Quiz night",
      start_datetime: "2025-11-14 19:30:00",
      tag: "Personal",
      location: "The Copper Fox, 3 Hythe Street",
    });
    this.calendar.add_calendar_event({
      title: "Client meeting: Orla Tea Co (video call)",
      start_datetime: "2025-11-13 15:00:00",
      tag: "Client",
      description: "Remote, no travel.",
    });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.cab, this.calendar, this.email];
  }

  protected buildEventsFlow(): void {
    const ask = ev(
      this.email.send_email_to_user_with_id({
        email_id: REQUEST,
        sender: "expenses@brightfold.example",
        subject: "November client travel",
        content:
          "Hi John, please reply with your November cab rides to client visits: date, route and fare of each, " +
          "plus the total, by Friday. Personal rides are not reimbursable. Thanks, Finance",
      }),
    )
      .withId("finance_request")
      .delayed(8);
    const history = ev(this.cab.get_ride_history({ offset: 0, limit: 10 }))
      .oracle()
      .dependsOn(ask, { delaySeconds: 3 });
    const clients = ev(this.calendar.get_calendar_events_by_tag({ tag: "Client" }))
      .oracle()
      .dependsOn(history, { delaySeconds: 1 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "Finance wants your November client-visit rides. Three rides match client meetings: 4 Nov studio to " +
          "Harrow & Finch $18.00, 6 Nov studio to Orla Tea Co $11.20, 12 Nov studio to Vantor Logistics $13.20; " +
          "total $42.40 (the climbing, quiz-night and airport rides are personal). Shall I reply to Finance's " +
          "'November client travel' email with these?",
      }),
    )
      .oracle()
      .dependsOn(clients, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes, send it." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const find = ev(this.email.search_emails({ query: "November client travel" }))
      .oracle()
      .dependsOn(accept, { delaySeconds: 1 });
    const reply = ev(
      this.email.reply_to_email({
        email_id: REQUEST,
        content:
          "Hi, my November client-visit rides:\n- 4 Nov, Brightfold Studio to Harrow & Finch, 230 Tanner Street: " +
          "$18.00\n- 6 Nov, Brightfold Studio to Orla Tea Co, 4 Pier Lane: $11.20\n- 12 Nov, Brightfold Studio to " +
          "Vantor Logistics, 88 Quay Street: $13.20\nTotal: $42.40\nThanks, John",
      }),
    )
      .oracle()
      .dependsOn(find, { delaySeconds: 2 });
    this.events = [ask, history, clients, propose, accept, find, reply];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const replies = agentCalls(log, {
      className: "StatefulEmailApp",
      function: ["reply_to_email", "send_email"],
    }).filter(
      (e) => argText(e, "email_id") === REQUEST || argText(e, "recipients").includes("expenses@brightfold"),
    );
    const complete = replies.some((e) => {
      const text = argText(e, "content");
      return (
        CLIENT_RIDES.every(
          ([client, , fare]) =>
            mentionsAmount(text, fare) && mentionsAny(text, client.split(" ")[0] as string),
        ) && mentionsAmount(text, TOTAL)
      );
    });
    const personal = replies.some((e) =>
      PERSONAL.some(([, fare]) => mentionsAmount(argText(e, "content"), fare)),
    );
    return new Checklist()
      .require(
        "a proposal listing the client rides",
        proposals(log).some((e) => mentionsAmount(argText(e, "content"), TOTAL)),
      )
      .require("a reply to finance with the three client rides' fares and the $42.40 total", complete)
      .require("no personal ride claimed", !personal)
      .verdict();
  }
}
