import type { Command } from "commander";
import { appCatalog, SCREEN_CLASSES } from "../../apps/catalog.js";
import type { Screen } from "../../apps/screen.js";
import type { StatefulApp } from "../../apps/stateful-app.js";
import type { App } from "../../core/app.js";
import type { AppTool } from "../../core/app-tool.js";
import { isNavigableApp } from "../../core/navigation.js";

interface ToolInfo {
  name: string;
  operation: "read" | "write";
  description: string;
  parameters: Record<string, unknown>;
}

function toolInfo(tool: AppTool): ToolInfo {
  return {
    name: tool.name,
    operation: tool.operation,
    description: tool.description,
    parameters: tool.jsonSchema,
  };
}

/** Every screen of an app with its user tools (a screen's tools depend only on its class). */
function describeScreens(app: App): { name: string; userTools: string[] }[] {
  if (!isNavigableApp(app)) return [];
  return (SCREEN_CLASSES[app.className] ?? []).map((cls) => {
    // Built without its constructor: only the class's tool table is read, no screen context is needed.
    const screen = Object.create(cls.prototype) as Screen;
    screen.attach(app as unknown as StatefulApp);
    return { name: screen.name, userTools: screen.userTools().map((t) => t.methodName) };
  });
}

export function describeApps(): unknown[] {
  return appCatalog().map((app) => ({
    name: app.name,
    className: app.className,
    kind: isNavigableApp(app) ? "domain" : "system",
    screens: describeScreens(app),
    userTools: isNavigableApp(app) ? [] : app.getTools("user").map((t) => t.methodName),
    agentTools: app.getAgentTools().map(toolInfo),
    envTools: app.getTools("env").map((t) => t.methodName),
  }));
}

export function registerAppsCommand(program: Command): void {
  const apps = program.command("apps").description("The simulated phone's apps");
  apps
    .command("list")
    .description("List every app: screens with their user tools, agent tools with read/write and parameters")
    .option("--json", "machine-readable output (with JSON Schema parameters)")
    .action((opts: { json?: boolean }) => {
      const described = describeApps() as ReturnType<typeof describeApps> & Record<string, unknown>[];
      if (opts.json) {
        console.log(JSON.stringify(described, null, 2));
        return;
      }
      for (const app of described as {
        name: string;
        className: string;
        kind: string;
        screens: { name: string; userTools: string[] }[];
        userTools: string[];
        agentTools: ToolInfo[];
      }[]) {
        console.log(`${app.name} (${app.className}, ${app.kind} app)`);
        for (const s of app.screens)
          console.log(`  screen ${s.name}: ${s.userTools.join(", ") || "(no tools)"}`);
        if (app.userTools.length) console.log(`  user tools: ${app.userTools.join(", ")}`);
        for (const t of app.agentTools) {
          const params = Object.keys((t.parameters.properties as Record<string, unknown> | undefined) ?? {});
          console.log(`  [${t.operation === "write" ? "W" : "R"}] ${t.name}(${params.join(", ")})`);
        }
        console.log("");
      }
    });
}
