import { z } from "zod";
import { InvalidStateError } from "../../core/errors.js";
import { parsed, userTool } from "../../core/tool-decorators.js";
import { Screen } from "../screen.js";
import type { StatefulCabApp } from "./app.js";
import type { RideView } from "./model.js";

const HistoryParams = z.object({
  offset: z.number().int().min(0).default(0).describe("Zero-based position of the first ride to show"),
  limit: z.number().int().min(1).default(10).describe("Maximum number of rides to show"),
});
const RouteParams = z.object({
  start_location: z.string().trim().min(1).describe("Pickup address or place"),
  end_location: z.string().trim().min(1).describe("Drop-off address or place"),
  ride_time: z
    .string()
    .nullable()
    .optional()
    .describe("When to be picked up, 'YYYY-MM-DD HH:MM:SS' (UTC); omit for now"),
});
const ServiceParams = z.object({
  service_type: z.string().min(1).describe("Service type to get a price for (see list_service_types)"),
});

/** The cab app's main screen: plan a ride, open the current ride, look at past rides. */
export class CabHome extends Screen<StatefulCabApp> {
  @userTool({ description: "Show your past rides, oldest first.", params: HistoryParams })
  get_ride_history(args: z.input<typeof HistoryParams> = {}): ReturnType<StatefulCabApp["get_ride_history"]> {
    return this.app.get_ride_history(parsed(HistoryParams, args));
  }

  @userTool({
    description:
      "Plan a ride between two places: shows a quotation per service type and opens the service choice.",
    params: RouteParams,
  })
  list_rides(args: z.input<typeof RouteParams>): RideView[] {
    const { start_location, end_location, ride_time } = parsed(RouteParams, args);
    const quotes = this.app.list_rides({ start_location, end_location, ride_time });
    this.app.pushScreen(new CabServiceOptions(start_location, end_location, ride_time ?? null));
    return quotes;
  }

  @userTool({ description: "Open your current ride: status and time until pickup." })
  open_current_ride(): RideView {
    const ride = this.app.get_current_ride_status();
    this.app.pushScreen(new CabRideDetail(ride.ride_id));
    return ride;
  }
}

/** Choosing a service type for a planned route. */
export class CabServiceOptions extends Screen<StatefulCabApp> {
  constructor(
    readonly startLocation: string,
    readonly endLocation: string,
    readonly rideTime: string | null,
  ) {
    super();
  }

  @userTool({ description: "List the available service types." })
  list_service_types(): string[] {
    return [...this.app.serviceTypes()].sort();
  }

  @userTool({
    description: "Get the quotation of one service type for this route and open it.",
    params: ServiceParams,
  })
  get_quotation(args: z.input<typeof ServiceParams>): RideView {
    const { service_type } = parsed(ServiceParams, args);
    const quote = this.app.get_quotation({
      start_location: this.startLocation,
      end_location: this.endLocation,
      service_type,
      ride_time: this.rideTime,
    });
    this.app.pushScreen(new CabQuotationDetail(quote));
    return quote;
  }
}

/** One quotation, ready to be booked. */
export class CabQuotationDetail extends Screen<StatefulCabApp> {
  constructor(readonly quotation: RideView) {
    super();
  }

  @userTool({ description: "Show this quotation again." })
  show_quotation(): RideView {
    return { ...this.quotation };
  }

  @userTool({
    description: "Book the ride of this quotation, for the quotation's time, and open it.",
    op: "write",
  })
  order_ride(): RideView {
    const q = this.quotation;
    const ride = this.app.order_ride({
      start_location: q.start_location,
      end_location: q.end_location,
      service_type: q.service_type,
      ride_time: q.ride_time,
    });
    this.app.pushScreen(new CabRideDetail(ride.ride_id));
    return ride;
  }
}

/** A booked ride. */
export class CabRideDetail extends Screen<StatefulCabApp> {
  constructor(readonly rideId: string) {
    super();
  }

  override onEnter(): void {
    this.app.getHistoryRide(this.rideId);
  }

  @userTool({ description: "Cancel this ride and return to the cab app's main screen.", op: "write" })
  cancel_ride(): string {
    const ride = this.app.getHistoryRide(this.rideId);
    if (this.app.onGoingRideId !== this.rideId)
      throw new InvalidStateError(`This ride is no longer under way (status ${ride.status}).`);
    const message = this.app.user_cancel_ride();
    this.app.resetToRoot();
    return message;
  }
}
