package dev.envelope.benchmarks.coldstart;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One way to load the quickstart's schema: a main class and the class path holding only the
 * libraries that way needs.
 *
 * @param name the name in the tables, for example {@code envelope}
 * @param label what the tables say it is
 * @param mainClass the class whose {@code main} loads and prints the fingerprint
 * @param dependencies the stem of the file under {@code target/classpath} listing this way's jars,
 *     or null for none
 * @param classPath the class path to run with; null until {@link #withClassPath} gives one
 */
record Variant(String name, String label, String mainClass, String dependencies, String classPath) {
  private static final String PKG = "dev.envelope.benchmarks.";

  /** Every way to load, in table order, the floor first; without class paths. */
  static final List<Variant> ALL =
      List.of(
          new Variant("floor", "hand-written floor (System.getenv + hand parsing)", PKG + "floor.FloorMain", null, null),
          new Variant("envelope", "Envelope `Env.load` (constraints, `.env`)", PKG + "envelope.EnvelopeMain",
              "envelope", null),
          new Variant("envelope-noconstraints", "Envelope `Env.load`, no constraint annotations",
              PKG + "envelope.EnvelopeNoConstraintsMain", "envelope", null),
          new Variant("envelope-realistic",
              "Envelope `Env.load`, realistic constraints (`@Email`, `@Pattern`, ranges, `@AssertTrue` getter, `List<@URL String>`)",
              PKG + "envelope.EnvelopeRealisticMain", "envelope", null),
          new Variant("envelope-custom",
              "Envelope `Env.load`, realistic constraints and one custom `@Constraint` (Hibernate Validator starts)",
              PKG + "envelope.EnvelopeCustomConstraintMain", "envelope", null),
          new Variant("dotenv-java", "dotenv-java + hand-written typing", PKG + "dotenv.DotenvJavaMain",
              "dotenv-java", null),
          new Variant("smallrye", "SmallRye Config `@ConfigMapping` + Hibernate Validator",
              PKG + "smallrye.SmallRyeMain", "smallrye", null),
          new Variant("spring", "Spring Boot `Binder` + Hibernate Validator", PKG + "spring.SpringBinderMain",
              "spring", null));

  /**
   * Returns this variant under another name, with {@code core} in place of the {@code envelope-core}
   * jar of its class path.
   */
  Variant withCore(Path core) {
    StringBuilder path = new StringBuilder();
    boolean replaced = false;
    for (String entry : classPath.split(java.io.File.pathSeparator)) {
      boolean isCore = Path.of(entry).getFileName().toString().startsWith("envelope-core-");
      replaced |= isCore;
      path.append(path.length() == 0 ? "" : java.io.File.pathSeparator).append(isCore ? core.toString() : entry);
    }
    if (!replaced) {
      throw new IllegalStateException(name + " has no envelope-core jar on its class path");
    }
    return new Variant(name + "-baseline", label + ", baseline core `" + core.getFileName() + "`", mainClass,
        dependencies, path.toString());
  }

  /** Returns this variant run with {@code classPath}. */
  Variant withClassPath(String classPath) {
    return new Variant(name, label, mainClass, dependencies, classPath);
  }

  /**
   * Returns this variant with the benchmark jar followed by its own jars only, as listed in {@code
   * classpaths}. Jars only: AppCDS archives nothing from a directory.
   *
   * @throws IOException if the list is missing, that is the module was not packaged
   */
  Variant withOwnClassPath(Path benchmarkJar, Path classpaths) throws IOException {
    if (dependencies == null) {
      return withClassPath(benchmarkJar.toString());
    }
    Path list = classpaths.resolve(dependencies + ".txt");
    if (!Files.exists(list)) {
      throw new IOException(list + " is missing; build first: ./mvnw -q -f benchmarks/pom.xml package");
    }
    String jars = Files.readString(list).trim();
    return withClassPath(jars.isEmpty() ? benchmarkJar.toString() : benchmarkJar + java.io.File.pathSeparator + jars);
  }
}
