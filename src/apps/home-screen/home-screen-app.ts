import { z } from "zod";
import { App, type AppOptions } from "../../core/app.js";
import type { AppTool } from "../../core/app-tool.js";
import { formatDateTime, weekdayName } from "../../core/clock.js";
import type { HomeScreenApp, Navigator } from "../../core/navigation.js";
import { agentTool, parsed, userTool } from "../../core/tool-decorators.js";

const AppName = z.object({
  app_name: z.string().min(1).describe("Name of the app, as listed among the available apps"),
});
const WaitParams = z.object({
  timeout: z.number().int().min(0).default(0).describe("Seconds to wait at most for a new notification"),
});

const HomeState = z.object({});
type HomeState = z.infer<typeof HomeState>;

/**
 * The phone's home screen (named "System" in the benchmark). The user opens and switches apps here;
 * the assistant reads the time and can wait for the next notification.
 */
export class HomeScreenSystemApp extends App<HomeState> implements HomeScreenApp {
  readonly isHomeScreen = true as const;
  readonly stateSchema = HomeState;
  private navigator: Navigator | undefined;

  constructor(options: AppOptions = {}) {
    super({ name: options.name ?? "System" });
  }

  protected dumpState(): HomeState {
    return {};
  }
  protected restoreState(): void {}
  protected emptyState(): HomeState {
    return {};
  }

  attachNavigator(navigator: Navigator): void {
    this.navigator = navigator;
  }

  private nav(): Navigator {
    if (!this.navigator) throw new Error("the home screen is not registered in an environment");
    return this.navigator;
  }

  homeUserTools(onHome: boolean): AppTool[] {
    return this.getTools("user").filter((t) => onHome || t.methodName !== "open_app");
  }

  @userTool({
    description: "Go to the phone's home screen; the open app keeps its screen in the background.",
  })
  go_home(): string {
    return this.nav().goHome();
  }

  @userTool({
    description: "Open an app from the home screen; it starts at its main screen.",
    params: AppName,
  })
  open_app(args: z.input<typeof AppName>): string {
    return this.nav().openApp(parsed(AppName, args).app_name);
  }

  @userTool({
    description: "Switch to an app opened earlier, back to the screen where you left it.",
    params: AppName,
  })
  switch_app(args: z.input<typeof AppName>): string {
    return this.nav().switchApp(parsed(AppName, args).app_name);
  }

  @agentTool({ description: "Get the current date and time.", returns: "dict" })
  get_current_time(): { current_timestamp: number; current_datetime: string; current_weekday: string } {
    const now = this.clock.now();
    return {
      current_timestamp: now,
      current_datetime: formatDateTime(now),
      current_weekday: weekdayName(now),
    };
  }

  @agentTool({
    description:
      "Wait until the next notification arrives or the timeout passes (simulated time jumps forward).",
    params: WaitParams,
  })
  wait_for_notification(args: z.input<typeof WaitParams>): string {
    return this.nav().waitForNotification(parsed(WaitParams, args).timeout);
  }
}
