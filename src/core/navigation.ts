import type { App } from "./app.js";
import type { AppTool } from "./app-tool.js";

/** An app with screens the user moves through (every domain app). */
export interface NavigableApp extends App {
  readonly navigable: true;
  /** Tools of the current screen, plus `go_back` when there is somewhere to go back to. */
  getUserTools(): AppTool[];
  resetToRoot(): void;
  currentScreenName(): string;
}

export function isNavigableApp(app: App): app is NavigableApp {
  return (app as Partial<NavigableApp>).navigable === true;
}

/** What the home screen asks of the environment. */
export interface Navigator {
  openApp(name: string): string;
  switchApp(name: string): string;
  goHome(): string;
  activeAppName(): string | null;
  /** Jumps the clock to the next notification for the assistant, or by `timeoutSeconds`. */
  waitForNotification(timeoutSeconds: number): string;
}

/** The phone's home screen: it receives the environment's navigator when registered. */
export interface HomeScreenApp extends App {
  readonly isHomeScreen: true;
  attachNavigator(navigator: Navigator): void;
  /** Its user tools for the current situation (open_app only while home). */
  homeUserTools(onHome: boolean): AppTool[];
}

export function isHomeScreenApp(app: App): app is HomeScreenApp {
  return (app as Partial<HomeScreenApp>).isHomeScreen === true;
}
