import { z } from "zod";
import { parsed, userTool } from "../../core/tool-decorators.js";
import { Screen } from "../screen.js";
import type { StatefulContactsApp } from "./app.js";
import { type Contact, type ContactsPage, EDITABLE_FIELDS, NewContactParams } from "./model.js";

const ListParams = z.object({
  offset: z.number().int().min(0).default(0).describe("Zero-based position of the first contact to show"),
});
const SearchParams = z.object({
  query: z.string().trim().min(1).describe("Name, phone number or email address to look for"),
});
const OpenParams = z.object({ contact_id: z.string().min(1).describe("Id of the contact to open") });
const UpdateParams = z.object({
  updates: z
    .record(z.string(), z.union([z.string(), z.number(), z.null()]))
    .describe(`Fields to change and their new values (${EDITABLE_FIELDS.join(", ")}); null clears a field`),
});

/** The address book: browse, search, open a card, add a person. */
export class ContactsList extends Screen<StatefulContactsApp> {
  @userTool({ description: "Show a page of contacts.", params: ListParams })
  list_contacts(args: z.input<typeof ListParams> = {}): ContactsPage {
    return this.app.get_contacts(parsed(ListParams, args));
  }

  @userTool({ description: "Search the contacts by name, phone or email.", params: SearchParams })
  search_contacts(args: z.input<typeof SearchParams>): Contact[] {
    return this.app.search_contacts(parsed(SearchParams, args));
  }

  @userTool({ description: "Open a contact's card.", params: OpenParams })
  open_contact(args: z.input<typeof OpenParams>): Contact {
    const { contact_id } = parsed(OpenParams, args);
    const contact = this.app.get_contact({ contact_id });
    this.app.pushScreen(new ContactDetail(contact_id));
    return contact;
  }

  @userTool({ description: "Show your own contact card." })
  view_current_user(): Contact {
    return this.app.get_current_user_details();
  }

  @userTool({
    description: "Add a new person to your contacts; returns the new contact's id.",
    params: NewContactParams,
    op: "write",
  })
  create_contact(args: z.input<typeof NewContactParams>): string {
    return this.app.add_new_contact(parsed(NewContactParams, args));
  }
}

/** One contact's card. */
export class ContactDetail extends Screen<StatefulContactsApp> {
  constructor(readonly contactId: string) {
    super();
  }

  override onEnter(): void {
    this.app.contactOrThrow(this.contactId);
  }

  @userTool({ description: "Show this contact's details." })
  view_contact(): Contact {
    return this.app.get_contact({ contact_id: this.contactId });
  }

  @userTool({ description: "Start editing this contact." })
  start_edit_contact(): Contact {
    const contact = this.app.get_contact({ contact_id: this.contactId });
    this.app.pushScreen(new ContactEdit(this.contactId));
    return contact;
  }

  @userTool({ description: "Delete this contact and go back.", op: "write" })
  delete_contact(): string {
    const result = this.app.delete_contact({ contact_id: this.contactId });
    if (!this.app.popScreen()) this.app.resetToRoot();
    return result;
  }
}

/** Editing form of one contact. */
export class ContactEdit extends Screen<StatefulContactsApp> {
  constructor(readonly contactId: string) {
    super();
  }

  override onEnter(): void {
    this.app.contactOrThrow(this.contactId);
  }

  @userTool({ description: "Show the contact's current details." })
  view_contact(): Contact {
    return this.app.get_contact({ contact_id: this.contactId });
  }

  @userTool({
    description: "Save changes to this contact and return to its card.",
    params: UpdateParams,
    op: "write",
  })
  update_contact(args: z.input<typeof UpdateParams>): string {
    const { updates } = parsed(UpdateParams, args);
    const result = this.app.edit_contact({ contact_id: this.contactId, updates });
    if (!this.app.popScreen()) this.app.replaceScreen(new ContactDetail(this.contactId));
    return result;
  }
}
