import { describe, expect, it } from "vitest";
import { PAREAgentUserInterface } from "../../src/apps/agent-ui/agent-ui-app.js";
import {
  ContactDetail,
  ContactEdit,
  ContactsList,
  StatefulContactsApp,
} from "../../src/apps/contacts/index.js";
import { HomeScreenSystemApp } from "../../src/apps/home-screen/home-screen-app.js";
import { Environment } from "../../src/core/environment.js";
import { NotFoundError } from "../../src/core/errors.js";
import { expectToolError, undescribedParams } from "../support/phone.js";

const HEX32 = /^[0-9a-f]{32}$/;

function seeded(): { app: StatefulContactsApp; ann: string; bob: string } {
  const app = new StatefulContactsApp();
  const ann = app.add_contact({
    first_name: "Ann",
    last_name: "Lee",
    gender: "female",
    age: 34,
    phone: "+1 555 0101",
    email: "ann.lee@example.com",
    job: "Architect",
  });
  const bob = app.add_contact({
    first_name: "Bob",
    last_name: "Marsh",
    phone: "555-0199",
    status: "Retired",
  });
  return { app, ann, bob };
}

function inEnv(app: StatefulContactsApp) {
  const env = new Environment({ startTime: 1_700_000_000 });
  env.registerApps([new HomeScreenSystemApp(), new PAREAgentUserInterface(), app]);
  env.start();
  env.openApp(app.name);
  const tool = (name: string) => {
    const t = env.getUserTools().find((x) => x.name === `${app.name}__${name}`);
    if (!t) throw new Error(`no user tool ${name} on ${env.describeLocation().screen}`);
    return t;
  };
  const call = (name: string, args: Record<string, unknown> = {}) => tool(name).call(args);
  const screen = () => env.describeLocation().screen;
  const names = () => env.getUserTools().map((t) => t.methodName);
  return { env, call, screen, names };
}

describe("StatefulContactsApp data", () => {
  it("is named Contacts and starts with the owner's own card", () => {
    const app = new StatefulContactsApp();
    expect(app.name).toBe("Contacts");
    expect(new StatefulContactsApp({ name: "Phonebook" }).name).toBe("Phonebook");
    const me = app.get_current_user_details();
    expect(me).toMatchObject({
      first_name: "John",
      last_name: "Doe",
      is_user: true,
      email: "john@pare.com",
      phone: "1234567890",
      gender: "Male",
      age: 30,
      status: "Student",
    });
    expect(me.contact_id).toMatch(HEX32);
    expect(app.get_contacts().metadata.total).toBe(1);
  });

  it("describes every tool parameter for models", () => {
    expect(undescribedParams(new StatefulContactsApp(), [ContactsList, ContactDetail, ContactEdit])).toEqual(
      [],
    );
  });

  it("exposes the original's tools, marked read or write truthfully", () => {
    const app = new StatefulContactsApp();
    const agent = Object.fromEntries(app.getAgentTools().map((t) => [t.methodName, t.operation]));
    expect(agent).toEqual({
      get_contacts: "read",
      get_contact: "read",
      get_current_user_details: "read",
      add_new_contact: "write",
      edit_contact: "write",
      delete_contact: "write",
      search_contacts: "read",
    });
    expect(app.getTools("env")).toEqual([]);
    expect(app.getTools("data").map((t) => t.methodName)).toEqual(
      expect.arrayContaining(["add_contact", "add_contacts", "add_new_contact"]),
    );
    for (const t of app.getAgentTools()) expect(t.description.length).toBeGreaterThan(10);
  });

  it("adds contacts with normalised enums and defaults", () => {
    const app = new StatefulContactsApp();
    const id = app.add_new_contact({
      first_name: " Carla ",
      last_name: "Diaz",
      gender: "Gender.FEMALE",
      status: "employed",
      age: "41" as unknown as number,
    });
    expect(id).toMatch(HEX32);
    expect(app.get_contact({ contact_id: id })).toMatchObject({
      first_name: "Carla",
      gender: "Female",
      status: "Employed",
      age: 41,
      is_user: false,
      phone: null,
    });
    const plain = app.add_new_contact({ first_name: "Dan", last_name: "Ode" });
    expect(app.get_contact({ contact_id: plain })).toMatchObject({
      gender: "Unknown",
      status: "Unknown",
      age: null,
    });
  });

  it("rejects duplicates and bad fields without changing anything", () => {
    const { app } = seeded();
    const before = app.getState();
    expectToolError(() => app.add_new_contact({ first_name: "ann", last_name: "LEE" }), /already exists/);
    const e1 = expectToolError(() => app.add_new_contact({ first_name: "X", last_name: "Y", age: 0 }), /age/);
    expect(e1.field).toBe("age");
    const e2 = expectToolError(
      () => app.add_new_contact({ first_name: "X", last_name: "Y", gender: "robot" }),
      /gender/,
    );
    expect(e2.code).toBe("invalid_arguments");
    expectToolError(() => app.add_new_contact({ first_name: "", last_name: "Y" }), /first_name/);
    expect(app.getState()).toEqual(before);
  });

  it("pages through contacts ten at a time", () => {
    const app = new StatefulContactsApp();
    app.add_contacts({
      contacts: Array.from({ length: 12 }, (_, i) => ({ first_name: `P${i}`, last_name: "Test" })),
    });
    const first = app.get_contacts();
    expect(first.contacts).toHaveLength(10);
    expect(first.metadata).toEqual({ range: [0, 10], total: 13 });
    expect(first.contacts[0]?.is_user).toBe(true);
    const second = app.get_contacts({ offset: 10 });
    expect(second.contacts.map((c) => c.first_name)).toEqual(["P9", "P10", "P11"]);
    expect(second.metadata).toEqual({ range: [10, 13], total: 13 });
    expect(app.get_contacts({ offset: 50 }).contacts).toEqual([]);
    expectToolError(() => app.get_contacts({ offset: -1 }), /offset/);
  });

  it("returns copies, never live state", () => {
    const { app, ann } = seeded();
    const c = app.get_contact({ contact_id: ann });
    c.first_name = "Mutated";
    expect(app.get_contact({ contact_id: ann }).first_name).toBe("Ann");
  });

  it("edits fields, clears with null, and rolls back on any bad field", () => {
    const { app, ann, bob } = seeded();
    expect(app.edit_contact({ contact_id: ann, updates: { job: "Nurse", age: 35, phone: null } })).toBe(
      `Contact ${ann} updated successfully.`,
    );
    expect(app.get_contact({ contact_id: ann })).toMatchObject({ job: "Nurse", age: 35, phone: null });

    const before = app.getState();
    const unknownField = expectToolError(
      () => app.edit_contact({ contact_id: ann, updates: { job: "Pilot", favourite_colour: "red" } }),
      /updates\.favourite_colour: not an editable/,
    );
    expect(unknownField.field).toBe("updates.favourite_colour");
    expectToolError(() => app.edit_contact({ contact_id: ann, updates: { age: 150 } }), /updates\.age/);
    expectToolError(() => app.edit_contact({ contact_id: ann, updates: { status: "astronaut" } }), /status/);
    expectToolError(
      () => app.edit_contact({ contact_id: ann, updates: { contact_id: "x" } }),
      /not an editable/,
    );
    expectToolError(() => app.edit_contact({ contact_id: ann, updates: {} }), /at least one field/);
    expectToolError(
      () => app.edit_contact({ contact_id: ann, updates: { first_name: "Bob", last_name: "marsh" } }),
      /already named/,
    );
    expect(() => app.edit_contact({ contact_id: "nope", updates: { job: "x" } })).toThrow(NotFoundError);
    expect(app.getState()).toEqual(before);
    expect(app.get_contact({ contact_id: bob }).first_name).toBe("Bob");
  });

  it("deletes contacts and reports unknown ids", () => {
    const { app, ann } = seeded();
    expect(app.delete_contact({ contact_id: ann })).toBe(`Contact ${ann} successfully deleted.`);
    expect(() => app.get_contact({ contact_id: ann })).toThrow(/does not exist/);
    expect(() => app.delete_contact({ contact_id: ann })).toThrow(NotFoundError);
  });

  it("searches names in both orders, phones and emails, case-insensitively", () => {
    const { app, ann, bob } = seeded();
    const ids = (query: string) => app.search_contacts({ query }).map((c) => c.contact_id);
    expect(ids("ann")).toEqual([ann]);
    expect(ids("LEE ANN")).toEqual([ann]);
    expect(ids("ann lee")).toEqual([ann]);
    expect(ids("0199")).toEqual([bob]);
    expect(ids("example.com")).toEqual([ann]);
    expect(ids("zzz")).toEqual([]);
    expectToolError(() => app.search_contacts({ query: "  " }), /query/);
  });

  it("seeds with chosen ids, atomically in bulk", () => {
    const app = new StatefulContactsApp();
    expect(app.add_contact({ contact_id: "c-1", first_name: "Eve", last_name: "Ng" })).toBe("c-1");
    const before = app.getState();
    expectToolError(
      () =>
        app.add_contacts({
          contacts: [
            { first_name: "Fay", last_name: "Oh" },
            { contact_id: "c-1", first_name: "Gus", last_name: "Po" },
          ],
        }),
      /already exists/,
    );
    expect(app.getState()).toEqual(before);
  });

  it("round-trips its state and resets to the owner's card", () => {
    const { app } = seeded();
    const state = app.getState();
    const fresh = new StatefulContactsApp();
    fresh.loadState(state);
    expect(fresh.getState()).toEqual(state);
    expect(() => fresh.loadState({ contacts: { x: { first_name: "A" } } })).toThrow(/contacts\.x/);
    expect(fresh.getState()).toEqual(state);
    const me = app.get_current_user_details().contact_id;
    app.reset();
    expect(app.get_contacts().contacts.map((c) => c.contact_id)).toEqual([me]);
  });

  it("lets a scenario's own owner card take the built-in John Doe's place", () => {
    const app = new StatefulContactsApp();
    const [ada, me] = app.add_contacts({
      contacts: [
        { first_name: "Ada", last_name: "Lovelace", phone: "111" },
        { first_name: "Priya", last_name: "Raman", is_user: true, email: "priya@example.com" },
      ],
    });
    expect(app.get_current_user_details()).toMatchObject({
      contact_id: me,
      first_name: "Priya",
      is_user: true,
    });
    expect(app.get_contacts().contacts.map((c) => c.contact_id)).toEqual([ada, me]);
    expect(app.search_contacts({ query: "doe" })).toEqual([]);
    const { call } = inEnv(app);
    expect(call("view_current_user")).toMatchObject({ contact_id: me, first_name: "Priya" });
    // One owner per phone: a second seeded owner is refused, and nothing changes.
    const before = app.getState();
    expectToolError(
      () => app.add_contact({ first_name: "Other", last_name: "Owner", is_user: true }),
      /already has the owner's card Priya Raman/,
    );
    expect(app.getState()).toEqual(before);
  });

  it("keeps John Doe when a batch seeding an owner fails, and lets an owner be named John Doe", () => {
    const app = new StatefulContactsApp();
    const persona = app.get_current_user_details();
    expectToolError(
      () =>
        app.add_contacts({
          contacts: [
            { first_name: "Priya", last_name: "Raman", is_user: true },
            { first_name: "Priya", last_name: "Raman" },
          ],
        }),
      /already exists/,
    );
    expect(app.get_current_user_details()).toEqual(persona);
    const id = app.add_contact({
      first_name: "John",
      last_name: "Doe",
      is_user: true,
      email: "jd@example.com",
    });
    expect(app.get_contacts().contacts).toEqual([
      expect.objectContaining({ contact_id: id, email: "jd@example.com" }),
    ]);
    app.reset();
    expect(app.get_current_user_details()).toEqual(persona);
  });

  it("is reproducible: the same construction gives the same ids", () => {
    expect(seeded().app.getState()).toEqual(seeded().app.getState());
  });
});

describe("StatefulContactsApp screens", () => {
  it("moves list → detail → edit → detail → list, and back", () => {
    const { app, ann } = seeded();
    const { call, screen, names } = inEnv(app);
    expect(screen()).toBe("ContactsList");
    expect(names()).not.toContain("go_back");
    expect(names()).toEqual(
      expect.arrayContaining([
        "create_contact",
        "list_contacts",
        "open_contact",
        "search_contacts",
        "view_current_user",
      ]),
    );
    expect((call("list_contacts") as { metadata: { total: number } }).metadata.total).toBe(3);
    expect(call("search_contacts", { query: "marsh" })).toHaveLength(1);
    expect(call("view_current_user")).toMatchObject({ first_name: "John" });

    expect(call("open_contact", { contact_id: ann })).toMatchObject({ first_name: "Ann" });
    expect(screen()).toBe("ContactDetail");
    expect(app.currentScreen).toBeInstanceOf(ContactDetail);
    expect(names()).toContain("go_back");
    expect(call("view_contact")).toMatchObject({ contact_id: ann });

    call("start_edit_contact");
    expect(screen()).toBe("ContactEdit");
    expect(app.currentScreen).toBeInstanceOf(ContactEdit);
    expect(call("update_contact", { updates: { job: "Director" } })).toMatch(/updated successfully/);
    expect(screen()).toBe("ContactDetail");
    expect(app.get_contact({ contact_id: ann }).job).toBe("Director");

    call("start_edit_contact");
    call("go_back");
    expect(screen()).toBe("ContactDetail");
    expect(call("go_back")).toBe("Navigated back to the screen ContactsList.");
    expect(app.currentScreen).toBeInstanceOf(ContactsList);
  });

  it("deletes from the detail screen and returns to the list", () => {
    const { app, bob } = seeded();
    const { call, screen } = inEnv(app);
    call("open_contact", { contact_id: bob });
    expect(call("delete_contact")).toMatch(/successfully deleted/);
    expect(screen()).toBe("ContactsList");
    expect(() => app.get_contact({ contact_id: bob })).toThrow(NotFoundError);
  });

  it("creates a contact from the list and stays there", () => {
    const { app } = seeded();
    const { call, screen } = inEnv(app);
    const id = call("create_contact", { first_name: "Hana", last_name: "Ito", phone: "555" }) as string;
    expect(screen()).toBe("ContactsList");
    expect(app.get_contact({ contact_id: id }).phone).toBe("555");
  });

  it("stays put when a screen action fails", () => {
    const { app, ann } = seeded();
    const { call, screen, names } = inEnv(app);
    expect(() => call("open_contact", { contact_id: "nope" })).toThrow(/does not exist/);
    expect(screen()).toBe("ContactsList");
    expect(names()).not.toContain("go_back");
    call("open_contact", { contact_id: ann });
    call("start_edit_contact");
    const before = app.getState();
    expect(() => call("update_contact", { updates: { age: 500 } })).toThrow(/age/);
    expect(screen()).toBe("ContactEdit");
    expect(app.getState()).toEqual(before);
  });

  it("logs the user's screen actions, nested backend calls included, as USER events", () => {
    const { app, ann } = seeded();
    const { env, call } = inEnv(app);
    call("open_contact", { contact_id: ann });
    call("start_edit_contact");
    call("update_contact", { updates: { city_living: "Lyon" } });
    const log = env.eventLog
      .listView()
      .filter((e) => e.action?.app === "Contacts")
      .map((e) => [e.eventType, e.action?.function, e.action?.operation, e.metadata.parentEventId !== null]);
    expect(log).toEqual([
      ["USER", "get_contact", "read", true],
      ["USER", "open_contact", "read", false],
      ["USER", "get_contact", "read", true],
      ["USER", "start_edit_contact", "read", false],
      ["USER", "edit_contact", "write", true],
      ["USER", "update_contact", "write", false],
    ]);
    const actions = env.notifications.takeFor("agent", env.now()).map((m) => m.text);
    expect(actions).toContain(`Contacts__open_contact(contact_id='${ann}')`);
    expect(actions.some((t) => t.includes("get_contact("))).toBe(false);
  });

  it("logs an agent call as AGENT without notifications", () => {
    const { app } = seeded();
    const { env } = inEnv(app);
    const tool = app.getAgentTools().find((t) => t.methodName === "add_new_contact");
    tool?.call({ first_name: "Ivy", last_name: "Jo" });
    const [event] = env.eventLog.listView().filter((e) => e.action?.function === "add_new_contact");
    expect(event?.eventType).toBe("AGENT");
    expect(env.notifications.takeFor("user", env.now())).toEqual([]);
  });
});
