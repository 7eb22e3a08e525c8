import { z } from "zod";
import type { AppOptions } from "../../core/app.js";
import { InvalidStateError, NotFoundError, ToolError } from "../../core/errors.js";
import type { NotificationTemplates } from "../../core/notifications.js";
import { agentTool, dataTool, envTool, parsed, type ToolSpec } from "../../core/tool-decorators.js";
import type { Screen } from "../screen.js";
import { StatefulApp } from "../stateful-app.js";
import {
  CabState,
  copyRide,
  DEFAULT_SERVICE_CONFIG,
  DriverStatus,
  FinishedStatus,
  type Ride,
  type RideView,
  rideView,
  round,
  type ServiceConfig,
  TimeArg,
  timeArgToSeconds,
} from "./model.js";
import { CabHome } from "./screens.js";

export const USER_CANCEL_MESSAGE = "Ride has been cancelled, sorry to see you go.";
export const DEFAULT_CANCEL_MESSAGE = "The ride has been cancelled. Sorry for the inconvenience.";

// --- parameters ----------------------------------------------------------------------------------

const Start = z.string().trim().min(1).describe("Where the ride starts (pickup address or place)");
const End = z.string().trim().min(1).describe("Where the ride ends (drop-off address or place)");
const ServiceType = z.string().min(1).describe("Service type: Default, Premium or Van");
const RideTime = z
  .string()
  .nullable()
  .optional()
  .describe("When the ride should start, 'YYYY-MM-DD HH:MM:SS' (UTC); omit for now");

const QuotationParams = z.object({
  start_location: Start,
  end_location: End,
  service_type: ServiceType,
  ride_time: RideTime,
});
const ListRidesParams = z.object({ start_location: Start, end_location: End, ride_time: RideTime });
const RideIndexParams = z.object({
  idx: z.number().int().min(0).describe("Zero-based position of the ride in the ride history"),
});
const HistoryParams = z.object({
  offset: z.number().int().min(0).default(0).describe("Zero-based position of the first ride to return"),
  limit: z.number().int().min(1).default(10).describe("Maximum number of rides to return"),
});
const CancelParams = z.object({
  who_cancel: z.enum(["driver", "user"]).default("driver").describe("Who cancels the ride: driver or user"),
  message: z.string().nullable().optional().describe("Message shown to the user about the cancellation"),
});
const StatusParams = z.object({
  status: DriverStatus.describe("New status of the ride: DELAYED, IN_PROGRESS or ARRIVED_AT_PICKUP"),
  message: z.string().nullable().optional().describe("Optional message from the driver"),
});
const RideTimeSeed = TimeArg.optional().describe(
  "When the ride starts: 'YYYY-MM-DD HH:MM:SS' (UTC) or POSIX seconds; defaults to now",
);
const AddRideParams = z.object({
  service_type: ServiceType,
  start_location: Start,
  end_location: End,
  price: z.number().finite().nonnegative().describe("Price paid for the ride"),
  duration: z.number().finite().nonnegative().default(0).describe("Length of the trip in minutes"),
  ride_time: RideTimeSeed,
  distance_km: z.number().finite().nonnegative().default(0).describe("Length of the trip in kilometres"),
  status: FinishedStatus.default("COMPLETED").describe("How the ride ended: COMPLETED or CANCELLED"),
});
const OnGoingRideParams = z.object({
  service_type: ServiceType,
  start_location: Start,
  end_location: End,
  ride_time: RideTimeSeed,
  status: z
    .enum(["BOOKED", "DELAYED", "IN_PROGRESS", "ARRIVED_AT_PICKUP"])
    .default("BOOKED")
    .describe("Current status of the ride"),
  price: z
    .number()
    .finite()
    .nonnegative()
    .optional()
    .describe("Price; computed like a quotation when omitted"),
  distance_km: z
    .number()
    .finite()
    .positive()
    .optional()
    .describe("Length of the trip in kilometres; the route's usual distance when omitted"),
  duration: z
    .number()
    .finite()
    .nonnegative()
    .optional()
    .describe("Trip length in minutes; estimated when omitted"),
  delay: z
    .number()
    .finite()
    .nonnegative()
    .optional()
    .describe("Minutes until pickup; estimated when omitted"),
});

const ORDER_RIDE: ToolSpec = {
  description:
    "Book a ride; it becomes the on-going ride. Fails if a ride is already on-going. Returns the booked ride.",
  params: QuotationParams,
  op: "write",
  returns: "Ride",
};
const CANCEL_RIDE: ToolSpec = {
  description:
    "Cancel the on-going ride (by default on the driver's side), with an optional message to the user.",
  params: CancelParams,
  op: "write",
  returns: "str",
};
const END_RIDE: ToolSpec = {
  description: "Mark the on-going ride as completed.",
  op: "write",
  returns: "str",
};
const UPDATE_STATUS: ToolSpec = {
  description:
    "Report a new status for the on-going ride (DELAYED, IN_PROGRESS, ARRIVED_AT_PICKUP), with an optional driver message.",
  params: StatusParams,
  op: "write",
  returns: "str",
};

const routeKey = (start: string, end: string): string =>
  `${start.trim().toLowerCase()}\u0000${end.trim().toLowerCase()}`;
const present = (text: unknown): text is string => typeof text === "string" && text.length > 0;

/**
 * A ride-hailing app: quotations per service type, booking, the on-going ride and the ride history.
 * Prices follow fixed rules: a route's factor (drawn once from the app's seeded generator, then
 * remembered through the quotation history) times the service's base price, so the same route and
 * service always quote the same price. Pickup delays and trip durations are seeded draws.
 */
export class StatefulCabApp extends StatefulApp<CabState> {
  static notificationTemplates: NotificationTemplates = {
    cancel_ride: {
      user: (a) =>
        `Your ride was cancelled${a.who_cancel === "user" ? "" : ` by the ${String(a.who_cancel ?? "driver")}`}${present(a.message) ? `: ${a.message}` : ""}`,
      agent: (a) =>
        [
          "Cab update: the on-going ride was cancelled.",
          `Cancelled by: ${String(a.who_cancel ?? "driver")}`,
          ...(present(a.message) ? [`Message: ${a.message}`] : []),
        ].join("\n"),
    },
    update_ride_status: {
      user: (a) => `Your ride is now ${String(a.status)}${present(a.message) ? `: ${a.message}` : ""}`,
      agent: (a) =>
        [
          "Cab update: the on-going ride changed status.",
          `Status: ${String(a.status)}`,
          ...(present(a.message) ? [`Driver message: ${a.message}`] : []),
        ].join("\n"),
    },
    end_ride: {
      user: () => "Your ride has arrived: trip completed",
      agent: () => "Cab update: the on-going ride is completed.",
    },
  };

  readonly stateSchema = CabState;
  rideHistory: Ride[] = [];
  quotationHistory: Ride[] = [];
  serviceConfig: Record<string, ServiceConfig> = cloneConfig(DEFAULT_SERVICE_CONFIG);
  onGoingRideId: string | null = null;

  constructor(options: AppOptions = {}) {
    super({ name: options.name ?? "Cab" });
  }

  protected createRootScreen(): Screen {
    return new CabHome();
  }

  protected dumpState(): CabState {
    return {
      ride_history: this.rideHistory,
      quotation_history: this.quotationHistory,
      service_config: this.serviceConfig,
      on_going_ride_id: this.onGoingRideId,
    };
  }

  protected restoreState(state: CabState): void {
    this.rideHistory = state.ride_history.map(copyRide);
    this.quotationHistory = state.quotation_history.map(copyRide);
    this.serviceConfig = cloneConfig(state.service_config);
    this.onGoingRideId = state.on_going_ride_id;
  }

  protected emptyState(): CabState {
    return {
      ride_history: [],
      quotation_history: [],
      service_config: cloneConfig(DEFAULT_SERVICE_CONFIG),
      on_going_ride_id: null,
    };
  }

  // --- plain helpers (not tools) -------------------------------------------------------------------

  /** Service type names, in configuration order. */
  serviceTypes(): string[] {
    return Object.keys(this.serviceConfig);
  }

  /** The on-going ride, if any (live object). */
  onGoingRide(): Ride | undefined {
    return this.onGoingRideId === null
      ? undefined
      : this.rideHistory.find((r) => r.ride_id === this.onGoingRideId);
  }

  getHistoryRide(rideId: string): Ride {
    const ride = this.rideHistory.find((r) => r.ride_id === rideId);
    if (!ride) throw new NotFoundError(`Ride ${rideId} does not exist`);
    return ride;
  }

  private requireOnGoing(): Ride {
    const ride = this.onGoingRide();
    if (!ride) throw new InvalidStateError("You have no on-going ride.");
    return ride;
  }

  private resolveService(serviceType: string): string {
    const wanted = serviceType.trim().toLowerCase();
    const name = this.serviceTypes().find((s) => s.toLowerCase() === wanted);
    if (name === undefined)
      throw new ToolError(
        "invalid_arguments",
        `Invalid service type '${serviceType}'. Available: ${this.serviceTypes().join(", ")}`,
        "service_type",
      );
    return name;
  }

  private rideTime(rideTime: string | null | undefined): number {
    if (rideTime === undefined || rideTime === null || rideTime.trim() === "") return this.clock.now();
    return timeArgToSeconds(rideTime, "ride_time");
  }

  /** The route's known distance (from earlier quotations or rides), else a new seeded draw of 5–20 km. */
  private routeDistance(start: string, end: string): number {
    const key = routeKey(start, end);
    for (const list of [this.quotationHistory, this.rideHistory])
      for (const ride of list)
        if (ride.distance_km > 0 && routeKey(ride.start_location, ride.end_location) === key)
          return ride.distance_km;
    // factor in [0.5, 2.0) of a 10 km reference trip
    return round(10 * (0.5 + 1.5 * this.rng.next()), 2);
  }

  /** Price for the route and service: the service's base price times the route factor (distance / 10 km). */
  private priceFor(service: string, distanceKm: number): number {
    return round(((this.serviceConfig[service] as ServiceConfig).base_price * distanceKm) / 10, 2);
  }

  /** A fresh quotation; validates everything before drawing from the generator. */
  private quote(
    start: string,
    end: string,
    serviceType: string,
    rideTime: string | null | undefined,
    knownDistance?: number,
  ): Ride {
    const service = this.resolveService(serviceType);
    const time_stamp = this.rideTime(rideTime);
    const config = this.serviceConfig[service] as ServiceConfig;
    const distance_km = knownDistance ?? this.routeDistance(start, end);
    if (distance_km > config.max_distance_km)
      throw new InvalidStateError(
        `The trip (${distance_km} km) exceeds the ${config.max_distance_km} km maximum of the ${service} service.`,
      );
    const delay = config.base_delay_min + this.rng.int(1, 5);
    const duration = round((distance_km / 50) * 60 + 10 * this.rng.next(), 1);
    return {
      ride_id: this.newId(),
      status: null,
      service_type: service,
      start_location: start,
      end_location: end,
      price: this.priceFor(service, distance_km),
      distance_km,
      duration,
      time_stamp,
      delay,
      delay_history: [],
    };
  }

  private finish(status: "COMPLETED" | "CANCELLED"): Ride {
    const ride = this.requireOnGoing();
    ride.status = status;
    this.onGoingRideId = null;
    return ride;
  }

  // --- agent tools ---------------------------------------------------------------------------------

  @agentTool({
    description:
      "Get a price quotation for a ride of one service type: price, distance (km), trip duration and pickup delay (minutes), ride time.",
    params: QuotationParams,
    returns: "Ride",
  })
  get_quotation(args: z.input<typeof QuotationParams>): RideView {
    const { start_location, end_location, service_type, ride_time } = parsed(QuotationParams, args);
    const ride = this.quote(start_location, end_location, service_type, ride_time);
    // The quotation history is the app's memory of routes (it keeps later quotes consistent); it is
    // bookkeeping, not a change the user would notice, so this stays a read.
    this.quotationHistory.push(ride);
    return rideView(ride);
  }

  @agentTool({
    description: "Get quotations for a ride between two places, one per available service type.",
    params: ListRidesParams,
    returns: "list[Ride]",
  })
  list_rides(args: z.input<typeof ListRidesParams>): RideView[] {
    const { start_location, end_location, ride_time } = parsed(ListRidesParams, args);
    this.rideTime(ride_time);
    // One distance for the route, even when it is new: every service quotes the same trip.
    const distance = this.routeDistance(start_location, end_location);
    const quotes = this.serviceTypes().map((s) =>
      this.quote(start_location, end_location, s, ride_time, distance),
    );
    this.quotationHistory.push(...quotes);
    return quotes.map(rideView);
  }

  @agentTool(ORDER_RIDE)
  @dataTool(ORDER_RIDE)
  order_ride(args: z.input<typeof QuotationParams>): RideView {
    const { start_location, end_location, service_type, ride_time } = parsed(QuotationParams, args);
    if (this.onGoingRide()) throw new InvalidStateError("You already have an on-going ride.");
    const quotation = this.quote(start_location, end_location, service_type, ride_time);
    const ride: Ride = {
      ...quotation,
      status: "BOOKED",
      delay_history: [{ delay: quotation.delay ?? 0, time_stamp: this.clock.now() }],
    };
    this.quotationHistory.push(quotation);
    this.rideHistory.push(ride);
    this.onGoingRideId = ride.ride_id;
    return rideView(ride);
  }

  @agentTool({
    description: "Cancel the user's on-going ride.",
    op: "write",
    returns: "str",
  })
  user_cancel_ride(): string {
    this.finish("CANCELLED");
    return USER_CANCEL_MESSAGE;
  }

  @agentTool({
    description:
      "Check the on-going ride: its status and the current estimate of minutes until the driver arrives.",
    returns: "Ride",
  })
  get_current_ride_status(): RideView {
    const ride = this.onGoingRide();
    if (!ride) throw new InvalidStateError("No ride ordered.");
    // Refreshing the pickup estimate is how the app observes the world moving on; it is a read.
    this.refreshDelay(ride);
    return rideView(ride);
  }

  private refreshDelay(ride: Ride): void {
    const now = this.clock.now();
    const last = ride.delay_history[ride.delay_history.length - 1];
    if (ride.status === "IN_PROGRESS" || ride.status === "ARRIVED_AT_PICKUP") {
      if (ride.delay !== 0) {
        ride.delay = 0;
        ride.delay_history.push({ delay: 0, time_stamp: now });
      }
      return;
    }
    if (!last || ride.delay === null || ride.delay === 0 || now <= last.time_stamp) return;
    const elapsedMinutes = (now - last.time_stamp) / 60;
    // Traffic: the driver closes in at 0.5×–1.5× the clock's pace.
    ride.delay = Math.max(0, round(ride.delay - elapsedMinutes * (0.5 + this.rng.next()), 1));
    ride.delay_history.push({ delay: ride.delay, time_stamp: now });
  }

  @agentTool({
    description: "Get one ride of the ride history by its position (0 = oldest).",
    params: RideIndexParams,
    returns: "Ride",
  })
  get_ride(args: z.input<typeof RideIndexParams>): RideView {
    const { idx } = parsed(RideIndexParams, args);
    const ride = this.rideHistory[idx];
    if (!ride)
      throw new NotFoundError(
        `Ride ${idx} does not exist (the history has ${this.rideHistory.length} rides).`,
      );
    return rideView(ride);
  }

  @agentTool({
    description:
      "List rides of the ride history, oldest first, one page at a time; each ride carries its position (index).",
    params: HistoryParams,
    returns: "{rides: list[Ride & {index}], range, total}",
  })
  get_ride_history(args: z.input<typeof HistoryParams> = {}): {
    rides: (RideView & { index: number })[];
    range: [number, number];
    total: number;
  } {
    const { offset, limit } = parsed(HistoryParams, args);
    const rides = this.rideHistory
      .slice(offset, offset + limit)
      .map((r, i) => ({ index: offset + i, ...rideView(r) }));
    const total = this.rideHistory.length;
    return { rides, range: [offset, Math.min(offset + limit, total)], total };
  }

  @agentTool({ description: "Number of rides in the ride history.", returns: "int" })
  get_ride_history_length(): number {
    return this.rideHistory.length;
  }

  // --- environment tools (the driver's side) -------------------------------------------------------

  @envTool(CANCEL_RIDE)
  @dataTool(CANCEL_RIDE)
  cancel_ride(args: z.input<typeof CancelParams> = {}): string {
    const { message } = parsed(CancelParams, args);
    this.finish("CANCELLED");
    return present(message) ? message : DEFAULT_CANCEL_MESSAGE;
  }

  @envTool(END_RIDE)
  @dataTool(END_RIDE)
  end_ride(): string {
    this.finish("COMPLETED");
    return "Ride has been completed.";
  }

  @envTool(UPDATE_STATUS)
  @dataTool(UPDATE_STATUS)
  update_ride_status(args: z.input<typeof StatusParams>): string {
    const { status, message } = parsed(StatusParams, args);
    const ride = this.requireOnGoing();
    ride.status = status;
    if (status !== "DELAYED") this.refreshDelay(ride);
    return present(message)
      ? `Ride status updated to ${status}. Message from your driver: ${message}`
      : `Ride status updated to ${status}.`;
  }

  // --- data tools (scenario seeding) ---------------------------------------------------------------

  @dataTool({
    description:
      "Seed a finished ride (COMPLETED by default) into the ride history, placed in time order. Returns the ride id.",
    params: AddRideParams,
    op: "write",
    returns: "str",
  })
  add_new_ride(args: z.input<typeof AddRideParams>): string {
    const a = parsed(AddRideParams, args);
    const service_type = this.resolveService(a.service_type);
    const time_stamp =
      a.ride_time === undefined ? this.clock.now() : timeArgToSeconds(a.ride_time, "ride_time");
    const ride: Ride = {
      ride_id: this.newId(),
      status: a.status,
      service_type,
      start_location: a.start_location,
      end_location: a.end_location,
      price: a.price,
      distance_km: a.distance_km,
      duration: a.duration,
      time_stamp,
      delay: null,
      delay_history: [],
    };
    const at = this.rideHistory.findIndex((r) => r.time_stamp > time_stamp);
    if (at < 0) this.rideHistory.push(ride);
    else this.rideHistory.splice(at, 0, ride);
    return ride.ride_id;
  }

  @dataTool({
    description:
      "Seed the on-going ride (booked or already under way). Omitted price, distance, duration and delay follow the quotation rules. Returns the ride.",
    params: OnGoingRideParams,
    op: "write",
    returns: "Ride",
  })
  add_on_going_ride(args: z.input<typeof OnGoingRideParams>): RideView {
    const a = parsed(OnGoingRideParams, args);
    if (this.onGoingRide()) throw new InvalidStateError("You already have an on-going ride.");
    const service = this.resolveService(a.service_type);
    const time_stamp =
      a.ride_time === undefined ? this.clock.now() : timeArgToSeconds(a.ride_time, "ride_time");
    const quotation = this.quote(a.start_location, a.end_location, service, null, a.distance_km);
    const distance_km = quotation.distance_km;
    const delay =
      a.status === "IN_PROGRESS" || a.status === "ARRIVED_AT_PICKUP" ? 0 : (a.delay ?? quotation.delay ?? 0);
    const ride: Ride = {
      ...quotation,
      status: a.status,
      time_stamp,
      distance_km,
      price: a.price ?? this.priceFor(service, distance_km),
      duration: a.duration ?? quotation.duration,
      delay,
      delay_history: [{ delay, time_stamp: this.clock.now() }],
    };
    this.rideHistory.push(ride);
    this.onGoingRideId = ride.ride_id;
    return rideView(ride);
  }
}

function cloneConfig(config: Readonly<Record<string, ServiceConfig>>): Record<string, ServiceConfig> {
  return Object.fromEntries(Object.entries(config).map(([k, v]) => [k, { ...v }]));
}
