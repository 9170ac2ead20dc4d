package dev.envelope.internal.validate;

import jakarta.validation.valueextraction.ExtractedValue;
import jakarta.validation.valueextraction.UnwrapByDefault;
import jakarta.validation.valueextraction.ValueExtractor;
import java.util.Optional;

/**
 * Lets a constraint on an {@code Optional<T>} component apply to the wrapped value: {@code @NotBlank
 * Optional<String>}. Hibernate Validator's own extractor for {@code Optional} only serves constraints
 * on the type argument ({@code Optional<@NotBlank String>}) and rejects the declaration form with an
 * {@code UnexpectedTypeException}; an extractor registered in the configuration replaces it. Unlike
 * Hibernate Validator's, it gives no value for an empty {@code Optional}, so that {@code
 * Optional<@NotBlank String>} too is valid when unset.
 */
@UnwrapByDefault
public final class OptionalValueExtractor implements ValueExtractor<Optional<@ExtractedValue ?>> {
  @Override
  public void extractValues(Optional<?> originalValue, ValueReceiver receiver) {
    // Nothing to check when empty: a constraint on an optional component applies to a value when
    // there is one (so an unset @NotBlank Optional<String> is valid, as the schema reference says).
    if (originalValue.isPresent()) {
      receiver.value(null, originalValue.get());
    }
  }
}
