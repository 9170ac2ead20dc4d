package dev.envelope.internal.schema;

/**
 * A type annotation inside a type's type arguments, with its place: {@code path} lists the steps
 * from the outer type, separated by {@code /}, each a type argument's index, or {@code a} (into an
 * array's component), {@code n} (into a nested type) or {@code w} (into a wildcard's bound). The
 * {@code @Email} of {@code List<@Email String>} is at {@code 0}, the {@code @Positive} of {@code
 * Map<String, @Positive Integer>} at {@code 1}, that of {@code Optional<List<@Positive Integer>>} at
 * {@code 0/0}.
 */
public record TypeUse(String path, AnnotationData annotation) {}
