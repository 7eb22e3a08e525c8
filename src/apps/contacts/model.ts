import { z } from "zod";

export const GENDERS = ["Female", "Male", "Other", "Unknown"] as const;
export const STATUSES = ["Student", "Employed", "Unemployed", "Retired", "Unknown"] as const;

export const Gender = z.enum(GENDERS);
export type Gender = z.infer<typeof Gender>;
export const ContactStatus = z.enum(STATUSES);
export type ContactStatus = z.infer<typeof ContactStatus>;

/**
 * Case-insensitive match against an enum's values; also accepts the original's rendering (`Gender.FEMALE`).
 * The output is itself a valid input, so arguments captured for scheduling re-validate unchanged.
 */
function lenientEnum<T extends string>(values: readonly T[], label: string) {
  return z.string().transform((raw, ctx): T => {
    const bare = raw
      .trim()
      .replace(/^[A-Za-z]+\./, "")
      .toLowerCase();
    const hit = values.find((v) => v.toLowerCase() === bare);
    if (hit === undefined) {
      ctx.issues.push({
        code: "custom",
        input: raw,
        message: `unknown ${label} '${raw}'; expected one of ${values.join(", ")}`,
      });
      return z.NEVER;
    }
    return hit;
  });
}

export const GenderInput = lenientEnum(GENDERS, "gender");
export const StatusInput = lenientEnum(STATUSES, "status");

/** Ages as the original validates them; a numeric string ("30") is accepted, as models often send one. */
export const AgeInput = z
  .union([z.number(), z.string().regex(/^\s*\d+\s*$/, "age must be a whole number")])
  .transform((v) => (typeof v === "number" ? v : Number(v.trim())))
  .pipe(
    z.number().int("age must be a whole number").min(1, "age must be 1..100").max(100, "age must be 1..100"),
  );

export const Contact = z.object({
  contact_id: z.string().min(1),
  first_name: z.string().min(1),
  last_name: z.string().min(1),
  is_user: z.boolean(),
  gender: Gender,
  age: z.number().int().min(1).max(100).nullable(),
  nationality: z.string().nullable(),
  city_living: z.string().nullable(),
  country: z.string().nullable(),
  status: ContactStatus,
  job: z.string().nullable(),
  description: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  address: z.string().nullable(),
});
export type Contact = z.infer<typeof Contact>;

/** Fields a tool may set; every other key of an update is rejected. */
export const EDITABLE_FIELDS = [
  "first_name",
  "last_name",
  "gender",
  "age",
  "nationality",
  "city_living",
  "country",
  "status",
  "job",
  "description",
  "phone",
  "email",
  "address",
] as const;
export type EditableField = (typeof EDITABLE_FIELDS)[number];

/** The optional descriptive fields, shared by the tools that create contacts. */
export const ContactDetailsParams = z.object({
  gender: GenderInput.optional().describe(`Gender: one of ${GENDERS.join(", ")} (default Unknown)`),
  age: AgeInput.optional().describe("Age in years, 1 to 100"),
  nationality: z.string().optional().describe("Nationality, e.g. 'French'"),
  city_living: z.string().optional().describe("City the person lives in"),
  country: z.string().optional().describe("Country the person lives in"),
  status: StatusInput.optional().describe(
    `Occupation status: one of ${STATUSES.join(", ")} (default Unknown)`,
  ),
  job: z.string().optional().describe("Job title or occupation"),
  description: z.string().optional().describe("Free-text notes about the person"),
  phone: z.string().optional().describe("Phone number"),
  email: z.string().optional().describe("Email address"),
  address: z.string().optional().describe("Postal address"),
});

export const NewContactParams = z
  .object({
    first_name: z.string().trim().min(1).describe("First (given) name"),
    last_name: z.string().trim().min(1).describe("Last (family) name"),
  })
  .extend(ContactDetailsParams.shape);
export type NewContactParams = z.output<typeof NewContactParams>;

/** Seeding shape: a new contact plus the fields tools never let a caller choose. */
export const SeedContactParams = NewContactParams.extend({
  contact_id: z.string().min(1).optional().describe("Id to give the contact (generated when omitted)"),
  is_user: z.boolean().default(false).describe("True for the phone owner's own card"),
});

export const ContactsState = z.object({
  /** Contacts by id, in the order they were added (which is the listing order). */
  contacts: z.record(z.string(), Contact),
});
export type ContactsState = z.infer<typeof ContactsState>;

export const ContactsPage = z.object({
  contacts: z.array(Contact),
  metadata: z.object({ range: z.tuple([z.number(), z.number()]), total: z.number() }),
});
export type ContactsPage = z.infer<typeof ContactsPage>;

/** The phone owner (PARE's persona), present in every Contacts app from construction. */
export const USER_PERSONA: Omit<Contact, "contact_id"> = {
  first_name: "John",
  last_name: "Doe",
  is_user: true,
  gender: "Male",
  age: 30,
  nationality: "American",
  city_living: "Anytown",
  country: "USA",
  status: "Student",
  job: null,
  description: null,
  phone: "1234567890",
  email: "john@pare.com",
  address: "123 Main St, Anytown, USA",
};

export function fullName(c: Pick<Contact, "first_name" | "last_name">): string {
  return `${c.first_name} ${c.last_name}`;
}
