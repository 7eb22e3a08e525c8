import { z } from "zod";
import type { AppOptions } from "../../core/app.js";
import { InvalidStateError, NotFoundError, ToolError } from "../../core/errors.js";
import type { JsonValue } from "../../core/json.js";
import type { NotificationTemplates } from "../../core/notifications.js";
import { agentTool, dataTool, envTool, parsed, type ToolSpec } from "../../core/tool-decorators.js";
import type { Screen } from "../screen.js";
import { StatefulApp } from "../stateful-app.js";
import { type Apartment, ApartmentState, type ApartmentView, copyApartment, SearchFilters } from "./model.js";
import { ApartmentHome } from "./screens.js";

// --- parameters ----------------------------------------------------------------------------------

const ApartmentId = z.string().min(1).describe("Id of the apartment");
const IdParams = z.object({ apartment_id: ApartmentId });

const SearchParams = z.object({
  ...SearchFilters,
  saved_only: z.boolean().default(false).describe("Search only the saved (favourite) apartments"),
});
export type SearchFilterInput = z.input<typeof SearchParams>;

const ListingFields = {
  name: z.string().min(1).describe("Name of the listing"),
  location: z.string().describe("Where the apartment is (neighbourhood, city)"),
  zip_code: z.string().describe("Zip code"),
  price: z.number().finite().min(0).describe("Monthly rent"),
  number_of_bedrooms: z.number().int().min(0).describe("Number of bedrooms (0 = studio)"),
  number_of_bathrooms: z.number().finite().min(0).describe("Number of bathrooms"),
  square_footage: z.number().finite().min(0).describe("Floor area in square feet"),
  property_type: z.string().default("").describe("Apartment, Condo, Studio, House, …"),
  furnished_status: z.string().default("").describe("Furnished, Unfurnished or Semi-furnished"),
  floor_level: z.string().default("").describe("Ground floor, Upper floors, Penthouse, Basement, …"),
  pet_policy: z.string().default("").describe("Pets allowed, No pets, Cats allowed, Dogs allowed"),
  lease_term: z.string().default("").describe("Month-to-month, 6 months, 1 year, Long term lease"),
  amenities: z.array(z.string()).default([]).describe("Amenities offered, e.g. ['Gym', 'Parking']"),
};
const AddParams = z.object(ListingFields);
const SeedParams = z.object({
  ...ListingFields,
  apartment_id: z.string().min(1).optional().describe("Explicit id for the listing; generated when omitted"),
  saved: z.boolean().default(false).describe("Whether the user has saved it to favourites"),
});
const UpdateParams = z.object({
  apartment_id: ApartmentId,
  new_price: z.number().finite().min(0).describe("New monthly rent"),
});

const ADD: ToolSpec = {
  description: "Publish a new apartment listing. Returns its id.",
  params: AddParams,
  op: "write",
  returns: "str",
};
const UPDATE: ToolSpec = {
  description: "Change a listing's monthly rent. Returns the apartment id.",
  params: UpdateParams,
  op: "write",
  returns: "str",
};
const DELETE: ToolSpec = {
  description: "Take a listing down (it also leaves the user's favourites). Returns the apartment id.",
  params: IdParams,
  op: "write",
  returns: "str",
};

const text = (v: unknown): string => (v === undefined || v === null ? "" : String(v));
const lower = (v: string | null | undefined): string | null => (v ? v.trim().toLowerCase() : null) || null;
const given = <T>(v: T | null | undefined): v is T => v !== undefined && v !== null;

/** Apartment listings and the user's favourites. */
export class StatefulApartmentApp extends StatefulApp<ApartmentState> {
  static notificationTemplates: NotificationTemplates = {
    add_new_apartment: {
      user: (a) => `New listing: ${text(a.name)} in ${text(a.location)}, $${text(a.price)}/month`,
      agent: (a, r) => {
        const optional: [string, JsonValue | undefined][] = [
          ["Property type", a.property_type],
          ["Furnished", a.furnished_status],
          ["Floor", a.floor_level],
          ["Pet policy", a.pet_policy],
          ["Lease term", a.lease_term],
          ["Amenities", Array.isArray(a.amenities) ? a.amenities.map(String).join(", ") : undefined],
        ];
        return [
          "Apartment listings update: a new apartment is listed.",
          `Apartment id: ${text(r)}`,
          `Name: ${text(a.name)}`,
          `Location: ${text(a.location)}`,
          `Zip code: ${text(a.zip_code)}`,
          `Rent: ${text(a.price)} per month`,
          `Bedrooms: ${text(a.number_of_bedrooms)}`,
          `Bathrooms: ${text(a.number_of_bathrooms)}`,
          `Square footage: ${text(a.square_footage)}`,
          ...optional.filter(([, v]) => text(v) !== "").map(([k, v]) => `${k}: ${text(v)}`),
        ].join("\n");
      },
    },
    update_apartment: {
      user: (a) => `Apartment ${text(a.apartment_id)}: rent is now $${text(a.new_price)}`,
      agent: (a) =>
        `Apartment listings update: apartment ${text(a.apartment_id)}\nNew rent: ${text(a.new_price)}`,
    },
    delete_apartment: {
      user: (a) => `Apartment ${text(a.apartment_id)} is no longer listed`,
      agent: (a) => `Apartment listings update: apartment ${text(a.apartment_id)} was taken down`,
    },
  };

  readonly stateSchema = ApartmentState;
  apartments: Apartment[] = [];
  savedApartments: string[] = [];

  constructor(options: AppOptions = {}) {
    super({ name: options.name ?? "Apartment" });
  }

  protected createRootScreen(): Screen {
    return new ApartmentHome();
  }

  protected dumpState(): ApartmentState {
    return { apartments: this.apartments, saved_apartments: this.savedApartments };
  }

  protected restoreState(state: ApartmentState): void {
    this.apartments = state.apartments.map(copyApartment);
    this.savedApartments = [...state.saved_apartments];
  }

  protected emptyState(): ApartmentState {
    return { apartments: [], saved_apartments: [] };
  }

  // --- plain helpers -------------------------------------------------------------------------------

  getApartment(apartmentId: string): Apartment {
    const apartment = this.apartments.find((a) => a.apartment_id === apartmentId);
    if (!apartment) throw new NotFoundError(`Apartment ${apartmentId} does not exist`);
    return apartment;
  }

  isSaved(apartmentId: string): boolean {
    return this.savedApartments.includes(apartmentId);
  }

  view(apartment: Apartment): ApartmentView {
    return { ...copyApartment(apartment), saved: this.isSaved(apartment.apartment_id) };
  }

  private insert(fields: z.output<typeof AddParams>, apartmentId: string): Apartment {
    const apartment: Apartment = {
      apartment_id: apartmentId,
      name: fields.name,
      location: fields.location,
      zip_code: fields.zip_code,
      price: fields.price,
      bedrooms: fields.number_of_bedrooms,
      bathrooms: fields.number_of_bathrooms,
      property_type: fields.property_type,
      square_footage: fields.square_footage,
      furnished_status: fields.furnished_status,
      floor_level: fields.floor_level,
      pet_policy: fields.pet_policy,
      lease_term: fields.lease_term,
      amenities: [...fields.amenities],
    };
    this.apartments.push(apartment);
    return apartment;
  }

  // --- agent tools ---------------------------------------------------------------------------------

  @agentTool({
    description: "List every apartment listing, with whether the user saved it.",
    returns: "list[Apartment]",
  })
  list_all_apartments(): ApartmentView[] {
    return this.apartments.map((a) => this.view(a));
  }

  @agentTool({
    description: "Get every detail of one apartment listing.",
    params: IdParams,
    returns: "Apartment",
  })
  get_apartment_details(args: z.input<typeof IdParams>): ApartmentView {
    return this.view(this.getApartment(parsed(IdParams, args).apartment_id));
  }

  @agentTool({
    description: "List the apartments the user saved to favourites, in the order saved.",
    returns: "list[Apartment]",
  })
  list_saved_apartments(): ApartmentView[] {
    return this.savedApartments.map((id) => this.view(this.getApartment(id)));
  }

  @agentTool({
    description: "Save an apartment to the user's favourites (nothing changes if it is already saved).",
    params: IdParams,
    op: "write",
    returns: "str",
  })
  save_apartment(args: z.input<typeof IdParams>): string {
    const { apartment_id } = parsed(IdParams, args);
    const apartment = this.getApartment(apartment_id);
    if (this.isSaved(apartment_id))
      return `Apartment ${apartment_id} (${apartment.name}) is already in favourites.`;
    this.savedApartments.push(apartment_id);
    return `Saved apartment ${apartment_id} (${apartment.name}) to favourites.`;
  }

  @agentTool({
    description: "Remove an apartment from the user's favourites.",
    params: IdParams,
    op: "write",
    returns: "str",
  })
  remove_saved_apartment(args: z.input<typeof IdParams>): string {
    const { apartment_id } = parsed(IdParams, args);
    const apartment = this.getApartment(apartment_id);
    const at = this.savedApartments.indexOf(apartment_id);
    if (at < 0) throw new InvalidStateError(`Apartment ${apartment_id} is not in favourites`);
    this.savedApartments.splice(at, 1);
    return `Removed apartment ${apartment_id} (${apartment.name}) from favourites.`;
  }

  @agentTool({
    description:
      "Search apartment listings. Every filter is optional; name and location match substrings, categorical filters match whole values (case-insensitive), prices are inclusive bounds, square_footage is a minimum, all listed amenities must be offered.",
    params: SearchParams,
    returns: "list[Apartment]",
  })
  search_apartments(args: z.input<typeof SearchParams> = {}): ApartmentView[] {
    const f = parsed(SearchParams, args);
    const name = lower(f.name);
    const location = lower(f.location);
    const zip = f.zip_code?.trim() || null;
    const type = lower(f.property_type);
    const floor = lower(f.floor_level);
    const furnished = lower(f.furnished_status);
    const pets = lower(f.pet_policy);
    const lease = lower(f.lease_term);
    const amenities = (f.amenities ?? []).map((x) => x.trim().toLowerCase()).filter(Boolean);
    // An unstated furnishing, pet policy or lease term is unknown, not a mismatch.
    const unknownOr = (value: string, wanted: string | null) =>
      wanted === null || value.trim() === "" || value.trim().toLowerCase() === wanted;
    const pool = f.saved_only ? this.savedApartments.map((id) => this.getApartment(id)) : this.apartments;
    return pool
      .filter(
        (a) =>
          (name === null || a.name.toLowerCase().includes(name)) &&
          (location === null || a.location.toLowerCase().includes(location)) &&
          (zip === null || a.zip_code.trim() === zip) &&
          (!given(f.min_price) || a.price >= f.min_price) &&
          (!given(f.max_price) || a.price <= f.max_price) &&
          (!given(f.number_of_bedrooms) || a.bedrooms === f.number_of_bedrooms) &&
          (!given(f.number_of_bathrooms) || a.bathrooms === f.number_of_bathrooms) &&
          (!given(f.square_footage) || a.square_footage >= f.square_footage) &&
          (type === null || a.property_type.trim().toLowerCase() === type) &&
          (floor === null || a.floor_level.trim().toLowerCase() === floor) &&
          unknownOr(a.furnished_status, furnished) &&
          unknownOr(a.pet_policy, pets) &&
          unknownOr(a.lease_term, lease) &&
          amenities.every((want) => a.amenities.some((have) => have.trim().toLowerCase() === want)),
      )
      .map((a) => this.view(a));
  }

  // --- environment tools ---------------------------------------------------------------------------

  @envTool(ADD)
  @dataTool(ADD)
  add_new_apartment(args: z.input<typeof AddParams>): string {
    return this.insert(parsed(AddParams, args), this.newId()).apartment_id;
  }

  @envTool(UPDATE)
  @dataTool(UPDATE)
  update_apartment(args: z.input<typeof UpdateParams>): string {
    const { apartment_id, new_price } = parsed(UpdateParams, args);
    this.getApartment(apartment_id).price = new_price;
    return apartment_id;
  }

  @envTool(DELETE)
  @dataTool(DELETE)
  delete_apartment(args: z.input<typeof IdParams>): string {
    const { apartment_id } = parsed(IdParams, args);
    this.getApartment(apartment_id);
    this.apartments = this.apartments.filter((a) => a.apartment_id !== apartment_id);
    this.savedApartments = this.savedApartments.filter((id) => id !== apartment_id);
    return apartment_id;
  }

  // --- data tools ----------------------------------------------------------------------------------

  @dataTool({
    description:
      "Seed a listing, optionally with an explicit id and already saved to favourites. Returns its id.",
    params: SeedParams,
    op: "write",
    returns: "str",
  })
  add_apartment(args: z.input<typeof SeedParams>): string {
    const a = parsed(SeedParams, args);
    if (a.apartment_id !== undefined && this.apartments.some((x) => x.apartment_id === a.apartment_id))
      throw new ToolError(
        "invalid_arguments",
        `Apartment id ${a.apartment_id} already exists`,
        "apartment_id",
      );
    const apartment = this.insert(a, a.apartment_id ?? this.newId());
    if (a.saved) this.savedApartments.push(apartment.apartment_id);
    return apartment.apartment_id;
  }
}
