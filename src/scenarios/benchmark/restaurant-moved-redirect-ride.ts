import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulCabApp } from "../../apps/cab/app.js";
import { StatefulCalendarApp } from "../../apps/calendar/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import { StatefulMessagingApp } from "../../apps/messaging/app.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { rideById } from "../cab-verdicts.js";
import { calendarEvent } from "../calendar-verdicts.js";
import { DEFAULT_START_TIME, PAREScenario } from "../pare-scenario.js";
import {
  agentCalls,
  argText,
  assistantWrites,
  Checklist,
  mentionsAny,
  proposals,
  timeBetween,
} from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;

const LEILA = "+15550184";
const HOME = "14 Alder Row";
const OLD_VENUE = "Osteria Lume, 12 Bell Street";
const NEW_VENUE = "Casa Verde, 40 Rope Walk";

/**
 * 18:00. John's Default cab to dinner at Osteria Lume picks him up at 18:20; the driver is not there yet.
 * At +8 s Leila texts that Lume's kitchen flooded and she moved them to Casa Verde, 40 Rope Walk, same
 * time. A lunch at Lume on Friday is a distractor. Ideal help: offer to redirect: cancel the booked ride,
 * book the same service from home to Casa Verde for 18:20, update tonight's calendar event's location and
 * tell Leila; then do exactly that.
 */
@registerScenario("restaurant_moved_redirect_ride")
export class RestaurantMovedRedirectRide extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override startTime = DEFAULT_START_TIME + 9 * 3600;
  override tags = ["timing-sensitive"];
  override theme = "ride-monitoring";
  override description =
    "Dinner moves to another restaurant before the cab arrives; redirect the ride, fix the event, tell the friend.";
  override additionalSystemPrompt =
    "You are John Doe, getting ready for dinner with Leila at 18:45. You want the same kind of cab as booked " +
    "and you keep your calendar accurate.";

  private cab!: StatefulCabApp;
  private calendar!: StatefulCalendarApp;
  private messaging!: StatefulMessagingApp;
  private aui!: PAREAgentUserInterface;
  private dinnerId = "";
  private fridayLunchId = "";
  private bookedRideId = "";

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.cab = new StatefulCabApp();
    this.calendar = new StatefulCalendarApp();
    this.messaging = new StatefulMessagingApp();
    this.dinnerId = this.calendar.add_calendar_event({
      title: "Dinner with Leila",
      start_datetime: "2025-11-18 18:45:00",
      end_datetime: "2025-11-18 20:30:00",
      location: OLD_VENUE,
      attendees: ["Leila Haddad"],
    });
    this.fridayLunchId = this.calendar.add_calendar_event({
      title: "Lunch with Priya",
      start_datetime: "2025-11-21 12:30:00",
      end_datetime: "2025-11-21 13:30:00",
      location: OLD_VENUE,
      attendees: ["Priya Raman"],
    });
    this.cab.add_new_ride({
      service_type: "Default",
      start_location: HOME,
      end_location: NEW_VENUE,
      price: 9.6,
      distance_km: 9.6,
      duration: 19,
      ride_time: "2025-10-04 19:10:00",
    });
    this.bookedRideId = this.cab.add_on_going_ride({
      service_type: "Default",
      start_location: HOME,
      end_location: OLD_VENUE,
      ride_time: "2025-11-18 18:20:00",
      distance_km: 7.1,
      delay: 20,
    }).ride_id;
    this.messaging.add_contacts({
      contacts: [
        { name: "Leila Haddad", phone: LEILA },
        { name: "Priya Raman", phone: "+15550129" },
      ],
    });
    this.messaging.add_conversation({
      conversation_id: "conv-leila",
      participants: [LEILA],
      messages: [
        { sender: LEILA, content: "Still on for Lume at 18:45?", time: "2025-11-18 15:02:00" },
        {
          sender: this.messaging.currentUserId,
          content: "Yes! Cab booked, see you there",
          time: "2025-11-18 15:10:00",
        },
      ],
    });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.cab, this.calendar, this.messaging];
  }

  protected buildEventsFlow(): void {
    const moved = ev(
      this.messaging.create_and_add_message({
        conversation_id: "conv-leila",
        sender_id: LEILA,
        content:
          `Disaster, Lume's kitchen flooded and they've closed for tonight! I got us a table at ${NEW_VENUE}, ` +
          "same time. See you there?",
      }),
    )
      .withId("leila_venue_moved")
      .delayed(8);
    const ride = ev(this.cab.get_current_ride_status()).oracle().dependsOn(moved, { delaySeconds: 3 });
    const agenda = ev(this.calendar.read_today_calendar_events())
      .oracle()
      .dependsOn(ride, { delaySeconds: 1 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          `Leila moved dinner to ${NEW_VENUE} (Lume's kitchen flooded), and your Default cab at 18:20 still goes ` +
          `to Lume. Shall I cancel it, book a Default cab from ${HOME} to ${NEW_VENUE} for 18:20, change ` +
          "tonight's 'Dinner with Leila' location and tell Leila Haddad you're on your way there?",
      }),
    )
      .oracle()
      .dependsOn(agenda, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes, do all of that." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const recheck = ev(this.cab.get_current_ride_status()).oracle().dependsOn(accept, { delaySeconds: 1 });
    const cancel = ev(this.cab.user_cancel_ride()).oracle().dependsOn(recheck, { delaySeconds: 1 });
    const rebook = ev(
      this.cab.order_ride({
        start_location: HOME,
        end_location: NEW_VENUE,
        service_type: "Default",
        ride_time: "2025-11-18 18:20:00",
      }),
    )
      .oracle()
      .dependsOn(cancel, { delaySeconds: 2 });
    const find = ev(this.calendar.search_events({ query: "Leila" }))
      .oracle()
      .dependsOn(rebook, { delaySeconds: 1 });
    const relocate = ev(this.calendar.edit_calendar_event({ event_id: this.dinnerId, location: NEW_VENUE }))
      .oracle()
      .dependsOn(find, { delaySeconds: 2 });
    const who = ev(this.messaging.lookup_user_id({ user_name: "Leila Haddad" }))
      .oracle()
      .dependsOn(relocate, { delaySeconds: 1 });
    const tell = ev(
      this.messaging.send_message({
        user_id: LEILA,
        content: "Oh no, poor Lume! Casa Verde it is, my cab now goes there, see you at 18:45.",
      }),
    )
      .oracle()
      .dependsOn(who, { delaySeconds: 1 });
    this.events = [moved, ride, agenda, propose, accept, recheck, cancel, rebook, find, relocate, who, tell];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const oldRide = rideById(env, this.bookedRideId);
    const orders = agentCalls(log, { className: "StatefulCabApp", function: "order_ride" });
    const rebooked = orders.some(
      (e) =>
        mentionsAny(argText(e, "start_location"), "Alder") &&
        mentionsAny(argText(e, "end_location"), "Rope Walk", "Casa Verde") &&
        argText(e, "service_type").toLowerCase() === "default" &&
        timeBetween(argText(e, "ride_time"), "2025-11-18 18:05:00", "2025-11-18 18:30:00", e.eventTime),
    );
    const dinner = calendarEvent(env, this.dinnerId);
    const lunch = calendarEvent(env, this.fridayLunchId);
    const told = agentCalls(log, { className: "StatefulMessagingApp", function: "send_message" }).some(
      (e) => argText(e, "user_id") === LEILA,
    );
    const calendarWrites = assistantWrites(log, { className: "StatefulCalendarApp" });
    return new Checklist()
      .require(
        "a proposal to redirect the ride to Casa Verde",
        proposals(log).some((e) => mentionsAny(argText(e, "content"), "Casa Verde", "Rope Walk")),
      )
      .require("the ride to Lume cancelled", oldRide?.status === "CANCELLED")
      .require(
        "one Default cab from Alder Row to Casa Verde for about 18:20",
        rebooked && orders.length === 1,
      )
      .require(
        "tonight's dinner event now at Casa Verde",
        mentionsAny(dinner?.location ?? "", "Rope Walk", "Casa Verde"),
      )
      .require(
        "Friday's lunch at Lume untouched and no event deleted",
        lunch?.location === OLD_VENUE &&
          !calendarWrites.some((e) => e.action?.function === "delete_calendar_event"),
      )
      .require("a message to Leila", told)
      .verdict();
  }
}
