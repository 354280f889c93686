package com.comicshelf.assets;

import com.comicshelf.sql.Params;
import com.comicshelf.sql.SqlClient;
import com.comicshelf.sql.SqlRow;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;

/** The {@code uploads} and {@code assets} tables, and the cover of a comic. */
public final class UploadRepository {
  private final SqlClient sql;

  @Inject
  public UploadRepository(SqlClient sql) {
    this.sql = sql;
  }

  /** Records a pending upload; throws {@code DuplicateKeyException} when the id is taken. */
  public void insert(Upload upload) {
    sql.update(
        """
        INSERT INTO uploads
          (id, uploader_id, comic_id, content_type, declared_size, status, created_at, expires_at)
        VALUES (:id, :uploader, :comic, :type, :size, :status, :createdAt, :expiresAt)
        """,
        Params.with("id", upload.id())
            .and("uploader", upload.uploaderId())
            .and("comic", upload.comicId())
            .and("type", upload.type().contentType())
            .and("size", upload.declaredLength())
            .and("status", statusText(upload.status()))
            .and("createdAt", upload.createdAt())
            .and("expiresAt", upload.expiresAt())
            .map());
  }

  /** The upload with this id if {@code uploaderId} made it; other people's uploads do not exist. */
  public Optional<Upload> findOwned(long id, long uploaderId) {
    return sql.queryOne(
        """
        SELECT id, uploader_id, comic_id, content_type, declared_size, status, failure_reason,
               created_at, expires_at
        FROM uploads
        WHERE id = :id AND uploader_id = :uploader
        """,
        Map.of("id", id, "uploader", uploaderId),
        UploadRepository::map);
  }

  /** The upload's status, locking its row until the transaction ends. */
  public Optional<Upload.Status> lockStatus(long id) {
    return sql.queryOne(
        "SELECT status FROM uploads WHERE id = :id FOR UPDATE",
        Map.of("id", id),
        row -> status(row.getString("status")));
  }

  /** Moves a pending upload to {@code status}; an upload that is no longer pending is left alone. */
  public void finish(long id, Upload.Status status, String failureReason, Instant now) {
    sql.update(
        """
        UPDATE uploads SET status = :status, failure_reason = :reason, finished_at = :now
        WHERE id = :id AND status = 'pending'
        """,
        Params.with("id", id).and("status", statusText(status)).and("reason", failureReason).and("now", now).map());
  }

  /**
   * Who created the comic ({@code comics.created_by}, empty when unknown), or empty when there is
   * no such comic. With {@code lock}, the comic's row stays locked until the transaction ends.
   */
  public Optional<Optional<Long>> comicCreator(long comicId, boolean lock) {
    return sql.queryOne(
        "SELECT created_by FROM comics WHERE id = :id" + (lock ? " FOR UPDATE" : ""),
        Map.of("id", comicId),
        row -> Optional.ofNullable(row.getNullableLong("created_by")));
  }

  public void setCover(long comicId, String coverKey) {
    sql.update("UPDATE comics SET cover_key = :key WHERE id = :id", Map.of("id", comicId, "key", coverKey));
  }

  /** Records a published object; one per upload. */
  public void insertAsset(Upload upload, String key, long size, Instant now) {
    sql.update(
        """
        INSERT INTO assets (upload_id, object_key, kind, content_type, size_bytes, comic_id, created_by, created_at)
        VALUES (:upload, :key, 'cover', :type, :size, :comic, :createdBy, :now)
        """,
        Params.with("upload", upload.id())
            .and("key", key)
            .and("type", upload.type().contentType())
            .and("size", size)
            .and("comic", upload.comicId())
            .and("createdBy", upload.uploaderId())
            .and("now", now)
            .map());
  }

  private static Upload map(SqlRow row) {
    String contentType = row.getString("content_type");
    return new Upload(
        row.getLong("id"),
        row.getLong("uploader_id"),
        row.getLong("comic_id"),
        ImageType.ofContentType(contentType)
            .orElseThrow(() -> new IllegalStateException("stored content type " + contentType)),
        row.getLong("declared_size"),
        status(row.getString("status")),
        row.getString("failure_reason"),
        row.getInstant("created_at"),
        row.getInstant("expires_at"));
  }

  private static String statusText(Upload.Status status) {
    return status.name().toLowerCase(Locale.ROOT);
  }

  private static Upload.Status status(String text) {
    return Upload.Status.valueOf(text.toUpperCase(Locale.ROOT));
  }

  /** An upload reduced to what deleting it needs: its row id and where its file was put. */
  public record UploadKeys(long id, String incomingKey) {}

  /** Up to {@code limit} uploads of {@code uploaderId}, in id order. */
  public List<UploadKeys> uploadsOf(long uploaderId, int limit) {
    return sql.query(
        "SELECT id, uploader_id FROM uploads WHERE uploader_id = :uploader ORDER BY id LIMIT :limit",
        Map.of("uploader", uploaderId, "limit", limit),
        row -> new UploadKeys(row.getLong("id"), Upload.incomingKey(row.getLong("uploader_id"), row.getLong("id"))));
  }

  public void deleteUpload(long id) {
    sql.update("DELETE FROM uploads WHERE id = :id", Map.of("id", id));
  }

  /**
   * A published object someone created, and whether it is the current cover of its comic (a cover
   * is only ever set on its upload's comic, so the comic's row tells).
   */
  public record CreatedAsset(long id, String objectKey, boolean currentCover) {}

  /** Up to {@code limit} of the objects {@code userId} published, in id order. */
  public List<CreatedAsset> assetsCreatedBy(long userId, int limit) {
    return sql.query(
        """
        SELECT a.id, a.object_key, (c.id IS NOT NULL) AS current_cover
        FROM assets a
        LEFT JOIN comics c ON c.id = a.comic_id AND c.cover_key = a.object_key
        WHERE a.created_by = :userId
        ORDER BY a.id
        LIMIT :limit
        """,
        Map.of("userId", userId, "limit", limit),
        row -> new CreatedAsset(row.getLong("id"), row.getString("object_key"), row.getInt("current_cover") == 1));
  }

  /** Keeps the asset (a comic shows it) but no longer records who made it. */
  public void forgetAssetCreator(long assetId) {
    sql.update("UPDATE assets SET created_by = NULL WHERE id = :id", Map.of("id", assetId));
  }

  public void deleteAsset(long assetId) {
    sql.update("DELETE FROM assets WHERE id = :id", Map.of("id", assetId));
  }
}
