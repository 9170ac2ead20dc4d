package dev.envelope.internal.startup;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Turns a record component's type signature, as its class file writes it ({@code
 * Ljava/util/Optional<Ljava/lang/String;>;}), into the {@link Type} reflection would return.
 *
 * <p>Only the shapes a schema may use are read here: classes, primitives, arrays and parameterized
 * types whose arguments are such types. Anything else (wildcards, type variables, members of
 * parameterized types) is left to reflection, whose {@code sun.reflect.generics} machinery, about
 * thirty classes outside the JDK's shared archive, a cold start otherwise loads for every schema.
 */
public final class SignatureTypes {
  private final String signature;
  private final ClassLoader loader;
  private int position;

  private SignatureTypes(String signature, ClassLoader loader) {
    this.signature = signature;
    this.loader = loader;
  }

  /**
   * Returns the type {@code signature} stands for, its classes loaded (not initialised) by {@code
   * loader}, or null if it is not one of the shapes read here or a class cannot be loaded.
   */
  static Type parse(String signature, ClassLoader loader) {
    if (signature == null) {
      return null;
    }
    SignatureTypes reader = new SignatureTypes(signature, loader);
    try {
      Type type = reader.type();
      return reader.position == signature.length() ? type : null;
    } catch (ClassNotFoundException | LinkageError | RuntimeException e) {
      return null;
    }
  }

  private Type type() throws ClassNotFoundException {
    char c = signature.charAt(position++);
    switch (c) {
      case 'B':
        return byte.class;
      case 'C':
        return char.class;
      case 'D':
        return double.class;
      case 'F':
        return float.class;
      case 'I':
        return int.class;
      case 'J':
        return long.class;
      case 'S':
        return short.class;
      case 'Z':
        return boolean.class;
      case '[':
        Type component = type();
        if (!(component instanceof Class<?> element)) {
          throw new IllegalArgumentException("a generic array");
        }
        return element.arrayType();
      case 'L':
        return classType();
      default:
        throw new IllegalArgumentException("not read here: " + c);
    }
  }

  private Type classType() throws ClassNotFoundException {
    int start = position;
    while (position < signature.length() && "<;.".indexOf(signature.charAt(position)) < 0) {
      position++;
    }
    Class<?> raw = Class.forName(signature.substring(start, position).replace('/', '.'), false, loader);
    char next = signature.charAt(position++);
    if (next == ';') {
      return raw;
    }
    if (next != '<') {
      throw new IllegalArgumentException("a member of a parameterized type");
    }
    List<Type> arguments = new ArrayList<>(2);
    while (signature.charAt(position) != '>') {
      arguments.add(type());
    }
    position++;
    if (signature.charAt(position++) != ';') {
      throw new IllegalArgumentException("a member of a parameterized type");
    }
    return new Parameterized(raw, arguments.toArray(new Type[0]));
  }

  /** A parameterized type, equal to and printed as reflection's own. */
  static final class Parameterized implements ParameterizedType {
    private final Class<?> raw;
    private final Type[] arguments;

    Parameterized(Class<?> raw, Type[] arguments) {
      this.raw = raw;
      this.arguments = arguments;
    }

    @Override
    public Type[] getActualTypeArguments() {
      return arguments.clone();
    }

    @Override
    public Type getRawType() {
      return raw;
    }

    @Override
    public Type getOwnerType() {
      return raw.getDeclaringClass();
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof ParameterizedType that
          && raw.equals(that.getRawType())
          && Objects.equals(getOwnerType(), that.getOwnerType())
          && Arrays.equals(arguments, that.getActualTypeArguments());
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(arguments) ^ Objects.hashCode(getOwnerType()) ^ raw.hashCode();
    }

    @Override
    public String toString() {
      StringBuilder text = new StringBuilder();
      Class<?> owner = raw.getDeclaringClass();
      if (owner != null) {
        text.append(owner.getTypeName()).append('$').append(raw.getSimpleName());
      } else {
        text.append(raw.getName());
      }
      text.append('<');
      for (int i = 0; i < arguments.length; i++) {
        text.append(i == 0 ? "" : ", ").append(arguments[i].getTypeName());
      }
      return text.append('>').toString();
    }
  }
}
