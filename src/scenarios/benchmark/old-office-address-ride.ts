import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulCabApp } from "../../apps/cab/app.js";
import { StatefulCalendarApp } from "../../apps/calendar/app.js";
import { StatefulEmailApp } from "../../apps/email/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { assistantRides, rideById, rideStartsBetween } from "../cab-verdicts.js";
import { PAREScenario } from "../pare-scenario.js";
import { argText, Checklist, mentionsAny, proposals } from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;

const HOME = "14 Alder Row";
const OLD_OFFICE = "Brightfold Studio, 5 Canal Yard";
const NEW_OFFICE = "Brightfold Studio, 19 Foundry Square";

/**
 * No environment event. John booked (a week ago, from habit) a Default cab at 12:30 to the studio's old
 * address, 5 Canal Yard. The afternoon design workshop in today's calendar is at the new address, and last
 * week's facilities email says the studio moved to 19 Foundry Square and Canal Yard is closed. Ideal help:
 * notice the mismatch, offer to cancel and rebook the same service to Foundry Square for 12:30, and do it.
 */
@registerScenario("old_office_address_ride")
export class OldOfficeAddressRide extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["conflict-resolution"];
  override theme = "ride-monitoring";
  override description =
    "Nothing arrives: today's cab is booked to the studio's old address; rebook it to the new one.";
  override additionalSystemPrompt =
    "You are John Doe, working from home this morning and going in for the 13:00 workshop. You keep the same " +
    "pickup time and kind of cab.";

  private cab!: StatefulCabApp;
  private calendar!: StatefulCalendarApp;
  private email!: StatefulEmailApp;
  private aui!: PAREAgentUserInterface;
  private oldRideId = "";

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.cab = new StatefulCabApp();
    this.calendar = new StatefulCalendarApp();
    this.email = new StatefulEmailApp();
    this.calendar.add_calendar_event({
      title: "Design workshop",
      start_datetime: "2025-11-18 13:00:00",
      end_datetime: "2025-11-18 16:00:00",
      location: `${NEW_OFFICE} (new studio), room Kiln`,
      attendees: ["Oskar Lind", "Anya Sorensen"],
    });
    this.calendar.add_calendar_event({
      title: "Dentist",
      start_datetime: "2025-11-18 17:30:00",
      end_datetime: "2025-11-18 18:00:00",
      location: "Canal Yard Dental, 7 Canal Yard",
    });
    this.email.add_emails({
      emails: [
        {
          sender: "facilities@brightfold.example",
          subject: "We've moved: new studio address",
          content:
            `From Monday 17 November the studio is at 19 Foundry Square. ${OLD_OFFICE.split(", ")[1]} is closed ` +
            "and the building is locked. Update your saved addresses!",
          time: "2025-11-12 10:00:00",
        },
        {
          sender: "oskar.lind@brightfold.example",
          subject: "Workshop materials",
          content: "I'll bring the sketchbooks to Kiln.",
          time: "2025-11-17 16:00:00",
        },
      ],
    });
    this.cab.add_new_ride({
      service_type: "Default",
      start_location: HOME,
      end_location: OLD_OFFICE,
      price: 7.5,
      distance_km: 7.5,
      duration: 15,
      ride_time: "2025-11-10 08:40:00",
    });
    this.oldRideId = this.cab.add_on_going_ride({
      service_type: "Default",
      start_location: HOME,
      end_location: OLD_OFFICE,
      ride_time: "2025-11-18 12:30:00",
      distance_km: 7.5,
      delay: 210,
    }).ride_id;
    this.apps = [this.aui, new HomeScreenSystemApp(), this.cab, this.calendar, this.email];
  }

  protected buildEventsFlow(): void {
    const ride = ev(this.cab.get_current_ride_status()).oracle().delayed(5);
    const agenda = ev(this.calendar.read_today_calendar_events())
      .oracle()
      .dependsOn(ride, { delaySeconds: 1 });
    const moved = ev(this.email.search_emails({ query: "moved" }))
      .oracle()
      .dependsOn(agenda, { delaySeconds: 1 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "Your 12:30 cab goes to the old studio at 5 Canal Yard, but the studio moved to 19 Foundry Square " +
          "(facilities' email) and today's 13:00 workshop is there. Shall I cancel it and book the same Default " +
          "cab from 14 Alder Row to Brightfold Studio, 19 Foundry Square at 12:30?",
      }),
    )
      .oracle()
      .dependsOn(moved, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Oops, yes please." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const recheck = ev(this.cab.get_current_ride_status()).oracle().dependsOn(accept, { delaySeconds: 1 });
    const cancel = ev(this.cab.user_cancel_ride()).oracle().dependsOn(recheck, { delaySeconds: 1 });
    const book = ev(
      this.cab.order_ride({
        start_location: HOME,
        end_location: NEW_OFFICE,
        service_type: "Default",
        ride_time: "2025-11-18 12:30:00",
      }),
    )
      .oracle()
      .dependsOn(cancel, { delaySeconds: 1 });
    this.events = [ride, agenda, moved, propose, accept, recheck, cancel, book];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const rides = assistantRides(env);
    const fixed = rides.find(
      (r) =>
        r.service_type === "Default" &&
        mentionsAny(r.start_location, "Alder") &&
        mentionsAny(r.end_location, "Foundry") &&
        !mentionsAny(r.end_location, "Canal") &&
        rideStartsBetween(r, "2025-11-18 12:15:00", "2025-11-18 12:40:00"),
    );
    return new Checklist()
      .require(
        "a proposal about the wrong address",
        proposals(log).some((e) => mentionsAny(argText(e, "content"), "Foundry", "Canal Yard", "old")),
      )
      .require("the ride to the old studio cancelled", rideById(env, this.oldRideId)?.status === "CANCELLED")
      .require("one Default cab to 19 Foundry Square at about 12:30", !!fixed && rides.length === 1)
      .verdict();
  }
}
