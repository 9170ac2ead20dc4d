package dev.envelope.internal.validate;

import dev.envelope.Secret;
import jakarta.validation.valueextraction.ExtractedValue;
import jakarta.validation.valueextraction.UnwrapByDefault;
import jakarta.validation.valueextraction.ValueExtractor;

/**
 * Lets constraints on a {@code Secret<T>} component apply to the wrapped value, as they do through
 * {@code Optional<T>}: {@code @Size(min = 32) Secret<String>} checks the string's length.
 */
@UnwrapByDefault
public final class SecretValueExtractor implements ValueExtractor<Secret<@ExtractedValue ?>> {
  @Override
  public void extractValues(Secret<?> originalValue, ValueReceiver receiver) {
    receiver.value(null, originalValue.reveal());
  }
}
