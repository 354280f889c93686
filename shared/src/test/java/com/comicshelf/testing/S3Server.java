package com.comicshelf.testing;

import java.util.EnumMap;
import java.util.Map;

/**
 * The S3-protocol servers the S3 tests run on ({@code @ParameterizedClass @EnumSource(S3Server.class)}):
 * the same production adapter ({@code S3Clients}, {@code S3AssetStore}) against each, path-style.
 * None of them checks presigned-URL signatures (see {@code PresignedPutSigningTest} for what is
 * checked instead).
 */
public enum S3Server {
  /** Adobe S3Mock in this JVM ({@link TestS3#shared()}): fast, always there. */
  S3MOCK,
  /**
   * moto's S3 ({@link MotoServer#shared()}, Python, one process per test JVM): closer to S3 in error
   * codes, ETags and conditional reads. Skipped without {@code moto_server}, except in CI.
   */
  MOTO,
  /**
   * LocalStack in Docker ({@link LocalStackServers#shared()}). Skipped, on every machine and in CI,
   * where no Docker engine runs (as on ours).
   */
  LOCALSTACK;

  private static final Map<S3Server, S3Target> CONNECTED = new EnumMap<>(S3Server.class);

  /**
   * This server, started on first use and shared by the whole test JVM; aborts (skips) the calling
   * test where the server cannot run here (see each constant).
   */
  public S3Target connect() {
    synchronized (CONNECTED) {
      S3Target target = CONNECTED.get(this);
      if (target == null) {
        target =
            switch (this) {
              case S3MOCK -> TestS3.shared().target();
              case MOTO -> MotoServer.shared().s3();
              case LOCALSTACK -> LocalStackServers.shared().s3();
            };
        CONNECTED.put(this, target);
      }
      return target;
    }
  }
}
