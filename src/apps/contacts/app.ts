import { z } from "zod";
import type { AppOptions } from "../../core/app.js";
import { InvalidStateError, NotFoundError, ToolError } from "../../core/errors.js";
import { agentTool, dataTool, parsed, type ToolSpec } from "../../core/tool-decorators.js";
import type { Screen } from "../screen.js";
import { StatefulApp } from "../stateful-app.js";
import {
  AgeInput,
  Contact,
  type ContactsPage,
  ContactsState,
  EDITABLE_FIELDS,
  type EditableField,
  fullName,
  GenderInput,
  NewContactParams,
  SeedContactParams,
  StatusInput,
  USER_PERSONA,
} from "./model.js";
import { ContactsList } from "./screens.js";

const VIEW_LIMIT = 10;

const OffsetParams = z.object({
  offset: z.number().int().min(0).default(0).describe("Index of the first contact to return (0-based)"),
});
const ContactIdParams = z.object({
  contact_id: z.string().min(1).describe("Id of the contact"),
});
const EditParams = z.object({
  contact_id: z.string().min(1).describe("Id of the contact to change"),
  updates: z
    .record(z.string(), z.union([z.string(), z.number(), z.null()]))
    .describe(
      `Fields to change and their new values; allowed fields: ${EDITABLE_FIELDS.join(", ")}. ` +
        "Use null to clear an optional field.",
    ),
});
const SearchParams = z.object({
  query: z.string().trim().min(1).describe("Text to look for in names, phone numbers and email addresses"),
});
const SeedManyParams = z.object({
  contacts: z.array(SeedContactParams).describe("Contacts to add, in order"),
});

/** How each editable field's new value is validated (null clears the optional ones). */
const FIELD_SCHEMAS: Record<EditableField, z.ZodType> = {
  first_name: z.string().trim().min(1, "first_name cannot be empty"),
  last_name: z.string().trim().min(1, "last_name cannot be empty"),
  gender: GenderInput,
  status: StatusInput,
  age: AgeInput.nullable(),
  nationality: z.string().nullable(),
  city_living: z.string().nullable(),
  country: z.string().nullable(),
  job: z.string().nullable(),
  description: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  address: z.string().nullable(),
};

const SPEC_GET_CONTACTS: ToolSpec = {
  description: `List the contacts in the address book, ${VIEW_LIMIT} at a time, with the range returned and the total count.`,
  params: OffsetParams,
  returns: "{contacts: list[Contact], metadata: {range: [start, end], total}}",
};

const SPEC_GET_CONTACT: ToolSpec = {
  description: "Get every detail of one contact by its id.",
  params: ContactIdParams,
  returns: "Contact",
};

const SPEC_GET_CURRENT_USER_DETAILS: ToolSpec = {
  description: "Get the contact card of the phone's owner (the user you are assisting).",
  returns: "Contact",
};

const SPEC_ADD_NEW_CONTACT: ToolSpec = {
  description:
    "Add a new person to the address book. Names must not duplicate an existing contact. Returns the new contact's id.",
  params: NewContactParams,
  op: "write",
  returns: "str (contact id)",
};

const SPEC_EDIT_CONTACT: ToolSpec = {
  description:
    'Change some fields of an existing contact (e.g. {"phone": "555-0100", "job": "Nurse"}). Fields not mentioned are kept.',
  params: EditParams,
  op: "write",
};

const SPEC_DELETE_CONTACT: ToolSpec = {
  description: "Remove a contact from the address book.",
  params: ContactIdParams,
  op: "write",
};

export interface ContactsAppOptions extends AppOptions {}

/**
 * The phone's address book. The owner's own card (John Doe, `is_user`) is there from the start, so
 * `get_current_user_details` always has an answer until someone deletes it; a scenario that seeds
 * its own owner's card replaces it.
 */
export class StatefulContactsApp extends StatefulApp<ContactsState> {
  readonly stateSchema = ContactsState;
  contacts = new Map<string, Contact>();
  /** Id of the built-in persona card, fixed at construction so a reset brings back the same card. */
  private readonly personaId: string;

  constructor(options: ContactsAppOptions = {}) {
    super({ name: options.name ?? "Contacts" });
    this.personaId = this.newId();
    this.restoreState(this.emptyState());
  }

  protected createRootScreen(): Screen {
    return new ContactsList();
  }

  protected dumpState(): ContactsState {
    return { contacts: Object.fromEntries(this.contacts) };
  }

  protected restoreState(state: ContactsState): void {
    this.contacts = new Map(Object.entries(state.contacts).map(([id, c]) => [id, { ...c }]));
  }

  protected emptyState(): ContactsState {
    return { contacts: { [this.personaId]: { contact_id: this.personaId, ...USER_PERSONA } } };
  }

  // --- internal helpers (not tools: nothing here is logged) ---------------------------------------

  /** The live contact; throws NotFoundError naming the id. */
  contactOrThrow(contactId: string): Contact {
    const contact = this.contacts.get(contactId);
    if (!contact) throw new NotFoundError(`Contact ${contactId} does not exist`);
    return contact;
  }

  private findByName(name: string, exceptId?: string): Contact | undefined {
    const key = name.trim().toLowerCase();
    for (const c of this.contacts.values())
      if (c.contact_id !== exceptId && fullName(c).toLowerCase() === key) return c;
    return undefined;
  }

  private build(fields: z.output<typeof NewContactParams>, id: string, isUser: boolean): Contact {
    return {
      contact_id: id,
      first_name: fields.first_name,
      last_name: fields.last_name,
      is_user: isUser,
      gender: fields.gender ?? "Unknown",
      age: fields.age ?? null,
      nationality: fields.nationality ?? null,
      city_living: fields.city_living ?? null,
      country: fields.country ?? null,
      status: fields.status ?? "Unknown",
      job: fields.job ?? null,
      description: fields.description ?? null,
      phone: fields.phone ?? null,
      email: fields.email ?? null,
      address: fields.address ?? null,
    };
  }

  /**
   * Adds a contact. A seeded owner's card (`is_user`) takes the place of the built-in persona: the
   * phone has one owner, and it is the one the scenario describes.
   */
  private insert(fields: z.output<typeof SeedContactParams>): string {
    const replaced = fields.is_user ? this.contacts.get(this.personaId) : undefined;
    if (fields.is_user) {
      const owner = [...this.contacts.values()].find((c) => c.is_user && c !== replaced);
      if (owner)
        throw new InvalidStateError(
          `The address book already has the owner's card ${fullName(owner)} (id ${owner.contact_id})`,
        );
    }
    const name = fullName(fields);
    const existing = this.findByName(name, replaced?.contact_id);
    if (existing)
      throw new InvalidStateError(`A contact named ${name} already exists (id ${existing.contact_id})`);
    if (
      fields.contact_id !== undefined &&
      fields.contact_id !== replaced?.contact_id &&
      this.contacts.has(fields.contact_id)
    )
      throw new InvalidStateError(`A contact with id ${fields.contact_id} already exists`);
    if (replaced) this.contacts.delete(replaced.contact_id);
    const id = fields.contact_id ?? this.newId();
    this.contacts.set(id, this.build(fields, id, fields.is_user));
    return id;
  }

  // --- agent tools --------------------------------------------------------------------------------

  @dataTool(SPEC_GET_CONTACTS)
  @agentTool(SPEC_GET_CONTACTS)
  get_contacts(args: z.input<typeof OffsetParams> = {}): ContactsPage {
    const { offset } = parsed(OffsetParams, args);
    const all = [...this.contacts.values()];
    const end = Math.min(offset + VIEW_LIMIT, all.length);
    const page = all.slice(offset, end).map((c) => ({ ...c }));
    return { contacts: page, metadata: { range: [Math.min(offset, all.length), end], total: all.length } };
  }

  @dataTool(SPEC_GET_CONTACT)
  @agentTool(SPEC_GET_CONTACT)
  get_contact(args: z.input<typeof ContactIdParams>): Contact {
    return { ...this.contactOrThrow(parsed(ContactIdParams, args).contact_id) };
  }

  @dataTool(SPEC_GET_CURRENT_USER_DETAILS)
  @agentTool(SPEC_GET_CURRENT_USER_DETAILS)
  get_current_user_details(): Contact {
    for (const c of this.contacts.values()) if (c.is_user) return { ...c };
    throw new NotFoundError("The address book has no contact marked as the current user");
  }

  @dataTool(SPEC_ADD_NEW_CONTACT)
  @agentTool(SPEC_ADD_NEW_CONTACT)
  add_new_contact(args: z.input<typeof NewContactParams>): string {
    return this.insert({ ...parsed(NewContactParams, args), is_user: false });
  }

  @dataTool(SPEC_EDIT_CONTACT)
  @agentTool(SPEC_EDIT_CONTACT)
  edit_contact(args: z.input<typeof EditParams>): string {
    const { contact_id, updates } = parsed(EditParams, args);
    const current = this.contactOrThrow(contact_id);
    const keys = Object.keys(updates);
    if (keys.length === 0)
      throw new ToolError("invalid_arguments", "updates: give at least one field to change", "updates");
    const next: Record<string, unknown> = { ...current };
    for (const key of keys) {
      if (!(EDITABLE_FIELDS as readonly string[]).includes(key))
        throw new ToolError(
          "invalid_arguments",
          `updates.${key}: not an editable contact field; allowed: ${EDITABLE_FIELDS.join(", ")}`,
          `updates.${key}`,
        );
      const result = FIELD_SCHEMAS[key as EditableField].safeParse(updates[key]);
      if (!result.success)
        throw new ToolError(
          "invalid_arguments",
          `updates.${key}: ${result.error.issues[0]?.message ?? "invalid value"}`,
          `updates.${key}`,
        );
      next[key] = result.data;
    }
    const updated = Contact.parse(next);
    const clash = this.findByName(fullName(updated), contact_id);
    if (clash)
      throw new InvalidStateError(
        `Another contact is already named ${fullName(updated)} (id ${clash.contact_id})`,
      );
    this.contacts.set(contact_id, updated);
    return `Contact ${contact_id} updated successfully.`;
  }

  @dataTool(SPEC_DELETE_CONTACT)
  @agentTool(SPEC_DELETE_CONTACT)
  delete_contact(args: z.input<typeof ContactIdParams>): string {
    const { contact_id } = parsed(ContactIdParams, args);
    this.contactOrThrow(contact_id);
    this.contacts.delete(contact_id);
    return `Contact ${contact_id} successfully deleted.`;
  }

  @agentTool({
    description:
      "Find contacts whose first name, last name, full name, phone number or email address contains the query (case-insensitive).",
    params: SearchParams,
    returns: "list[Contact]",
  })
  search_contacts(args: z.input<typeof SearchParams>): Contact[] {
    const q = parsed(SearchParams, args).query.toLowerCase();
    return [...this.contacts.values()]
      .filter((c) =>
        [c.first_name, c.last_name, c.phone, c.email, fullName(c), `${c.last_name} ${c.first_name}`].some(
          (field) => field?.toLowerCase().includes(q),
        ),
      )
      .map((c) => ({ ...c }));
  }

  // --- data tools (scenario seeding) --------------------------------------------------------------

  @dataTool({
    description:
      "Seed one contact, optionally with a chosen id or as the owner's card (is_user). Returns the contact id.",
    params: SeedContactParams,
    op: "write",
  })
  add_contact(args: z.input<typeof SeedContactParams>): string {
    return this.insert(parsed(SeedContactParams, args));
  }

  @dataTool({
    description: "Seed several contacts at once; all or none are added. Returns their ids in order.",
    params: SeedManyParams,
    op: "write",
  })
  add_contacts(args: z.input<typeof SeedManyParams>): string[] {
    const { contacts } = parsed(SeedManyParams, args);
    const before = new Map(this.contacts);
    try {
      return contacts.map((c) => this.insert(c));
    } catch (error) {
      this.contacts = before;
      throw error;
    }
  }
}
