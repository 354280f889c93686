package com.comicshelf.ranking;

import com.comicshelf.sql.Params;
import com.comicshelf.sql.SqlClient;
import com.comicshelf.sql.SqlRow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.inject.Inject;

/**
 * Applies the likes the requests recorded in {@code popularity_outbox} to the precomputed rankings of
 * the likers' materialized friends: the fan-out that took a 5,000-friend liker's add hundreds of
 * milliseconds, out of the request. Any number of appliers may run at once (they claim rows with
 * SKIP LOCKED); each row is applied once, in the transaction that deletes it.
 *
 * <p>Order: one comic's rows are numbered in commit order (every write to a comic locks its row
 * first), and an applier applies a row only when no older row of the same comic is pending with
 * someone else, so a removal is never applied before the add it removes. Rows of different comics
 * touch different counts.
 *
 * <p>Against reads of the favorites themselves (a rebuild, a friend added or removed): those apply the
 * pending rows of the friends they read first ({@link #drainLikers}, {@link #drainFriendsOf}), in
 * their own transaction, with locking reads that also hold off new rows of those likers until they
 * commit; so no like is counted both from the favorites and again from its row.
 */
public final class PopularityOutbox {
  /** Rows one applier transaction claims: a 5,000-friend liker's row costs ~0.2 s of fan-out. */
  public static final int BATCH = 8;

  /** A change that was applied, with when its request recorded it (for the lag). */
  public record Applied(long id, long likerId, long comicId, boolean added, Instant recordedAt) {}

  private record Pending(long id, long likerId, long comicId, boolean added, Instant likedAt, Instant recordedAt) {}

  private static final String COLUMNS = "o.id, o.liker_id, o.comic_id, o.added, o.liked_at, o.created_at";

  private final SqlClient sql;
  private final PopularityCounters counters;

  @Inject
  public PopularityOutbox(SqlClient sql, PopularityCounters counters) {
    this.sql = sql;
    this.counters = counters;
  }

  /**
   * Claims up to {@code limit} of the oldest pending rows no one else holds and applies those whose
   * comic has no older row pending elsewhere, in one transaction. Returns what it applied: empty when
   * nothing was pending (or all of it was held).
   */
  public List<Applied> applyPending(int limit) {
    return sql.inTransaction(
        () -> {
          List<Pending> claimed =
              sql.query(
                  "SELECT " + COLUMNS + " FROM popularity_outbox o ORDER BY o.id LIMIT :n FOR UPDATE SKIP LOCKED",
                  Map.of("n", limit),
                  PopularityOutbox::pending);
          if (claimed.isEmpty()) {
            return List.of();
          }
          List<Pending> inOrder = withoutRowsBehindOthers(claimed);
          apply(inOrder);
          return inOrder.stream()
              .map(p -> new Applied(p.id(), p.likerId(), p.comicId(), p.added(), p.recordedAt()))
              .toList();
        });
  }

  /** Applies pending rows until none is left that this applier can take; returns how many. */
  public int drainAll() {
    int total = 0;
    for (List<Applied> applied = applyPending(BATCH); !applied.isEmpty(); applied = applyPending(BATCH)) {
      total += applied.size();
    }
    return total;
  }

  /**
   * Applies every pending row of these likers, in the caller's transaction, before it reads their
   * favorites into someone's counts. Waits for rows another applier holds (they are gone after).
   */
  public void drainLikers(Collection<Long> likerIds) {
    List<Long> ids = List.copyOf(new TreeSet<>(likerIds));
    List<Pending> rows = new ArrayList<>();
    for (int from = 0; from < ids.size(); from += 500) {
      List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
      Map<String, Object> params = new HashMap<>();
      String in = Params.inList("l", chunk, params);
      rows.addAll(
          sql.query(
              "SELECT " + COLUMNS + " FROM popularity_outbox o WHERE o.liker_id IN (" + in + ") ORDER BY o.id FOR UPDATE",
              params,
              PopularityOutbox::pending));
    }
    rows.sort(Comparator.comparingLong(Pending::id));
    apply(rows);
  }

  /** {@link #drainLikers} for every friend of {@code hubId}, before their counts are rebuilt. */
  public void drainFriendsOf(long hubId) {
    apply(
        sql.query(
            "SELECT " + COLUMNS + " FROM friendships fr JOIN popularity_outbox o ON o.liker_id = fr.friend_id"
                + " WHERE fr.user_id = :hub ORDER BY o.id FOR UPDATE",
            Map.of("hub", hubId),
            PopularityOutbox::pending));
  }

  /**
   * Which of these comics have a pending row, by a locking read: until the caller commits, no new
   * row of them can be recorded, so a like they miss is one the caller's later reads see.
   */
  Set<Long> pendingComics(Collection<Long> comicIds) {
    if (comicIds.isEmpty()) {
      return Set.of();
    }
    Map<String, Object> params = new HashMap<>();
    String in = Params.inList("c", comicIds, params);
    return new HashSet<>(
        sql.query(
            "SELECT DISTINCT comic_id FROM popularity_outbox WHERE comic_id IN (" + in + ") LOCK IN SHARE MODE",
            params,
            r -> r.getLong("comic_id")));
  }

  /** How many rows are pending (for the benchmark and the applier's progress). */
  public long pendingCount() {
    return sql.queryOne("SELECT COUNT(*) AS n FROM popularity_outbox", Map.of(), r -> r.getLong("n")).orElse(0L);
  }

  /**
   * The claimed rows (in id order, as claimed), without those that must wait: a row whose comic has an older
   * pending row this applier did not claim, and every later row of that comic. The check is a
   * consistent read taken after the claim, so it sees every row committed before the claimed ones.
   */
  private List<Pending> withoutRowsBehindOthers(List<Pending> claimed) {
    Set<Long> mine = new HashSet<>();
    Set<Long> comics = new TreeSet<>();
    long newest = 0;
    for (Pending p : claimed) {
      mine.add(p.id());
      comics.add(p.comicId());
      newest = Math.max(newest, p.id());
    }
    Map<String, Object> params = new HashMap<>();
    params.put("newest", newest);
    String in = Params.inList("c", comics, params);
    Map<Long, Long> firstForeign = new HashMap<>();
    sql.query(
        "SELECT id, comic_id FROM popularity_outbox WHERE comic_id IN (" + in + ") AND id < :newest",
        params,
        r -> {
          long id = r.getLong("id");
          if (!mine.contains(id)) {
            firstForeign.merge(r.getLong("comic_id"), id, Math::min);
          }
          return id;
        });
    return claimed.stream().filter(p -> p.id() < firstForeign.getOrDefault(p.comicId(), Long.MAX_VALUE)).toList();
  }

  private void apply(List<Pending> rows) {
    if (rows.isEmpty()) {
      return;
    }
    for (Pending p : rows) {
      if (p.added()) {
        counters.fanOutAdded(p.likerId(), p.comicId(), p.likedAt());
      } else {
        counters.fanOutRemoved(p.likerId(), p.comicId(), p.likedAt());
      }
    }
    Map<String, Object> params = new HashMap<>();
    String in = Params.inList("i", rows.stream().map(Pending::id).toList(), params);
    sql.update("DELETE FROM popularity_outbox WHERE id IN (" + in + ")", params);
  }

  private static Pending pending(SqlRow r) {
    return new Pending(
        r.getLong("id"),
        r.getLong("liker_id"),
        r.getLong("comic_id"),
        r.getBoolean("added"),
        r.getInstant("liked_at"),
        r.getInstant("created_at"));
  }
}
