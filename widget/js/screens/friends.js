// Friends: sync with Facebook ({friends, added, removed}) and the list of friends who use Comic Shelf.
import { newIdempotencyKey } from "../api.js";
import { actionButton, announce, emptyState, h, problemBox, show } from "../ui.js";

const PAGE = 50;

export function friendsScreen({ api, session, onSynced }) {
  const syncButton = document.getElementById("friends-sync");
  const syncResult = document.getElementById("friends-sync-result");
  const body = document.getElementById("friends-body");
  let loaded = false;
  let syncKey = null; // the running sync's Idempotency-Key, reused by "Try again"

  syncButton.addEventListener("click", () => sync(false));

  async function sync(retrying) {
    if (syncButton.getAttribute("aria-disabled") === "true") return;
    if (!retrying || !syncKey) syncKey = newIdempotencyKey();
    syncButton.setAttribute("aria-disabled", "true");
    syncButton.textContent = "Syncing…";
    syncResult.replaceChildren(h("p", { class: "hint" }, "Asking Facebook for your friends…"));
    try {
      const result = await api.post("/me/friends/sync", undefined, { idempotencyKey: syncKey });
      syncKey = null;
      syncResult.replaceChildren(
        h("p", { class: "sync-summary" }, summary(result)),
        h(
          "dl",
          { class: "figures" },
          figure("Friends", result.friends),
          figure("Added", result.added),
          figure("Removed", result.removed),
        ),
      );
      announce(summary(result));
      onSynced();
      load();
    } catch (error) {
      syncResult.replaceChildren(problemBox(error, { retry: () => sync(true), signIn: session.prompt }));
    } finally {
      syncButton.removeAttribute("aria-disabled");
      syncButton.textContent = "Sync my friends";
    }
  }

  async function load() {
    body.setAttribute("aria-busy", "true");
    if (!loaded) show(body, h("p", { class: "hint" }, "Loading your friends…"));
    try {
      const page = await api.get(`/me/friends?limit=${PAGE}`);
      loaded = true;
      if (page.items.length === 0) {
        show(
          body,
          emptyState({
            title: "No friends here yet",
            text: "Only friends who also use Comic Shelf appear here. Sync to look for them, and invite the others.",
          }),
        );
        return;
      }
      const list = h("ul", { class: "friend-list", "aria-labelledby": "friends-list-title" }, page.items.map(friend));
      const more = h("div", { class: "more" });
      show(body, h("h2", { id: "friends-list-title", class: "list-title" }, "My friends on Comic Shelf"), list, more);
      const showMore = (cursor) => {
        if (!cursor) return more.replaceChildren();
        more.replaceChildren(
          actionButton({
            label: "Show more friends",
            busyLabel: "Loading more…",
            run: async () => {
              try {
                const next = await api.get(`/me/friends?limit=${PAGE}&cursor=${encodeURIComponent(cursor)}`);
                const items = next.items.map(friend);
                list.append(...items);
                showMore(next.nextCursor);
                items[0]?.focus();
                announce(`${items.length} more friends shown.`);
              } catch (error) {
                more.replaceChildren(problemBox(error, { signIn: session.prompt }));
              }
            },
          }),
        );
      };
      showMore(page.nextCursor);
    } catch (error) {
      show(body, problemBox(error, { retry: load, signIn: session.prompt }));
    } finally {
      body.removeAttribute("aria-busy");
    }
  }

  return {
    name: "friends",
    title: "Friends",
    enter() {
      if (!loaded) load();
    },
    leave() {},
    reset() {
      loaded = false;
    },
  };
}

function summary({ friends, added, removed }) {
  const changes =
    added === 0 && removed === 0
      ? "nothing changed since the last sync"
      : `${added} added and ${removed} removed since the last sync`;
  return `Synced: ${friends} friend${friends === 1 ? "" : "s"} on Comic Shelf, ${changes}.`;
}

function figure(label, value) {
  return h("div", { class: "figure" }, h("dt", {}, label), h("dd", {}, String(value)));
}

function friend(person) {
  return h("li", { tabindex: "-1" }, h("span", { class: "avatar", "aria-hidden": "true" }, (person.name || "?").charAt(0)), person.name || "A friend (name not synced yet)");
}
