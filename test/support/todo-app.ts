import { z } from "zod";
import { Screen } from "../../src/apps/screen.js";
import { StatefulApp } from "../../src/apps/stateful-app.js";
import { NotFoundError } from "../../src/core/errors.js";
import { agentTool, envTool, parsed, userTool } from "../../src/core/tool-decorators.js";

const Item = z.object({ id: z.string(), title: z.string(), created: z.number(), done: z.boolean() });
const TodoState = z.object({ items: z.array(Item) });
type TodoState = z.infer<typeof TodoState>;

const AddParams = z.object({ title: z.string().min(1).describe("Title of the item") });
const IdParams = z.object({ item_id: z.string().describe("Id of the item") });

class TodoList extends Screen<TodoApp> {
  @userTool({ description: "List the items." })
  list(): TodoState["items"] {
    return this.app.list_items();
  }

  @userTool({ description: "Open an item.", params: IdParams })
  open(args: z.input<typeof IdParams>): string {
    const { item_id } = parsed(IdParams, args);
    this.app.pushScreen(new TodoDetail(item_id));
    return item_id;
  }
}

export class TodoDetail extends Screen<TodoApp> {
  constructor(readonly itemId: string) {
    super();
  }

  override onEnter(): void {
    this.app.get(this.itemId);
  }

  @userTool({ description: "Mark the item done.", op: "write" })
  complete(): string {
    return this.app.complete_item({ item_id: this.itemId });
  }
}

/** A minimal stateful app used to test the simulation core. */
export class TodoApp extends StatefulApp<TodoState> {
  readonly stateSchema = TodoState;
  items: TodoState["items"] = [];

  protected createRootScreen(): Screen {
    return new TodoList();
  }
  protected dumpState(): TodoState {
    return { items: this.items };
  }
  protected restoreState(state: TodoState): void {
    this.items = state.items.map((i) => ({ ...i }));
  }
  protected emptyState(): TodoState {
    return { items: [] };
  }

  get(id: string): TodoState["items"][number] {
    const item = this.items.find((i) => i.id === id);
    if (!item) throw new NotFoundError(`Item ${id} does not exist`);
    return item;
  }

  @agentTool({ description: "List every item.", returns: "list[Item]" })
  list_items(): TodoState["items"] {
    return this.items.map((i) => ({ ...i }));
  }

  @agentTool({ description: "Add an item.", params: AddParams, op: "write" })
  @envTool({ description: "Add an item.", params: AddParams, op: "write" })
  add_item(args: z.input<typeof AddParams>): string {
    const id = this.newId();
    this.items.push({ id, title: parsed(AddParams, args).title, created: this.clock.now(), done: false });
    return id;
  }

  @agentTool({ description: "Mark an item done.", params: IdParams, op: "write" })
  complete_item(args: z.input<typeof IdParams>): string {
    const item = this.get(parsed(IdParams, args).item_id);
    item.done = true;
    return item.id;
  }
}
