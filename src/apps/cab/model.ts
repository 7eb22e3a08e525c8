import { z } from "zod";
import { formatDateTime, parseDateTime } from "../../core/clock.js";
import { ToolError } from "../../core/errors.js";
import { Timestamp } from "../stateful-app.js";

export const RIDE_STATUSES = [
  "BOOKED",
  "DELAYED",
  "IN_PROGRESS",
  "ARRIVED_AT_PICKUP",
  "COMPLETED",
  "CANCELLED",
] as const;
export const RideStatus = z.enum(RIDE_STATUSES);
export type RideStatus = z.infer<typeof RideStatus>;

/** Statuses of a ride that is still under way (the on-going ride). */
export const ACTIVE_STATUSES: readonly RideStatus[] = [
  "BOOKED",
  "DELAYED",
  "IN_PROGRESS",
  "ARRIVED_AT_PICKUP",
];
/** Statuses the driver side may report while a ride is under way. */
export const DriverStatus = z.enum(["DELAYED", "IN_PROGRESS", "ARRIVED_AT_PICKUP"]);
/** Statuses of a finished ride in the history. */
export const FinishedStatus = z.enum(["COMPLETED", "CANCELLED"]);

export const DelayRecord = z.object({
  /** Minutes until pickup, as estimated at `time_stamp`. */
  delay: z.number().finite().nonnegative(),
  time_stamp: Timestamp,
});
export type DelayRecord = z.infer<typeof DelayRecord>;

/** A quotation (status null) or a booked ride. */
export const Ride = z.object({
  ride_id: z.string().min(1),
  status: RideStatus.nullable(),
  service_type: z.string().min(1),
  start_location: z.string().min(1),
  end_location: z.string().min(1),
  price: z.number().finite().nonnegative(),
  distance_km: z.number().finite().nonnegative(),
  /** Minutes from pickup to drop-off. */
  duration: z.number().finite().nonnegative(),
  /** When the ride is (was) to start, in scenario-clock seconds. */
  time_stamp: Timestamp,
  /** Minutes until the driver arrives; null when unknown. */
  delay: z.number().finite().nonnegative().nullable(),
  delay_history: z.array(DelayRecord),
});
export type Ride = z.infer<typeof Ride>;

export const ServiceConfig = z.object({
  nb_seats: z.number().int().positive(),
  /** Price of a reference 10 km trip; a route's price is this times the route's factor. */
  base_price: z.number().finite().nonnegative(),
  base_delay_min: z.number().finite().nonnegative(),
  max_distance_km: z.number().finite().positive(),
});
export type ServiceConfig = z.infer<typeof ServiceConfig>;

export const DEFAULT_SERVICE_CONFIG: Readonly<Record<string, ServiceConfig>> = Object.freeze({
  Default: { nb_seats: 4, base_price: 10, base_delay_min: 5, max_distance_km: 25 },
  Premium: { nb_seats: 4, base_price: 20, base_delay_min: 3, max_distance_km: 25 },
  Van: { nb_seats: 6, base_price: 15, base_delay_min: 7, max_distance_km: 25 },
});

export const CabState = z
  .object({
    ride_history: z.array(Ride),
    quotation_history: z.array(Ride),
    service_config: z.record(z.string(), ServiceConfig),
    /** The ride under way: an id in `ride_history` (the original did not persist it). */
    on_going_ride_id: z.string().nullable(),
  })
  .superRefine((state, ctx) => {
    const ids = state.ride_history.map((r) => r.ride_id);
    if (new Set(ids).size !== ids.length)
      ctx.addIssue({ code: "custom", path: ["ride_history"], message: "duplicate ride ids" });
    state.ride_history.forEach((ride, i) => {
      if (ride.status === null)
        ctx.addIssue({
          code: "custom",
          path: ["ride_history", i, "status"],
          message: "a ride in the history needs a status",
        });
    });
    if (state.on_going_ride_id !== null) {
      const ride = state.ride_history.find((r) => r.ride_id === state.on_going_ride_id);
      if (!ride)
        ctx.addIssue({ code: "custom", path: ["on_going_ride_id"], message: "not a ride of the history" });
      else if (ride.status === null || !ACTIVE_STATUSES.includes(ride.status))
        ctx.addIssue({
          code: "custom",
          path: ["on_going_ride_id"],
          message: `the ride's status is ${ride.status}`,
        });
    }
  });
export type CabState = z.infer<typeof CabState>;

/** What tools return: times on the scenario clock as `YYYY-MM-DD HH:MM:SS`; duration and delay in minutes. */
export interface RideView {
  ride_id: string;
  status: RideStatus | null;
  service_type: string;
  start_location: string;
  end_location: string;
  distance_km: number;
  price: number;
  duration: number;
  delay: number | null;
  ride_time: string;
}

export function rideView(ride: Ride): RideView {
  return {
    ride_id: ride.ride_id,
    status: ride.status,
    service_type: ride.service_type,
    start_location: ride.start_location,
    end_location: ride.end_location,
    distance_km: ride.distance_km,
    price: ride.price,
    duration: ride.duration,
    delay: ride.delay,
    ride_time: formatDateTime(ride.time_stamp),
  };
}

export function copyRide(ride: Ride): Ride {
  return { ...ride, delay_history: ride.delay_history.map((d) => ({ ...d })) };
}

/** Decimal rounding that treats 0.005-style halves as written (see the shopping app's `roundMoney`). */
export const round = (value: number, digits: number): number => {
  const f = 10 ** digits;
  return Math.round(Number((value * f).toPrecision(12))) / f;
};

/** A time argument: `YYYY-MM-DD HH:MM:SS` (UTC) or POSIX seconds on the scenario clock. */
export const TimeArg = z.union([z.string(), z.number().finite()]);

export function timeArgToSeconds(value: string | number, field: string): number {
  if (typeof value === "number") return value;
  const seconds = parseDateTime(value);
  if (seconds === null)
    throw new ToolError(
      "invalid_arguments",
      `Invalid ${field} '${value}': expected YYYY-MM-DD HH:MM:SS (UTC)`,
      field,
    );
  return seconds;
}
