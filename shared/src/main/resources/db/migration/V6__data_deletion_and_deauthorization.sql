-- Leaving the app: Facebook's data deletion and deauthorize callbacks, and DELETE /me.

-- When the person removed the app on Facebook (deauthorize callback). Tokens issued before it are no
-- longer used for friend sync; a token issued after it (the person came back) is.
ALTER TABLE users ADD COLUMN deauthorized_at DATETIME(6) NULL;

-- One row per deletion asked for. The code is what the platform shows the person; the status route
-- answers from this table alone. user_id ties a pending deletion to its person and is cleared in the
-- transaction that deletes the user row, so a finished deletion keeps nothing that identifies them.
-- Being unique, it also makes a second request for the same person find the first one while pending.
CREATE TABLE deletion_requests (
  code          CHAR(24)         NOT NULL,
  user_id       BIGINT UNSIGNED  NULL,
  origin        VARCHAR(16)      NOT NULL,
  status        VARCHAR(8)       NOT NULL,
  requested_at  DATETIME(6)      NOT NULL,
  completed_at  DATETIME(6)      NULL,
  PRIMARY KEY (code),
  UNIQUE KEY uq_deletion_requests_user (user_id),
  -- the sweep that resumes interrupted deletions reads the oldest pending ones
  KEY ix_deletion_requests_pending (status, requested_at),
  CONSTRAINT ck_deletion_requests_status CHECK (status IN ('pending', 'done')),
  CONSTRAINT ck_deletion_requests_origin CHECK (origin IN ('facebook', 'api')),
  CONSTRAINT ck_deletion_requests_user CHECK ((status = 'pending') = (user_id IS NOT NULL))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
