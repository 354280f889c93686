package com.comicshelf.s3;

import static org.assertj.core.api.Assertions.assertThat;

import com.comicshelf.assets.CompletedUpload;
import com.comicshelf.assets.CoverUrls;
import com.comicshelf.assets.NewUpload;
import com.comicshelf.assets.StartedUpload;
import com.comicshelf.assets.UploadLimits;
import com.comicshelf.assets.UploadRepository;
import com.comicshelf.assets.UploadService;
import com.comicshelf.config.Environment;
import com.comicshelf.config.S3Settings;
import com.comicshelf.sql.jdbc.JdbcSqlClient;
import com.comicshelf.testing.Fixtures;
import com.comicshelf.testing.LocalStackServers;
import com.comicshelf.testing.TestDatabase;
import com.comicshelf.testing.TestImages;
import com.comicshelf.testing.TestHttp;
import com.comicshelf.users.UserRepository;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Testcontainers;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The whole upload flow against LocalStack, configured the way a deployment is: the endpoint from
 * {@code AWS_ENDPOINT_URL}, region and bucket from the environment. Needs a Docker engine: where none
 * runs, as on our dev and CI machines, this class is skipped, not failed. The container is the one
 * {@link LocalStackServers} shares with the S3 contract ({@code S3AssetStoreContractIT}) and the
 * upload service tests, so a JVM starts LocalStack once.
 */
@Testcontainers(disabledWithoutDocker = true)
class LocalStackUploadIT {
  private static final String BUCKET = "comic-shelf-localstack-it";
  private static final long ANN = 301L;

  @Test
  void presignPutCompleteAndServe_worksAgainstLocalStack() {
    LocalStackServers localstack = LocalStackServers.shared();
    Environment env =
        Environment.of(
            Map.of(
                "AWS_ENDPOINT_URL", localstack.endpoint().toString(),
                S3Settings.REGION, localstack.region(),
                S3Settings.BUCKET, BUCKET));
    S3Settings settings = S3Settings.from(env);
    var credentials = localstack.credentials();
    TestDatabase db = TestDatabase.create("comicshelf_localstack_it");
    try (S3Client s3 = S3Clients.client(settings, credentials);
        S3Presigner presigner = S3Clients.presigner(settings, credentials);
        JdbcSqlClient sql = db.newClient()) {
      s3.createBucket(r -> r.bucket(BUCKET));
      Fixtures fixtures = new Fixtures(sql);
      fixtures.user(ANN, "Ann");
      long comic = fixtures.comic("Maus", "Pantheon Books", 1986, ANN);
      UploadService uploads =
          new UploadService(
              sql,
              new UploadRepository(sql),
              new UserRepository(sql),
              new S3AssetStore(s3, presigner, BUCKET),
              new UploadLimits(settings.maxUploadBytes(), settings.uploadUrlTtl()),
              new CoverUrls(S3Settings.publicBaseUrl(env)),
              Clock.systemUTC());
      byte[] jpeg = TestImages.jpeg(32, 48);

      StartedUpload started = uploads.start(ANN, new NewUpload("image/jpeg", (long) jpeg.length, comic));
      int putStatus = TestHttp.putWithHeaders(started.url(), started.headers(), jpeg).statusCode();
      CompletedUpload done = uploads.complete(ANN, started.uploadId());

      assertThat(putStatus).isEqualTo(200);
      assertThat(done.coverUrl())
          .isEqualTo(localstack.endpoint() + "/" + BUCKET + "/public/covers/" + started.uploadId() + ".jpg");
      assertThat(TestHttp.get(URI.create(done.coverUrl())).body()).isEqualTo(jpeg);
      assertThat(s3.listObjectsV2(r -> r.bucket(BUCKET)).contents())
          .extracting(o -> o.key())
          .containsExactly("public/covers/" + started.uploadId() + ".jpg");
    }
  }
}
