package com.comicshelf.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code cfn-lint} (with the SAM translator) accepts {@code template.yaml} without a single error or
 * warning: it prints nothing and exits 0. Rules are fixed in the template, not silenced; a rule that
 * truly must be ignored is ignored per resource in its {@code Metadata}, with the reason beside it.
 *
 * <p>cfn-lint is a Python tool: it is looked up on the {@code PATH}, then as pyenv's shim. Where it is
 * missing the test is skipped, unless the {@code CI} environment variable is set: CI must lint.
 */
class TemplateLintIT {
  private static final Path TEMPLATE = Path.of("..", "template.yaml");
  private static final String EXECUTABLE = "cfn-lint";
  /** cfn-lint takes ~6 s here (most of it loading the resource schemas). */
  private static final long LINT_TIMEOUT_SECONDS = 120;
  /** What a shell (or pyenv's shim) answers when the program is not installed. */
  private static final int COMMAND_NOT_FOUND = 127;

  @Test
  @Timeout(value = LINT_TIMEOUT_SECONDS + 30, unit = TimeUnit.SECONDS)
  void template_passesCfnLint_withoutErrorsOrWarnings() throws IOException, InterruptedException {
    assertThat(TEMPLATE).isRegularFile();
    Path cfnLint = cfnLint().orElseThrow(() -> missing("not on the PATH, nor at " + pyenvShim()));

    Path output = Files.createTempFile("cfn-lint", ".out");
    try {
      Process process =
          new ProcessBuilder(cfnLint.toString(), TEMPLATE.toString())
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .start();
      if (!process.waitFor(LINT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        fail("%s did not finish within %d s", cfnLint, LINT_TIMEOUT_SECONDS);
      }
      String printed = Files.readString(output, StandardCharsets.UTF_8);
      if (process.exitValue() == COMMAND_NOT_FOUND && printed.contains("not found")) {
        // pyenv's shim exists, but no Python version it knows has cfn-lint installed.
        throw missing(cfnLint + " answers: " + printed.strip());
      }

      assertThat(printed).as("what %s %s prints", cfnLint, TEMPLATE).isEmpty();
      assertThat(process.exitValue()).as("exit status of %s %s", cfnLint, TEMPLATE).isZero();
    } finally {
      Files.deleteIfExists(output);
    }
  }

  /** Skips where cfn-lint is not installed; fails in CI, where it must be. Never returns. */
  private static RuntimeException missing(String why) {
    String message = EXECUTABLE + " is not available (" + why + ")";
    if (System.getenv("CI") != null) {
      return fail(message + ", and CI is set: CI must lint template.yaml. Install cfn-lint (pip install cfn-lint) "
          + "or put pyenv's shims on the PATH (export PATH=\"$HOME/.pyenv/shims:$PATH\").");
    }
    return Assumptions.abort(message + ": template.yaml was NOT linted. Install cfn-lint to run this test "
        + "(it fails instead of skipping when the CI environment variable is set).");
  }

  private static Optional<Path> cfnLint() {
    List<Path> candidates = new ArrayList<>();
    String path = System.getenv("PATH");
    if (path != null) {
      for (String dir : path.split(File.pathSeparator)) {
        if (!dir.isBlank()) {
          candidates.add(Path.of(dir, EXECUTABLE));
        }
      }
    }
    candidates.add(pyenvShim());
    return candidates.stream().filter(c -> Files.isRegularFile(c) && Files.isExecutable(c)).findFirst();
  }

  /** {@code $HOME/.pyenv/shims/cfn-lint} (the JVM's user.home where HOME is unset). */
  private static Path pyenvShim() {
    String home =
        Optional.ofNullable(System.getenv("HOME")).filter(h -> !h.isBlank()).orElse(System.getProperty("user.home"));
    return Path.of(home, ".pyenv", "shims", EXECUTABLE);
  }
}
