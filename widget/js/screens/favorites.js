// My favorites: cover, note, remove with undo, paging with nextCursor.
import { actionButton, announce, bodyLoader, comicCard, emptyState, h, loadingScreen, problemBox, show, skeletonList } from "../ui.js";

const PAGE = 20;

export function favoritesScreen({ api, shelf, session }) {
  const body = document.getElementById("favorites-body");
  const status = document.getElementById("favorites-status");
  const lifecycle = loadingScreen({ name: "favorites", title: "My favorites", shelf, load: () => load() });
  const run = bodyLoader({ body, status, signIn: session.prompt });

  const notice = h("div", { class: "list-problem" });
  const list = h("ul", { class: "comic-list", "aria-label": "My favorites" });
  const more = h("div", { class: "more" });

  function load() {
    return run({
      busy: "Loading your favorites…",
      skeleton: skeletonList(4),
      request: (signal) => api.get(`/me/favorites?limit=${PAGE}`, { signal }),
      render: (page) => {
        lifecycle.loaded();
        shelf.know(page.items.map((f) => f.comic.id));
        notice.replaceChildren();
        list.replaceChildren(...page.items.map(card));
        if (page.items.length === 0) {
          show(body, empty());
          status.textContent = "You have no favorites yet.";
        } else {
          show(body, notice, list, more);
          status.textContent = `${page.items.length}${page.nextCursor ? " or more" : ""} favorites.`;
        }
        showMore(page.nextCursor);
      },
      retry: load,
    });
  }

  function showMore(cursor) {
    if (!cursor) {
      more.replaceChildren();
      return;
    }
    more.replaceChildren(
      actionButton({
        label: "Show more favorites",
        busyLabel: "Loading more…",
        className: "btn",
        run: async () => {
          try {
            const page = await api.get(`/me/favorites?limit=${PAGE}&cursor=${encodeURIComponent(cursor)}`);
            shelf.know(page.items.map((f) => f.comic.id));
            const cards = page.items.map(card);
            list.append(...cards);
            showMore(page.nextCursor);
            // Keyboard users continue where the new items start.
            cards[0]?.querySelector("button")?.focus();
            announce(`${cards.length} more favorites shown.`);
          } catch (error) {
            show(notice, problemBox(error, { signIn: session.prompt }));
          }
        },
      }),
    );
  }

  function card(favorite) {
    const { comic } = favorite;
    const remove = actionButton({
      label: "Remove",
      ariaLabel: `Remove ${comic.title} from my favorites`,
      busyLabel: "Removing…",
      className: "btn btn-remove",
      run: () => removeFavorite(favorite, item),
    });
    const item = comicCard({
      comic,
      lines: favorite.note ? [h("p", { class: "note" }, h("span", { class: "vh" }, "My note: "), `“${favorite.note}”`)] : [],
      actions: [remove],
    });
    return item;
  }

  async function removeFavorite(favorite, item) {
    const { comic } = favorite;
    try {
      await shelf.remove(comic);
    } catch (error) {
      show(notice, problemBox(error, { retry: () => removeFavorite(favorite, item), signIn: session.prompt }));
      return;
    }
    notice.replaceChildren();
    const row = h("li", { class: "comic-card removed", dataset: { comicId: comic.id } });
    const undo = actionButton({
      label: "Undo",
      ariaLabel: `Undo removing ${comic.title}`,
      busyLabel: "Putting back…",
      className: "btn btn-undo",
      run: () => restore(favorite, row),
    });
    row.append(h("p", {}, "Removed ", h("strong", {}, comic.title), "."), undo);
    item.replaceWith(row);
    undo.focus();
    announce(`${comic.title} removed from your favorites. Undo puts it back.`);
  }

  async function restore(favorite, row) {
    try {
      const again = await shelf.add(favorite.comic, favorite.note);
      const item = card({ ...favorite, ...(again || {}) });
      row.replaceWith(item);
      item.querySelector(".btn-remove").focus();
      announce(`${favorite.comic.title} is back in your favorites.`);
    } catch (error) {
      show(notice, problemBox(error, { retry: () => restore(favorite, row), signIn: session.prompt }));
    }
  }

  function empty() {
    return emptyState({
      title: "No favorites yet",
      text: "Find a comic you love and add it, or see what your friends like.",
      action: [
        h("a", { class: "btn btn-primary", href: "#find" }, "Find a comic"),
        " ",
        h("a", { class: "btn", href: "#popular" }, "Popular with friends"),
      ],
    });
  }

  return lifecycle.screen;
}
