package com.comicshelf.functions;

import com.comicshelf.assets.CompletedUpload;
import com.comicshelf.assets.StartedUpload;
import com.comicshelf.catalog.Comic;
import com.comicshelf.common.Page;
import com.comicshelf.favorites.Favorite;
import com.comicshelf.friends.FriendProfile;
import com.comicshelf.friends.FriendsService;
import com.comicshelf.ranking.FriendRef;
import com.comicshelf.ranking.PopularComic;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One answer of each shape the handlers return, serialised once before a SnapStart snapshot. */
public final class PrimingSamples {
  private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");
  public static final Comic COMIC = new Comic(1, "Maus", "Pantheon Books", 1986, "https://covers.example/public/covers/1.png");
  public static final Page<Comic> COMICS = new Page<>(List.of(COMIC), "cursor");
  public static final Favorite FAVORITE = new Favorite(COMIC, AT, "a note");
  public static final Page<Favorite> FAVORITES = new Page<>(List.of(FAVORITE), "cursor");
  public static final FriendsService.SyncResult SYNC = new FriendsService.SyncResult(2, 1, 0);
  public static final Page<FriendProfile> FRIENDS = new Page<>(List.of(new FriendProfile(2, "Ann")), "cursor");
  public static final Map<String, List<PopularComic>> RANKING =
      Map.of("items", List.of(new PopularComic(COMIC, 2, AT, List.of(new FriendRef(2, "Ann")))));
  public static final StartedUpload STARTED_UPLOAD =
      new StartedUpload(1, URI.create("https://bucket.example/incoming/1/1"), "PUT", Map.of("content-type", "image/png"), AT);
  public static final CompletedUpload COMPLETED_UPLOAD =
      new CompletedUpload(1, 1, "https://covers.example/public/covers/1.png", "image/png", 1024);

  private PrimingSamples() {}
}
