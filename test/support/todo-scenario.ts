import { PAREAgentUserInterface } from "../../src/apps/agent-ui/agent-ui-app.js";
import { HomeScreenSystemApp } from "../../src/apps/home-screen/home-screen-app.js";
import type { Environment } from "../../src/core/environment.js";
import type { Event } from "../../src/core/events.js";
import { PAREScenario } from "../../src/scenarios/pare-scenario.js";
import { agentCalls, Checklist, proposals } from "../../src/scenarios/scenario-verdict.js";
import { TodoApp } from "./todo-app.js";

const as = (x: unknown) => x as Event;

/** A hand-built scenario: an item arrives; the ideal assistant proposes to complete it and does. */
export class TodoFollowupScenario extends PAREScenario {
  override startTime = 1_700_000_000;
  override isBenchmarkReady = true;
  override tags = ["follow-up"];
  todo!: TodoApp;
  aui!: PAREAgentUserInterface;

  protected initAndPopulateApps(): void {
    this.todo = new TodoApp({ name: "Todo" });
    this.aui = new PAREAgentUserInterface();
    this.todo.add_item({ title: "Buy milk" });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.todo];
  }

  protected buildEventsFlow(): void {
    const arrive = as(this.todo.add_item({ title: "Call Bob" }))
      .withId("arrive")
      .delayed(5);
    const look = as(this.todo.list_items()).oracle().dependsOn(arrive, { delaySeconds: 2 });
    const propose = as(this.aui.send_message_to_user({ content: "Shall I mark 'Call Bob' as done?" }))
      .oracle()
      .dependsOn(look, { delaySeconds: 1 });
    const accept = as(this.aui.accept_proposal({ content: "yes" }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 2 });
    const complete = as(this.todo.complete_item({ item_id: "{{arrive}}" }))
      .oracle()
      .dependsOn(accept, { delaySeconds: 1 });
    this.events = [arrive, look, propose, accept, complete];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    return new Checklist()
      .require(
        "a proposal mentioning Bob",
        proposals(log).some((e) => String(e.action?.args.content).includes("Bob")),
      )
      .require("Bob's item completed", agentCalls(log, { function: "complete_item" }).length > 0)
      .verdict();
  }
}
