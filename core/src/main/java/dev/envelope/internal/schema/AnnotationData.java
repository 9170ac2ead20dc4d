package dev.envelope.internal.schema;

import dev.envelope.internal.startup.AnnotationTypes;
import dev.envelope.internal.startup.ClassBytes;
import java.lang.annotation.Annotation;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An annotation as data: its type's name and the values written in the source, read from a class
 * file ({@link ClassFile}) or, where a class's bytes cannot be had, from a reflective annotation.
 *
 * <p>Values are boxed primitives and strings, an enum constant's name, a class's {@link
 * Class#getName() name}, a nested {@code AnnotationData}, or an unmodifiable list for an array.
 * Members not written take their default from the annotation type ({@link AnnotationTypes}).
 */
public final class AnnotationData {
  private final String type;
  private final Map<String, Object> values;
  private final ClassLoader loader;
  private final ClassBytes files;

  /**
   * Creates an annotation of type {@code type} (a {@link Class#getName() class name}) with {@code
   * values} as written; {@code loader} finds the type, and {@code files} its class file, for its
   * defaults.
   */
  public AnnotationData(String type, Map<String, Object> values, ClassLoader loader, ClassBytes files) {
    this.type = type;
    this.values = values;
    this.loader = loader;
    this.files = files;
  }

  /** Returns the annotation as data, every member's value included, defaults as well. */
  public static AnnotationData of(Annotation annotation) {
    Class<? extends Annotation> type = annotation.annotationType();
    Map<String, Object> values = new LinkedHashMap<>();
    for (Method member : type.getDeclaredMethods()) {
      if (member.getParameterCount() != 0 || member.isSynthetic()) {
        continue;
      }
      values.put(member.getName(), value(member(annotation, member)));
    }
    return new AnnotationData(type.getName(), values, type.getClassLoader(), ClassBytes.UNSCOPED);
  }

  /**
   * Returns the value of {@code member} of {@code annotation}: through the annotation's invocation
   * handler where the member is not accessible (a non-public annotation type, or one in a module that
   * is not open), as the JDK's annotations are proxies whose handler answers for every member.
   */
  private static Object member(Annotation annotation, Method member) {
    try {
      if (member.trySetAccessible()) {
        return member.invoke(annotation);
      }
      if (java.lang.reflect.Proxy.isProxyClass(annotation.getClass())) {
        return java.lang.reflect.Proxy.getInvocationHandler(annotation).invoke(annotation, member, null);
      }
      return member.invoke(annotation);
    } catch (java.lang.reflect.InvocationTargetException e) {
      throw new IllegalStateException("cannot read " + member + ": " + e.getCause(), e.getCause());
    } catch (Throwable e) {
      throw new IllegalStateException("cannot read " + member + ": " + e, e);
    }
  }

  /** Returns a reflective value, such as an annotation member's default, in this class's representation. */
  public static Object value(Object value) {
    if (value instanceof Enum<?> constant) {
      return constant.name();
    }
    if (value instanceof Class<?> type) {
      return type.getName();
    }
    if (value instanceof Annotation annotation) {
      return of(annotation);
    }
    if (value != null && value.getClass().isArray()) {
      int length = Array.getLength(value);
      List<Object> list = new ArrayList<>(length);
      for (int i = 0; i < length; i++) {
        list.add(value(Array.get(value, i)));
      }
      return List.copyOf(list);
    }
    return value;
  }

  /** Returns the annotation type's {@link Class#getName() name}. */
  public String type() {
    return type;
  }

  /** Returns the values written in the source, by member name (all of them, if read reflectively). */
  public Map<String, Object> values() {
    return values;
  }

  /** Returns the class loader that finds the annotation's type. */
  public ClassLoader loader() {
    return loader;
  }

  /** Returns the reader of the annotation type's class file. */
  public ClassBytes files() {
    return files;
  }

  /** Returns the annotation type's member defaults. */
  Map<String, Object> defaults() {
    return AnnotationTypes.defaults(type, loader, files);
  }

  /**
   * Returns the value of the member {@code name}: as written, else the type's default.
   *
   * @throws IllegalStateException if the annotation has no such member
   */
  public Object attribute(String name) {
    Object value = values.get(name);
    if (value == null) {
      value = defaults().get(name);
    }
    if (value == null) {
      throw new IllegalStateException(type + " has no attribute " + name);
    }
    return value;
  }

  /** Returns every member's value, defaults included. */
  public Map<String, Object> attributes() {
    Map<String, Object> all = new LinkedHashMap<>(defaults());
    all.putAll(values);
    return all;
  }

  /** Returns a string attribute. */
  String string(String name) {
    return (String) attribute(name);
  }

  @Override
  public String toString() {
    return "@" + type + values;
  }
}
