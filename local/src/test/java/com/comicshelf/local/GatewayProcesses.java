package com.comicshelf.local;

import java.time.Duration;

/** Starts local gateways in JVMs of their own for tests in other packages (fault injection). */
public final class GatewayProcesses {
  private GatewayProcesses() {}

  /** A gateway on {@code jdbcUrl} (root, empty password), no S3 server, {@code containers} per function. */
  public static Handle onJdbc(String name, String jdbcUrl, String... extraArgs) {
    String[] args = {
      "--port", "0", "--jdbc-url", jdbcUrl, "--db-user", "root", "--db-password", "", "--s3-endpoint", "http://127.0.0.1:9"
    };
    String[] all = new String[args.length + extraArgs.length];
    System.arraycopy(args, 0, all, 0, args.length);
    System.arraycopy(extraArgs, 0, all, args.length, extraArgs.length);
    return new Handle(GatewayProcess.start(name, Duration.ofSeconds(120), all));
  }

  /** A running gateway process. */
  public static final class Handle implements AutoCloseable {
    private final GatewayProcess process;

    Handle(GatewayProcess process) {
      this.process = process;
    }

    public java.net.URI baseUri() {
      return process.baseUri();
    }

    /** {@code kill -9}. */
    public void kill() {
      process.kill();
    }

    @Override
    public void close() {
      process.close();
    }
  }
}
