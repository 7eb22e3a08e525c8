import type { AnnotationSetInfo } from "../../src/annotation/annotation-store.js";
import type { TimelineEntry } from "../../src/annotation/decision-point.js";
import { get, post, setAnnotator } from "./api.js";
import { h, mount } from "./dom.js";

interface ShownSample {
  sample_id: string;
  scenario_context: string | null;
  timeline: TimelineEntry[];
  proposal: string;
  tutorial: boolean;
}
interface NextResponse {
  set: string;
  sample: ShownSample | null;
  progress: { completed: number; total: number };
  tutorialDone: boolean;
  message: string | null;
}
interface AnswerResponse {
  ok: boolean;
  feedback: { correct: boolean | null; correctDecision: string | null; explanation: string | null } | null;
  tutorialSummary: { correct: number; scored: number; total: number } | null;
}

const LABELS: Record<string, string> = {
  accept: "Accept",
  reject: "Reject",
  gather_context: "I need more info",
};
const KEY = "pare_annotator_id";

let keyHandler: ((e: KeyboardEvent) => void) | null = null;
function onKeys(handler: ((e: KeyboardEvent) => void) | null): void {
  if (keyHandler) document.removeEventListener("keydown", keyHandler);
  keyHandler = handler;
  if (handler) document.addEventListener("keydown", handler);
}

export async function annotateSets(root: HTMLElement): Promise<void> {
  onKeys(null);
  const { sets } = await get<{ sets: AnnotationSetInfo[] }>("/api/annotation/sets");
  mount(
    root,
    h("h1", {}, "Annotation"),
    sets.length === 0
      ? h(
          "p",
          {},
          "No annotation sets yet. Draw one with ",
          h("code", {}, "pare annotate sample TRACES --set NAME -n 50"),
          ".",
        )
      : h(
          "ul",
          { class: "sets" },
          sets.map((s) =>
            h(
              "li",
              {},
              h("a", { href: `#/annotate/${encodeURIComponent(s.name)}` }, s.name),
              ` · ${s.samples} samples, ${s.tutorials} tutorial examples, ${s.annotations} answers by ${s.annotators} people (${s.annotatorsPerSample} per sample)`,
            ),
          ),
        ),
  );
}

/** The annotation flow: who you are, instructions, tutorial with feedback, then one sample at a time. */
export async function annotatePage(root: HTMLElement, set: string): Promise<void> {
  onKeys(null);
  const saved = localStorage.getItem(KEY);
  const idInput = h("input", {
    id: "annotator",
    value: saved ?? "",
    placeholder: "your name or initials",
    maxlength: 64,
    required: true,
    pattern: "[A-Za-z0-9._@-]{1,64}",
  });
  mount(
    root,
    h("h1", {}, `Annotate: ${set}`),
    h(
      "section",
      { class: "instructions", id: "instructions" },
      h("h2", {}, "What you will do"),
      h(
        "p",
        {},
        "You will read what happened on someone's phone, up to the moment an AI assistant offers to do something for them. Put yourself in that person's place and answer one question: ",
        h("strong", {}, "would you want the assistant to do what it proposes, right now?"),
      ),
      h(
        "ul",
        {},
        h(
          "li",
          {},
          h("strong", {}, "Accept (A)"),
          ": yes, the proposal is right and you would let it go ahead.",
        ),
        h("li", {}, h("strong", {}, "Reject (R)"), ": no, it is wrong, unwanted, risky or not the time."),
        h(
          "li",
          {},
          h("strong", {}, "I need more info (M)"),
          ": you would first check something yourself before deciding. Say what, in a sentence; it is required.",
        ),
      ),
      h(
        "p",
        {},
        "The timeline shows, oldest first, the notifications that arrived, what the person opened and saw, and finally the assistant's proposal. The person starts on the home screen. Times are the phone's clock.",
      ),
      h(
        "p",
        {},
        "You start with a short tutorial: after each example you see the expected answer and why. Then the real samples follow, one at a time. Keys: A, R, M to answer; Enter to send a rationale; N or Enter to go on after feedback.",
      ),
      h("label", {}, "Your annotator id: ", idInput),
      h(
        "p",
        { class: "muted small" },
        "Letters, digits, '.', '_', '-' or '@'. It is stored with your answers so agreement between people can be measured.",
      ),
      h("button", { type: "button", id: "start", onclick: () => start() }, "Start"),
      h("p", { class: "error", id: "start-error" }),
    ),
  );
  const start = () => {
    const id = (idInput as HTMLInputElement).value.trim();
    if (!/^[A-Za-z0-9._@-]{1,64}$/.test(id)) {
      (root.querySelector("#start-error") as HTMLElement).textContent =
        "Enter an id of 1–64 letters, digits, '.', '_', '-' or '@'.";
      return;
    }
    localStorage.setItem(KEY, id);
    setAnnotator(id);
    void next(root, set);
  };
}

async function next(root: HTMLElement, set: string): Promise<void> {
  onKeys(null);
  let data: NextResponse;
  try {
    data = await get<NextResponse>(`/api/annotation/${encodeURIComponent(set)}/next`);
  } catch (error) {
    mount(root, h("p", { class: "error" }, (error as Error).message));
    return;
  }
  if (!data.sample) {
    mount(
      root,
      h(
        "section",
        { id: "done" },
        h("h1", {}, "Done"),
        h("p", {}, data.message ?? "Nothing left."),
        h("p", {}, `You answered ${data.progress.completed} samples.`),
      ),
    );
    return;
  }
  showSample(root, set, data.sample, data.progress);
}

function showSample(
  root: HTMLElement,
  set: string,
  sample: ShownSample,
  progress: { completed: number; total: number },
): void {
  const rationale = h("textarea", {
    id: "rationale",
    rows: 3,
    placeholder: "What would you check first, and why?",
    maxlength: 4000,
  });
  const rationaleBox = h(
    "div",
    { class: "rationale", hidden: true, id: "rationale-box" },
    h("label", { for: "rationale" }, "What would you want to know before deciding? (required)"),
    rationale,
    h(
      "button",
      { type: "button", id: "send-more-info", onclick: () => void send("gather_context") },
      "Send (Enter)",
    ),
  );
  const error = h("p", { class: "error", id: "answer-error" });
  let busy = false;
  const send = async (decision: string) => {
    if (busy) return;
    const text = (rationale as HTMLTextAreaElement).value.trim();
    if (decision === "gather_context" && text === "") {
      rationaleBox.hidden = false;
      (rationale as HTMLTextAreaElement).focus();
      error.textContent = "Please say what you would check first.";
      return;
    }
    busy = true;
    try {
      const answer = await post<AnswerResponse>(`/api/annotation/${encodeURIComponent(set)}/answer`, {
        sample_id: sample.sample_id,
        decision,
        rationale: decision === "gather_context" ? text : null,
      });
      if (answer.feedback) showFeedback(root, set, decision, answer);
      else void next(root, set);
    } catch (e) {
      error.textContent = (e as Error).message;
      busy = false;
    }
  };
  const button = (decision: string, key: string) =>
    h(
      "button",
      {
        type: "button",
        class: `answer ${decision}`,
        "data-decision": decision,
        onclick: () =>
          decision === "gather_context" && rationaleBox.hidden ? openRationale() : void send(decision),
      },
      `${LABELS[decision]} (${key})`,
    );
  const openRationale = () => {
    rationaleBox.hidden = false;
    (rationale as HTMLTextAreaElement).focus();
  };
  onKeys((e: KeyboardEvent) => {
    const typing = document.activeElement === rationale;
    if (typing) {
      if (e.key === "Enter" && !e.shiftKey) {
        e.preventDefault();
        void send("gather_context");
      } else if (e.key === "Escape") (rationale as HTMLTextAreaElement).blur();
      return;
    }
    const k = e.key.toLowerCase();
    if (k === "a") void send("accept");
    else if (k === "r") void send("reject");
    else if (k === "m") {
      e.preventDefault();
      openRationale();
    }
  });
  mount(
    root,
    h(
      "section",
      { class: "sample", id: "sample", "data-sample": sample.sample_id },
      h(
        "p",
        { class: "progress" },
        sample.tutorial
          ? `Tutorial ${progress.completed + 1} of ${progress.total}`
          : `Sample ${progress.completed + 1} of ${progress.total}`,
      ),
      sample.scenario_context
        ? h("p", { class: "context" }, h("strong", {}, "Situation: "), sample.scenario_context)
        : null,
      h(
        "ol",
        { class: "timeline" },
        sample.timeline
          .filter((t) => !(t.msg_type === "proposal" && t.content.trim() === sample.proposal.trim()))
          .map((t) =>
            h(
              "li",
              { class: `ev ${t.msg_type}` },
              h(
                "span",
                { class: "time" },
                t.timestamp === null ? "" : new Date(t.timestamp * 1000).toISOString().slice(11, 19),
              ),
              h(
                "span",
                { class: "who" },
                t.msg_type === "environment_notification"
                  ? "notification"
                  : t.msg_type === "user_action"
                    ? "you did"
                    : t.msg_type === "tool_observation"
                      ? "you saw"
                      : "assistant proposes",
              ),
              h("span", { class: "what" }, t.content),
            ),
          ),
      ),
      h(
        "div",
        { class: "proposal-box", id: "proposal" },
        h("strong", {}, "The assistant proposes: "),
        sample.proposal,
      ),
      h("p", {}, h("strong", {}, "Would you want the assistant to do this now?")),
      h(
        "div",
        { class: "answers" },
        button("accept", "A"),
        button("reject", "R"),
        button("gather_context", "M"),
      ),
      rationaleBox,
      error,
    ),
  );
}

function showFeedback(root: HTMLElement, set: string, decision: string, answer: AnswerResponse): void {
  const f = answer.feedback;
  const go = () => {
    if (answer.tutorialSummary) showSummary(root, set, answer.tutorialSummary);
    else void next(root, set);
  };
  onKeys((e) => {
    if (e.key === "Enter" || e.key.toLowerCase() === "n") go();
  });
  mount(
    root,
    h(
      "section",
      { class: `feedback ${f?.correct ? "right" : "wrong"}`, id: "feedback" },
      h(
        "h2",
        {},
        f?.correct === null
          ? "Noted"
          : f?.correct
            ? "Matches the expected answer"
            : "Not the expected answer",
      ),
      h(
        "p",
        {},
        `You chose ${LABELS[decision]}.${f?.correctDecision ? ` Expected: ${LABELS[f.correctDecision]}.` : ""}`,
      ),
      f?.explanation ? h("p", {}, f.explanation) : null,
      h("button", { type: "button", id: "next", onclick: go }, "Next (N)"),
    ),
  );
}

function showSummary(
  root: HTMLElement,
  set: string,
  s: { correct: number; scored: number; total: number },
): void {
  onKeys((e) => {
    if (e.key === "Enter") void next(root, set);
  });
  mount(
    root,
    h(
      "section",
      { id: "tutorial-summary" },
      h("h2", {}, "Tutorial finished"),
      h(
        "p",
        {},
        `${s.correct} of ${s.scored} answers matched the expected ones. There are no right answers in what follows: answer as you would for yourself.`,
      ),
      h("button", { type: "button", id: "begin", onclick: () => void next(root, set) }, "Begin annotation"),
    ),
  );
}
