-- Idempotency keys and rate counters for deployments without DynamoDB (the local gateway's default).
-- In AWS both live in the stack's DynamoDB table; these tables stay empty there.

-- One row per user and Idempotency-Key (id = "<userId>#<key>"): the request's hash, whether it is still
-- running (and until when its claim holds) and, once done, its answer. Rows expire after 24 hours.
CREATE TABLE idempotency_keys (
  id                     VARCHAR(160)  NOT NULL,
  request_hash           CHAR(64)      NOT NULL,
  state                  VARCHAR(12)   NOT NULL,
  locked_until           DATETIME(3)   NOT NULL,
  expires_at             DATETIME(3)   NOT NULL,
  response_status        SMALLINT      NULL,
  response_content_type  VARCHAR(100)  NULL,
  response_body          MEDIUMTEXT    NULL,
  PRIMARY KEY (id),
  KEY ix_idempotency_keys_expires (expires_at),
  CONSTRAINT ck_idempotency_keys_state CHECK (state IN ('in_progress', 'completed'))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- One row per user, action and fixed window (id = "<userId>#<ACTION>#<window start, epoch ms>").
CREATE TABLE rate_counters (
  id          VARCHAR(120)  NOT NULL,
  hits        INT           NOT NULL,
  expires_at  DATETIME(3)   NOT NULL,
  PRIMARY KEY (id),
  KEY ix_rate_counters_expires (expires_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
