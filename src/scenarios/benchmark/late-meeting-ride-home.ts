import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulCabApp } from "../../apps/cab/app.js";
import { StatefulCalendarApp } from "../../apps/calendar/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import { parseDateTime } from "../../core/clock.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { PAREScenario } from "../pare-scenario.js";
import { agentCalls, argText, Checklist, mentionsAny, proposals } from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;

const between = (text: string, from: string, to: string): boolean => {
  const t = parseDateTime(text);
  return t !== null && t >= (parseDateTime(from) as number) && t <= (parseDateTime(to) as number);
};

/**
 * The user works at Northgate Tower and always cabs home to 9 Willow Crescent after late evenings
 * (the ride history shows it). At +10 s a colleague adds a 19:30-21:00 call at the office. Ideal help:
 * offer a ride home for when the call ends and, on acceptance, book it for 21:00 from the office.
 */
@registerScenario("late_meeting_ride_home")
export class LateMeetingRideHome extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["timing-sensitive"];
  override theme = "travel";
  override description =
    "A colleague adds a meeting ending at 21:00 at the office; book the user's usual ride home for then.";
  override additionalSystemPrompt =
    "You are John Doe. You work at Northgate Tower, 310 Kings Road and live at 9 Willow Crescent. " +
    "After late meetings you take an ordinary cab home; you would rather not wait around at night.";

  private calendar!: StatefulCalendarApp;
  private cab!: StatefulCabApp;
  private aui!: PAREAgentUserInterface;

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.calendar = new StatefulCalendarApp();
    this.cab = new StatefulCabApp();
    this.calendar.add_calendar_event({
      title: "Sprint planning",
      start_datetime: "2025-11-18 10:00:00",
      end_datetime: "2025-11-18 11:30:00",
      location: "Northgate Tower, 310 Kings Road, room 7A",
      attendees: ["Dana Okafor", "Lukas Brenner"],
    });
    this.calendar.add_calendar_event({
      title: "1:1 with Dana",
      start_datetime: "2025-11-18 16:00:00",
      end_datetime: "2025-11-18 16:30:00",
      attendees: ["Dana Okafor"],
    });
    this.calendar.add_calendar_event({
      title: "Pottery class",
      start_datetime: "2025-11-19 19:00:00",
      end_datetime: "2025-11-19 21:00:00",
      location: "Kiln & Co Studio, 12 Mill Lane",
    });
    const rides: [string, string, string, number, number][] = [
      ["Northgate Tower, 310 Kings Road", "9 Willow Crescent", "2025-11-10 20:15:00", 16.2, 9.1],
      ["9 Willow Crescent", "Kiln & Co Studio, 12 Mill Lane", "2025-11-12 18:40:00", 8.4, 4.2],
      ["Northgate Tower, 310 Kings Road", "9 Willow Crescent", "2025-11-13 21:30:00", 16.2, 9.1],
      ["Northgate Tower, 310 Kings Road", "Fennel & Fig Bistro", "2025-11-14 19:00:00", 11.0, 5.5],
    ];
    for (const [start, end, time, price, km] of rides)
      this.cab.add_new_ride({
        service_type: "Default",
        start_location: start,
        end_location: end,
        price,
        distance_km: km,
        duration: Math.round(km * 2.4),
        ride_time: time,
      });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.calendar, this.cab];
  }

  protected buildEventsFlow(): void {
    const added = ev(
      this.calendar.add_calendar_event_by_attendee({
        who_add: "Dana Okafor",
        title: "Launch go/no-go call with Boston team",
        start_datetime: "2025-11-18 19:30:00",
        end_datetime: "2025-11-18 21:00:00",
        location: "Northgate Tower, 310 Kings Road, room 12B",
        description: "Sorry for the late slot - Boston can only join after their lunch. Dinner is on us.",
        attendees: ["Lukas Brenner", "Priscilla Yuen"],
      }),
    )
      .withId("late_call_added")
      .delayed(10);
    const history = ev(this.cab.get_ride_history({ offset: 0, limit: 10 }))
      .oracle()
      .dependsOn(added, { delaySeconds: 3 });
    const quote = ev(
      this.cab.get_quotation({
        start_location: "Northgate Tower, 310 Kings Road",
        end_location: "9 Willow Crescent",
        service_type: "Default",
        ride_time: "2025-11-18 21:00:00",
      }),
    )
      .oracle()
      .dependsOn(history, { delaySeconds: 1 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "Dana added a go/no-go call tonight from 19:30 to 21:00 at Northgate Tower. Shall I book your usual " +
          "cab home to 9 Willow Crescent for 21:00, when it ends?",
      }),
    )
      .oracle()
      .dependsOn(quote, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Good idea, please book it." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const book = ev(
      this.cab.order_ride({
        start_location: "Northgate Tower, 310 Kings Road",
        end_location: "9 Willow Crescent",
        service_type: "Default",
        ride_time: "2025-11-18 21:00:00",
      }),
    )
      .oracle()
      .dependsOn(accept, { delaySeconds: 2 });
    this.events = [added, history, quote, propose, accept, book];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const booked = agentCalls(log, { className: "StatefulCabApp", function: "order_ride" }).some(
      (e) =>
        mentionsAny(argText(e, "start_location"), "Northgate", "Kings Road") &&
        mentionsAny(argText(e, "end_location"), "Willow Crescent") &&
        between(argText(e, "ride_time"), "2025-11-18 20:45:00", "2025-11-18 21:15:00"),
    );
    return new Checklist()
      .require(
        "a proposal of a ride home after the late call",
        proposals(log).some(
          (e) =>
            mentionsAny(argText(e, "content"), "ride", "cab", "taxi") &&
            mentionsAny(argText(e, "content"), "home", "Willow"),
        ),
      )
      .require("a ride from Northgate Tower to 9 Willow Crescent at about 21:00 tonight", booked)
      .verdict();
  }
}
