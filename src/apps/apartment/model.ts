import { z } from "zod";

/** A listing. Whether the user saved it lives in the app's saved list, not here. */
export const Apartment = z.object({
  apartment_id: z.string().min(1),
  name: z.string().min(1),
  location: z.string(),
  zip_code: z.string(),
  /** Monthly rent. */
  price: z.number().finite().nonnegative(),
  bedrooms: z.number().int().nonnegative(),
  bathrooms: z.number().finite().nonnegative(),
  property_type: z.string(),
  square_footage: z.number().finite().nonnegative(),
  furnished_status: z.string(),
  floor_level: z.string(),
  pet_policy: z.string(),
  lease_term: z.string(),
  amenities: z.array(z.string()),
});
export type Apartment = z.infer<typeof Apartment>;

export const ApartmentState = z
  .object({
    apartments: z.array(Apartment),
    /** Ids of the user's favourites, in the order they were saved. */
    saved_apartments: z.array(z.string()),
  })
  .superRefine((state, ctx) => {
    const ids = state.apartments.map((a) => a.apartment_id);
    if (new Set(ids).size !== ids.length)
      ctx.addIssue({ code: "custom", path: ["apartments"], message: "duplicate apartment ids" });
    const known = new Set(ids);
    state.saved_apartments.forEach((id, i) => {
      if (!known.has(id))
        ctx.addIssue({ code: "custom", path: ["saved_apartments", i], message: `unknown apartment ${id}` });
    });
    if (new Set(state.saved_apartments).size !== state.saved_apartments.length)
      ctx.addIssue({ code: "custom", path: ["saved_apartments"], message: "an apartment is saved twice" });
  });
export type ApartmentState = z.infer<typeof ApartmentState>;

/** What tools return: the listing with its saved flag. */
export interface ApartmentView extends Apartment {
  saved: boolean;
}

export function copyApartment(apartment: Apartment): Apartment {
  return { ...apartment, amenities: [...apartment.amenities] };
}

const optText = (what: string) => z.string().nullable().optional().describe(what);
const optCount = (what: string) => z.number().int().min(0).nullable().optional().describe(what);
const optAmount = (what: string) => z.number().finite().min(0).nullable().optional().describe(what);

/** Search filters; every one is optional, and only given ones restrict the results. */
export const SearchFilters = {
  name: optText("Text the listing's name must contain (case-insensitive)"),
  location: optText("Text the location must contain (case-insensitive), e.g. a neighbourhood or city"),
  zip_code: optText("Exact zip code"),
  min_price: optAmount("Minimum monthly rent (inclusive)"),
  max_price: optAmount("Maximum monthly rent (inclusive)"),
  number_of_bedrooms: optCount("Exact number of bedrooms (0 = studio)"),
  number_of_bathrooms: optAmount("Exact number of bathrooms"),
  property_type: optText("Property type, e.g. Apartment, Condo, Studio, House (case-insensitive)"),
  square_footage: optAmount("Minimum floor area in square feet"),
  furnished_status: optText("Furnished, Unfurnished or Semi-furnished (listings that do not say also match)"),
  floor_level: optText("Floor level, e.g. Ground floor, Upper floors, Penthouse, Basement"),
  pet_policy: optText(
    "Pets allowed, No pets, Cats allowed or Dogs allowed (listings that do not say also match)",
  ),
  lease_term: optText(
    "Month-to-month, 6 months, 1 year or Long term lease (listings that do not say also match)",
  ),
  amenities: z
    .array(z.string())
    .nullable()
    .optional()
    .describe("Amenities that must all be offered, e.g. ['Gym', 'Parking'] (case-insensitive)"),
};
