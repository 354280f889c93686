// What the widget knows about my favorites, shared by the screens: which comics I have, and the
// one-click "add to my favorites" button every list uses.
import { actionButton, announce, h, hidden } from "./ui.js";

export function createShelf(api) {
  const mine = new Set();
  const listeners = new Set();
  const changed = () => listeners.forEach((listener) => listener());

  const shelf = {
    has: (comicId) => mine.has(comicId),
    /** Remembers comics known to be mine (from a page of my favorites). */
    know(comicIds) {
      comicIds.forEach((id) => mine.add(id));
    },
    /** Calls `listener` whenever a favorite is added or removed here. */
    onChange(listener) {
      listeners.add(listener);
    },
    /** PUT /me/favorites/{id}: idempotent, so no key is needed. */
    async add(comic, note) {
      const favorite = await api.put(`/me/favorites/${comic.id}`, note ? { note } : undefined);
      mine.add(comic.id);
      changed();
      return favorite;
    },
    async remove(comic) {
      await api.delete(`/me/favorites/${comic.id}`);
      mine.delete(comic.id);
      changed();
    },
    /** Learns the first page of my favorites in the background, to mark comics I already have. */
    async learn() {
      try {
        const page = await api.get("/me/favorites?limit=100");
        shelf.know(page.items.map((f) => f.comic.id));
        changed();
      } catch {
        // Only a hint for the lists; each screen reports its own failures.
      }
    },

    /**
     * "Add to my favorites" for `comic`, or a quiet "In my favorites" once it is. `onError` shows a failure.
     * @param {object} comic
     * @param {(error: Error) => void} onError
     */
    addButton(comic, onError) {
      if (mine.has(comic.id)) return inFavorites(comic);
      const holder = h("span", { class: "add-holder" });
      const button = actionButton({
        label: [h("span", { class: "icon", "aria-hidden": "true" }, "♥"), "Add to my favorites"],
        busyLabel: "Adding…",
        className: "btn btn-primary btn-add",
        // The visible words first (speech input users say them), then which comic.
        ariaLabel: `Add to my favorites: ${comic.title}`,
        run: async () => {
          try {
            await shelf.add(comic);
            const done = inFavorites(comic);
            holder.replaceChildren(done);
            done.focus();
            announce(`${comic.title} added to your favorites.`);
          } catch (error) {
            onError(error);
          }
        },
      });
      holder.append(button);
      return holder;
    },
  };
  return shelf;
}

/** The state after adding: still focusable (focus stays put), announced as done. */
function inFavorites(comic) {
  return h(
    "span",
    { class: "in-favorites", tabindex: "-1" },
    h("span", { "aria-hidden": "true" }, "✓"),
    "In my favorites",
    hidden(`: ${comic.title}`),
  );
}
