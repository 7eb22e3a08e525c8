import "./style.css";
import { annotatePage, annotateSets } from "./annotate.js";
import { isStatic } from "./api.js";
import { h, mount } from "./dom.js";
import {
  chartsPage,
  comparePage,
  comparePick,
  runPage,
  runsPage,
  scenarioPage,
  traceRedirect,
} from "./pages.js";

const root = document.getElementById("app") as HTMLElement;

async function route(): Promise<void> {
  const parts = location.hash.replace(/^#\/?/, "").split("/").map(decodeURIComponent);
  mount(root, h("p", { class: "muted" }, "Loading…"));
  try {
    const [head, a, b, c, d] = parts;
    if (!head) await runsPage(root);
    else if (head === "run" && a && b === "s" && c && d) await scenarioPage(root, a, c, d);
    else if (head === "run" && a) await runPage(root, a);
    else if (head === "trace" && a && b) await traceRedirect(a, b);
    else if (head === "charts" && a) await chartsPage(root, a);
    else if (head === "compare" && a && b) await comparePage(root, a, b);
    else if (head === "compare") await comparePick(root);
    else if (head === "annotate" && a) await annotatePage(root, a);
    else if (head === "annotate") await annotateSets(root);
    else mount(root, h("p", { class: "error" }, "No such page."), h("a", { href: "#/" }, "Back to the runs"));
  } catch (error) {
    mount(
      root,
      h("p", { class: "error", id: "page-error" }, (error as Error).message),
      h("a", { href: "#/" }, "Back to the runs"),
    );
  }
  window.scrollTo(0, 0);
}

if (isStatic()) for (const link of document.querySelectorAll("[data-live]")) link.remove();
window.addEventListener("hashchange", () => void route());
void route();
