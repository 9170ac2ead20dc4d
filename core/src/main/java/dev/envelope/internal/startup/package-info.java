/**
 * Start-up machinery: everything that exists only to make a load's cold start fast, kept here so
 * that the stages read as what they do.
 *
 * <ul>
 *   <li>{@link dev.envelope.internal.startup.Startup} schedules a load: it reads the schema while the
 *       class path is scanned on a thread of its own, and chooses the constraint engine: Envelope's
 *       built-in evaluator, or Hibernate Validator (the largest single cost of a cold start) only
 *       when a constraint needs it, bootstrapped when the load validates;
 *   <li>{@link dev.envelope.internal.startup.ClassFile}, {@link
 *       dev.envelope.internal.startup.SignatureTypes} and {@link
 *       dev.envelope.internal.startup.RecordAnnotations} read a schema's annotations and generic types
 *       from its class file, with reflection as the fallback, since reflection on annotations loads a
 *       proxy class per annotation type;
 *   <li>{@link dev.envelope.internal.startup.ClassPathScan} answers, with one walk of the class path,
 *       whether converters, a validation message bundle or URL handlers are present, instead of a
 *       {@code ServiceLoader} or {@code ResourceBundle} search per question;
 *   <li>{@link dev.envelope.internal.startup.DirectCalls} calls record constructors, constrained
 *       getters and enums' {@code values()} through a small generated class each on JDK 18 and
 *       later, where core reflection spins method-handle classes per member shape.
 * </ul>
 *
 * <p>The rules the rest of the load path follows, and why; {@code LoadPathTest} (core's tests) holds
 * them in a fresh JVM, so a comment elsewhere need not: the quickstart's load creates no lambda or
 * method reference (the first one of a process costs milliseconds of method-handle set-up: hence
 * loops and small named classes instead of streams, {@code Comparator} chains and {@code forEach}),
 * and loads a bounded number of classes beyond what an empty program loads (hence if-chains
 * rather than switches on enums, each of which compiles to a synthetic class; identity equality on
 * internal records; files read through {@code java.io} rather than {@code Files.readString}, whose
 * channel classes are not in the JDK's class-data archive; and a walk down the sorted layers rather
 * than a {@code SmallRyeConfig}, which costs about 150 ms to build). The built-in {@code @Email} check
 * decides ASCII addresses itself ({@code schema.AsciiEmail}) because Hibernate Validator's compiles two
 * long regular expressions and has {@code java.net.IDN} load the JDK's Unicode tables, most of a cold
 * start for a schema with one {@code @Email}. String concatenation is
 * compiled inline ({@code -XDstringConcat=inline} in core's build) for the same reason.
 */
package dev.envelope.internal.startup;
