import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulCabApp } from "../../apps/cab/app.js";
import { StatefulCalendarApp } from "../../apps/calendar/app.js";
import { StatefulEmailApp } from "../../apps/email/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { assistantRides, rideStartsBetween } from "../cab-verdicts.js";
import { PAREScenario } from "../pare-scenario.js";
import { argText, Checklist, mentionsAny, proposals } from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;

const STUDIO = "Brightfold Studio, 19 Foundry Square";
const CLIENT = "Harrow & Finch, 230 Tanner Street";
const CAP = 30;

/**
 * John always rides Premium to client visits (his ride history shows it; the last one to Harrow & Finch
 * cost $36 for 18 km). Today he visits Harrow & Finch at 11:00 and has no ride booked. At +8 s HR emails
 * that from today client-visit rides are reimbursed up to $30 per trip, Premium no longer covered. Ideal
 * help: compare the quotes (Default $18, Van $27, Premium $36) and offer to book the Default ride from the
 * studio for about 10:35; on acceptance book it. A ride over the cap is wrong.
 */
@registerScenario("reimbursable_ride_cap")
export class ReimbursableRideCap extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["information-extraction"];
  override theme = "cab-quotes";
  override description =
    "A new policy caps reimbursed client rides at $30; book today's client visit with a service under the cap.";
  override additionalSystemPrompt =
    "You are John Doe. You like Premium cabs, but you will not pay for a work ride out of your own pocket. " +
    "You are at the studio until you leave for Harrow & Finch.";

  private cab!: StatefulCabApp;
  private calendar!: StatefulCalendarApp;
  private email!: StatefulEmailApp;
  private aui!: PAREAgentUserInterface;

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.cab = new StatefulCabApp();
    this.calendar = new StatefulCalendarApp();
    this.email = new StatefulEmailApp();
    this.calendar.add_calendar_event({
      title: "Client visit: Harrow & Finch",
      start_datetime: "2025-11-18 11:00:00",
      end_datetime: "2025-11-18 12:30:00",
      tag: "Client",
      location: CLIENT,
      attendees: ["Gemma Finch"],
    });
    this.calendar.add_calendar_event({
      title: "Client visit: Orla Tea Co",
      start_datetime: "2025-11-20 14:00:00",
      end_datetime: "2025-11-20 15:00:00",
      tag: "Client",
      location: "Orla Tea Co, 4 Pier Lane",
    });
    this.cab.add_new_ride({
      service_type: "Premium",
      start_location: STUDIO,
      end_location: CLIENT,
      price: 36,
      distance_km: 18,
      duration: 27,
      ride_time: "2025-10-21 09:20:00",
    });
    this.cab.add_new_ride({
      service_type: "Premium",
      start_location: STUDIO,
      end_location: "Orla Tea Co, 4 Pier Lane",
      price: 22.4,
      distance_km: 11.2,
      duration: 19,
      ride_time: "2025-11-06 13:25:00",
    });
    this.email.add_email({
      sender: "expenses@brightfold.example",
      subject: "October expenses approved",
      content: "Your October claim ($58.40 in client rides) has been paid.",
      time: "2025-11-10 09:00:00",
    });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.cab, this.calendar, this.email];
  }

  protected buildEventsFlow(): void {
    const policy = ev(
      this.email.send_email_to_user_with_id({
        email_id: "email-travel-policy",
        sender: "hr@brightfold.example",
        subject: "Travel policy update: client rides",
        content:
          `From today, cab rides to client visits are reimbursed up to $${CAP} per trip. Premium cars are no ` +
          "longer covered above that amount; the difference is yours to pay. Thanks, People team",
      }),
    )
      .withId("hr_ride_cap")
      .delayed(8);
    const agenda = ev(this.calendar.read_today_calendar_events())
      .oracle()
      .dependsOn(policy, { delaySeconds: 3 });
    const history = ev(this.cab.get_ride_history({ offset: 0, limit: 10 }))
      .oracle()
      .dependsOn(agenda, { delaySeconds: 1 });
    const quotes = ev(
      this.cab.list_rides({ start_location: STUDIO, end_location: CLIENT, ride_time: "2025-11-18 10:35:00" }),
    )
      .oracle()
      .dependsOn(history, { delaySeconds: 1 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "HR now reimburses client rides only up to $30. For today's 11:00 visit to Harrow & Finch, Premium " +
          "(what you usually take) would be $36, Default is $18. Shall I book a Default cab from the studio at 10:35?",
      }),
    )
      .oracle()
      .dependsOn(quotes, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Fine, Default then." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const book = ev(
      this.cab.order_ride({
        start_location: STUDIO,
        end_location: CLIENT,
        service_type: "Default",
        ride_time: "2025-11-18 10:35:00",
      }),
    )
      .oracle()
      .dependsOn(accept, { delaySeconds: 2 });
    this.events = [policy, agenda, history, quotes, propose, accept, book];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const rides = assistantRides(env);
    const good = rides.find(
      (r) =>
        mentionsAny(r.start_location, "Foundry", "Brightfold") &&
        mentionsAny(r.end_location, "Tanner", "Harrow") &&
        r.price <= CAP &&
        r.service_type !== "Premium" &&
        rideStartsBetween(r, "2025-11-18 10:15:00", "2025-11-18 10:50:00"),
    );
    return new Checklist()
      .require(
        "a proposal that respects the $30 cap",
        proposals(log).some((e) => mentionsAny(argText(e, "content"), "30", "cap", "reimburs", "policy")),
      )
      .require(
        "one ride to Harrow & Finch under the cap, leaving in time for 11:00",
        !!good && rides.length === 1,
      )
      .verdict();
  }
}
