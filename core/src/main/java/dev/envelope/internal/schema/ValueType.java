package dev.envelope.internal.schema;

import dev.envelope.Converter;
import dev.envelope.Secret;
import io.smallrye.config.Converters;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;

/**
 * Describes the Java type of one variable, {@code Optional<Secret<List<Integer>>>} say, and converts
 * text to it. Wrappers are peeled from the outside in: an optional wrapper, then {@link Secret}, then a
 * collection, then a scalar.
 */
public final class ValueType {
  /** How an unset variable becomes a value. */
  public enum Optionality {
    REQUIRED,
    OPTIONAL,
    OPTIONAL_INT,
    OPTIONAL_LONG,
    OPTIONAL_DOUBLE
  }

  private enum Shape {
    SCALAR,
    LIST,
    SET,
    MAP
  }

  private final Optionality optionality;
  private final boolean secret;
  private final Shape shape;
  private final Class<?> scalar;
  private final Function<String, Object> scalarConverter;

  private ValueType(
      Optionality optionality, boolean secret, Shape shape, Class<?> scalar, Function<String, Object> scalarConverter) {
    this.optionality = optionality;
    this.secret = secret;
    this.shape = shape;
    this.scalar = scalar;
    this.scalarConverter = scalarConverter;
  }

  /**
   * Returns the description of {@code type}.
   *
   * @param custom converters registered on the builder or discovered, by target type
   * @throws IllegalArgumentException if the type is not supported; the message says why
   */
  public static ValueType of(Type type, Map<Class<?>, Converter<?>> custom) {
    Optionality optionality = Optionality.REQUIRED;
    Type inner = type;
    if (type == OptionalInt.class) {
      return new ValueType(Optionality.OPTIONAL_INT, false, Shape.SCALAR, int.class, scalar(int.class, custom));
    }
    if (type == OptionalLong.class) {
      return new ValueType(Optionality.OPTIONAL_LONG, false, Shape.SCALAR, long.class, scalar(long.class, custom));
    }
    if (type == OptionalDouble.class) {
      return new ValueType(Optionality.OPTIONAL_DOUBLE, false, Shape.SCALAR, double.class, scalar(double.class, custom));
    }
    if (raw(inner) == Optional.class) {
      optionality = Optionality.OPTIONAL;
      inner = argument(inner, 0, "Optional");
    }
    boolean secret = false;
    if (raw(inner) == Secret.class) {
      secret = true;
      inner = argument(inner, 0, "Secret");
    }
    Class<?> raw = raw(inner);
    if (raw == Optional.class || raw == Secret.class) {
      throw new IllegalArgumentException(
          "type " + type.getTypeName() + " is not supported: write Optional<Secret<T>>, not the other way round or twice");
    }
    Shape shape = Shape.SCALAR;
    if (raw == List.class || raw == Collection.class) {
      shape = Shape.LIST;
      inner = argument(inner, 0, raw.getSimpleName());
    } else if (raw == Set.class) {
      shape = Shape.SET;
      inner = argument(inner, 0, "Set");
    } else if (raw == Map.class) {
      if (argument(inner, 0, "Map") != String.class) {
        throw new IllegalArgumentException("type " + type.getTypeName() + " is not supported: Map keys must be String");
      }
      shape = Shape.MAP;
      inner = argument(inner, 1, "Map");
    }
    if (!(inner instanceof Class<?> scalarClass)) {
      throw new IllegalArgumentException("type " + type.getTypeName() + " is not supported: nested generic types cannot be converted");
    }
    if (shape != Shape.SCALAR && (scalarClass.isRecord() || List.class.isAssignableFrom(scalarClass) || Map.class.isAssignableFrom(scalarClass))) {
      throw new IllegalArgumentException("type " + type.getTypeName() + " is not supported: collection elements must be simple values");
    }
    return new ValueType(optionality, secret, shape, scalarClass, scalar(scalarClass, custom, secret));
  }

  private static Function<String, Object> scalar(Class<?> type, Map<Class<?>, Converter<?>> custom) {
    return scalar(type, custom, false);
  }

  private static Function<String, Object> scalar(Class<?> type, Map<Class<?>, Converter<?>> custom, boolean secret) {
    Converter<?> converter = custom.get(type);
    if (converter != null) {
      return guarded(converter, "is not a valid " + type.getSimpleName(), secret);
    }
    Function<String, Object> builtIn = Scalars.builtIn(type);
    if (builtIn != null) {
      return builtIn;
    }
    if (type.isPrimitive() || type.isArray() || type.isInterface() || type.isRecord()) {
      throw new IllegalArgumentException("type " + type.getName() + " is not supported: register a Converter for it");
    }
    // Types with a static of/valueOf/parse(String) or a String constructor: SmallRye finds them.
    org.eclipse.microprofile.config.spi.Converter<?> implicit = implicitConverter(type);
    if (implicit == null) {
      throw new IllegalArgumentException(
          "type " + type.getName() + " is not supported: it has no of/valueOf/parse(String) method or String constructor; register a Converter for it");
    }
    return new Implicit(implicit, "is not a valid " + type.getSimpleName());
  }

  /** Converts with one of SmallRye's implicit converters. */
  private static final class Implicit implements Function<String, Object> {
    private final org.eclipse.microprofile.config.spi.Converter<?> implicit;
    private final String expected;

    Implicit(org.eclipse.microprofile.config.spi.Converter<?> implicit, String expected) {
      this.implicit = implicit;
      this.expected = expected;
    }

    @Override
    public Object apply(String text) {
      try {
        Object value = implicit.convert(text);
        if (value == null) {
          throw new IllegalArgumentException(expected);
        }
        return value;
      } catch (RuntimeException e) {
        // The type's own message may quote the text, which may be a secret.
        throw new IllegalArgumentException(expected);
      }
    }
  }

  /**
   * Wraps a user's converter so that any failure, or a null, becomes a message that does not quote the
   * text: many parsers' messages do ("For input string: ..."), and the text may be a secret.
   */
  private static Function<String, Object> guarded(Converter<?> converter, String expected, boolean secret) {
    return new Guarded(converter, expected, secret);
  }

  /** Converts with a user's converter, never letting its messages quote a secret. */
  private static final class Guarded implements Function<String, Object> {
    private final Converter<?> converter;
    private final String expected;
    private final boolean secret;

    Guarded(Converter<?> converter, String expected, boolean secret) {
      this.converter = converter;
      this.expected = expected;
      this.secret = secret;
    }

    @Override
    public Object apply(String text) {
      Object value;
      try {
        value = converter.convert(text);
      } catch (IllegalArgumentException e) {
        // For a secret, no message of the converter's is shown: it may quote a part of the value.
        String message = e.getMessage();
        boolean withheld = secret || message == null || message.isBlank() || message.contains(text.trim());
        throw new IllegalArgumentException(withheld ? expected : message);
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(expected + " (" + e.getClass().getSimpleName() + ")");
      }
      if (value == null) {
        throw new IllegalArgumentException(expected + ": its converter returned null");
      }
      return value;
    }
  }

  private static org.eclipse.microprofile.config.spi.Converter<?> implicitConverter(Class<?> type) {
    try {
      return Converters.getImplicitConverter(type);
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static Class<?> raw(Type type) {
    if (type instanceof Class<?> c) {
      return c;
    }
    if (type instanceof ParameterizedType p) {
      return (Class<?>) p.getRawType();
    }
    return Object.class;
  }

  private static Type argument(Type type, int index, String name) {
    if (!(type instanceof ParameterizedType p)) {
      throw new IllegalArgumentException("type " + name + " needs a type argument, such as " + name + "<String>");
    }
    Type argument = p.getActualTypeArguments()[index];
    if (!(argument instanceof Class<?>) && !(argument instanceof ParameterizedType)) {
      throw new IllegalArgumentException("type " + type.getTypeName() + " is not supported: use a concrete type argument");
    }
    return argument;
  }

  /** Returns how an unset variable of this type becomes a value. */
  public Optionality optionality() {
    return optionality;
  }

  /** Returns whether the value is wrapped in {@link Secret}. */
  public boolean secret() {
    return secret;
  }

  /** Returns whether the value (inside any optional or secret wrapper) is a collection or map. */
  public boolean collection() {
    return shape != Shape.SCALAR;
  }

  /**
   * Returns whether an empty string is a value rather than unset: only for {@code String} (plain,
   * optional or secret), as the schema reference documents.
   */
  public boolean emptyIsValue() {
    return shape == Shape.SCALAR && scalar == String.class;
  }

  /** Returns the class of the value inside any optional or secret wrapper: a scalar's, or List, Set or Map. */
  public Class<?> innerClass() {
    if (shape == Shape.LIST) {
      return List.class;
    }
    if (shape == Shape.SET) {
      return Set.class;
    }
    return shape == Shape.MAP ? Map.class : scalar;
  }

  /** Returns the class of a scalar value, or of each element of a list or set, or each value of a map. */
  public Class<?> elementClass() {
    return scalar;
  }

  /** Returns a short description for people and generated docs, such as {@code list of integer}. */
  public String describe() {
    String base = Scalars.describe(scalar);
    if (shape == Shape.LIST) {
      base = "comma-separated list of " + base;
    } else if (shape == Shape.SET) {
      base = "comma-separated set of " + base;
    } else if (shape == Shape.MAP) {
      base = "key=value pairs of " + base;
    }
    return secret ? "secret " + base : base;
  }

  /** Returns the value of an unset variable: an empty optional, or null when the variable is required. */
  public Object unsetValue() {
    if (optionality == Optionality.OPTIONAL) {
      return Optional.empty();
    }
    if (optionality == Optionality.OPTIONAL_INT) {
      return OptionalInt.empty();
    }
    if (optionality == Optionality.OPTIONAL_LONG) {
      return OptionalLong.empty();
    }
    return optionality == Optionality.OPTIONAL_DOUBLE ? OptionalDouble.empty() : null;
  }

  /**
   * Returns the value {@code text} stands for, wrapped as the component expects.
   *
   * @throws IllegalArgumentException if the text cannot be converted; the message says what was
   *     expected and does not contain the text
   */
  public Object convert(String text) {
    Object value;
    if (shape == Shape.LIST) {
      value = Collections.unmodifiableList(convertItems(text));
    } else if (shape == Shape.SET) {
      value = Collections.unmodifiableSet(new LinkedHashSet<>(convertItems(text)));
    } else if (shape == Shape.MAP) {
      value = convertMap(text);
    } else {
      value = scalarConverter.apply(text);
    }
    if (secret) {
      value = Secret.of(value);
    }
    if (optionality == Optionality.OPTIONAL) {
      return Optional.of(value);
    }
    if (optionality == Optionality.OPTIONAL_INT) {
      return OptionalInt.of((Integer) value);
    }
    if (optionality == Optionality.OPTIONAL_LONG) {
      return OptionalLong.of((Long) value);
    }
    return optionality == Optionality.OPTIONAL_DOUBLE ? OptionalDouble.of((Double) value) : value;
  }

  private List<Object> convertItems(String text) {
    List<Object> items = new ArrayList<>();
    List<String> parts = split(text, ',');
    for (int i = 0; i < parts.size(); i++) {
      String part = parts.get(i).trim();
      if (part.isEmpty()) {
        continue;
      }
      try {
        items.add(scalarConverter.apply(part));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("item " + (i + 1) + " " + e.getMessage());
      }
    }
    return items;
  }

  private Map<String, Object> convertMap(String text) {
    Map<String, Object> map = new LinkedHashMap<>();
    List<String> parts = split(text, ',');
    for (int i = 0; i < parts.size(); i++) {
      String part = parts.get(i).trim();
      if (part.isEmpty()) {
        continue;
      }
      int equals = part.indexOf('=');
      if (equals <= 0) {
        throw new IllegalArgumentException("entry " + (i + 1) + " is not key=value");
      }
      String key = part.substring(0, equals).trim();
      if (map.containsKey(key)) {
        throw new IllegalArgumentException("entry " + (i + 1) + " repeats an earlier key");
      }
      try {
        map.put(key, scalarConverter.apply(part.substring(equals + 1).trim()));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("entry " + (i + 1) + " " + e.getMessage());
      }
    }
    return Collections.unmodifiableMap(map);
  }

  /** Splits on {@code separator}, honouring {@code \} as an escape so that items can contain it. */
  private static List<String> split(String text, char separator) {
    List<String> parts = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\' && i + 1 < text.length() && text.charAt(i + 1) == separator) {
        current.append(separator);
        i++;
      } else if (c == separator) {
        parts.add(current.toString());
        current.setLength(0);
      } else {
        current.append(c);
      }
    }
    parts.add(current.toString());
    return parts;
  }
}
