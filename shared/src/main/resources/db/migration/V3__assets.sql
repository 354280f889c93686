-- Cover uploads: announced uploads (presigned PUTs into incoming/) and the assets published from them.

-- One row per POST /me/uploads. The id is random (not AUTO_INCREMENT) so upload ids, object keys and
-- cover URLs cannot be enumerated; it stays below 2^53 so JavaScript clients read it exactly.
CREATE TABLE uploads (
  id              BIGINT UNSIGNED NOT NULL,
  uploader_id     BIGINT UNSIGNED NOT NULL,
  comic_id        BIGINT UNSIGNED NOT NULL,
  content_type    VARCHAR(40)     NOT NULL,           -- declared, and signed into the upload URL
  declared_size   BIGINT UNSIGNED NOT NULL,           -- declared, and signed into the upload URL
  status          VARCHAR(16)     NOT NULL,
  failure_reason  VARCHAR(300)    NULL,               -- why a rejected upload was rejected, for the client
  created_at      DATETIME(6)     NOT NULL,
  expires_at      DATETIME(6)     NOT NULL,           -- when the presigned URL stops working
  finished_at     DATETIME(6)     NULL,
  PRIMARY KEY (id),
  KEY ix_uploads_uploader_created (uploader_id, created_at),
  KEY ix_uploads_comic (comic_id),
  CONSTRAINT ck_uploads_status CHECK (status IN ('pending', 'completed', 'rejected', 'expired')),
  CONSTRAINT fk_uploads_uploader FOREIGN KEY (uploader_id) REFERENCES users (id) ON DELETE CASCADE,
  CONSTRAINT fk_uploads_comic FOREIGN KEY (comic_id) REFERENCES comics (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Every object published under public/, checked before it got there. Outlives its upload row and
-- its comic, so a clean-up job can find objects no comic points to any more.
CREATE TABLE assets (
  id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  upload_id     BIGINT UNSIGNED NOT NULL,
  object_key    VARCHAR(300)    NOT NULL,
  kind          VARCHAR(16)     NOT NULL,
  content_type  VARCHAR(40)     NOT NULL,             -- checked against the file's magic number
  size_bytes    BIGINT UNSIGNED NOT NULL,
  comic_id      BIGINT UNSIGNED NULL,
  created_by    BIGINT UNSIGNED NULL,
  created_at    DATETIME(6)     NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_assets_upload (upload_id),
  UNIQUE KEY uq_assets_key (object_key),
  KEY ix_assets_comic (comic_id),
  CONSTRAINT ck_assets_kind CHECK (kind IN ('cover')),
  CONSTRAINT fk_assets_comic FOREIGN KEY (comic_id) REFERENCES comics (id) ON DELETE SET NULL,
  CONSTRAINT fk_assets_created_by FOREIGN KEY (created_by) REFERENCES users (id) ON DELETE SET NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
