// Find: search the catalog as you type (debounced), and add a result to my favorites.
import { actionButton, announce, comicCard, emptyState, h, problemBox, show, skeletonList } from "../ui.js";

const DEBOUNCE_MS = 300;
const PAGE = 20;

export function findScreen({ api, shelf, session, navigate }) {
  const form = document.getElementById("find-form");
  const input = document.getElementById("find-q");
  const status = document.getElementById("find-status");
  const body = document.getElementById("find-body");
  let timer = null;
  let controller = null;
  let lastQuery = null;

  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => search(input.value), DEBOUNCE_MS);
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(timer);
    search(input.value, { force: true });
  });

  async function search(raw, { force = false } = {}) {
    const q = raw.trim();
    if (!force && q === lastQuery) return;
    lastQuery = q;
    controller?.abort();
    if (!q) {
      show(body);
      body.removeAttribute("aria-busy");
      status.textContent = "Type a few letters of a title.";
      return;
    }
    controller = new AbortController();
    const { signal } = controller;
    if (!body.querySelector(".comic-list:not([data-skeleton])")) show(body, skeletonList(3));
    body.setAttribute("aria-busy", "true");
    status.textContent = "Searching…";
    try {
      const page = await api.get(`/comics?limit=${PAGE}&q=${encodeURIComponent(q)}`, { signal });
      render(q, page);
    } catch (error) {
      if (error.name === "AbortError") return;
      lastQuery = null;
      status.textContent = "The search did not work.";
      show(body, problemBox(error, { retry: () => search(input.value, { force: true }), signIn: session.prompt }));
    } finally {
      if (!signal.aborted) body.removeAttribute("aria-busy");
    }
  }

  function render(q, page) {
    if (page.items.length === 0) {
      status.textContent = `No comic matches “${q}”.`;
      show(
        body,
        emptyState({
          title: "Not in the catalog yet",
          text: `Nothing is called “${q}”. Check the spelling, or add it to the catalog yourself.`,
          action: h("button", { type: "button", class: "btn btn-primary", onclick: () => navigate("add", { title: q }) }, `Add “${q}”`),
        }),
      );
      return;
    }
    const failure = h("div", { class: "list-problem" });
    const list = h("ul", { class: "comic-list", "aria-label": `Comics matching ${q}` });
    const more = h("div", { class: "more" });
    const cardFor = (comic) =>
      comicCard({ comic, actions: [shelf.addButton(comic, (error) => show(failure, problemBox(error, { signIn: session.prompt })))] });
    list.append(...page.items.map(cardFor));
    const count = page.nextCursor ? `${page.items.length} or more comics match` : page.items.length === 1 ? "1 comic matches" : `${page.items.length} comics match`;
    status.textContent = `${count} “${q}”.`;
    show(body, failure, list, more);
    const showMore = (cursor) => {
      if (!cursor) return more.replaceChildren();
      more.replaceChildren(
        actionButton({
          label: "Show more results",
          busyLabel: "Loading more…",
          run: async () => {
            try {
              const next = await api.get(`/comics?limit=${PAGE}&q=${encodeURIComponent(q)}&cursor=${encodeURIComponent(cursor)}`);
              const cards = next.items.map(cardFor);
              list.append(...cards);
              showMore(next.nextCursor);
              cards[0]?.querySelector("button")?.focus();
              announce(`${cards.length} more results shown.`);
            } catch (error) {
              show(failure, problemBox(error, { signIn: session.prompt }));
            }
          },
        }),
      );
    };
    showMore(page.nextCursor);
  }

  return {
    name: "find",
    title: "Find a comic",
    enter() {
      // Results reflect what I have: redraw them if that changed.
      if (lastQuery) search(input.value, { force: true });
    },
    leave() {},
    reset() {
      lastQuery = null;
    },
  };
}
