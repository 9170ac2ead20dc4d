package dev.envelope.internal.startup;

import dev.envelope.internal.schema.AnnotationData;
import dev.envelope.internal.schema.TypeUse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The runtime-visible annotations of one class file (JVMS §4.7.16 to §4.7.22): on the class, its
 * fields, its record components and, for an annotation type, its members' defaults. Nothing else of
 * the class is kept.
 *
 * <p>Envelope reads a schema's annotations here rather than through reflection because the JDK
 * implements reflective annotations with generated proxy classes: the first ones cost a cold start
 * tens of milliseconds (the proxy generator, its method handles and a class per annotation type),
 * several times what reading the class file costs. ASM would do the same reading, but loading and
 * verifying its reader costs a cold JVM about ten times as much as this one class.
 */
public final class ClassFile {
  private static final int MAGIC = 0xCAFEBABE;
  private static final int STATIC = 0x0008;

  private final byte[] bytes;
  private final int[] offsets;
  private final String[] strings;
  private final ClassLoader loader;
  private final ClassBytes files;
  private int position;

  private List<AnnotationData> annotations = List.of();
  private final Map<String, List<AnnotationData>> fieldAnnotations = new HashMap<>();
  private final Map<String, List<TypeUse>> fieldTypeArgumentAnnotations = new HashMap<>();
  private final Map<String, List<AnnotationData>> methodAnnotations = new HashMap<>();
  private final Map<String, List<TypeUse>> methodTypeArgumentAnnotations = new HashMap<>();
  private final Map<String, List<AnnotationData>> componentAnnotations = new HashMap<>();
  private final Map<String, String> componentSignatures = new HashMap<>();
  private final Map<String, Object> defaults = new LinkedHashMap<>();

  private ClassFile(byte[] bytes, ClassLoader loader, ClassBytes files) {
    this.bytes = bytes;
    this.loader = loader;
    this.files = files;
    if (u4() != MAGIC) {
      throw new IllegalArgumentException("not a class file");
    }
    position += 4; // minor and major version
    int count = u2();
    offsets = new int[count];
    strings = new String[count];
    for (int i = 1; i < count; i++) {
      offsets[i] = position;
      int tag = u1();
      switch (tag) {
        case 1 -> position += 2 + u2at(position); // Utf8
        case 3, 4, 9, 10, 11, 12, 17, 18 -> position += 4;
        case 5, 6 -> {
          position += 8;
          i++; // a long or double takes two entries
        }
        case 7, 8, 16, 19, 20 -> position += 2;
        case 15 -> position += 3;
        default -> throw new IllegalArgumentException("unknown constant pool tag " + tag);
      }
    }
    position += 6; // access flags, this class, super class
    int interfaces = u2();
    position += 2 * interfaces;
    int fields = u2();
    for (int i = 0; i < fields; i++) {
      member(true);
    }
    int methods = u2();
    for (int i = 0; i < methods; i++) {
      member(false);
    }
    int attributes = u2();
    for (int i = 0; i < attributes; i++) {
      String name = utf8(u2());
      int length = u4();
      int end = position + length;
      if (name.equals("RuntimeVisibleAnnotations")) {
        annotations = readAnnotations();
      } else if (name.equals("Record")) {
        record();
      }
      position = end;
    }
  }

  /**
   * Parses {@code bytes}; annotations it returns find their types' defaults with {@code loader} and
   * {@code files}.
   *
   * @throws IllegalArgumentException if {@code bytes} is not a well-formed class file
   */
  static ClassFile parse(byte[] bytes, ClassLoader loader, ClassBytes files) {
    try {
      return new ClassFile(bytes, loader, files);
    } catch (IndexOutOfBoundsException e) {
      throw new IllegalArgumentException("truncated or malformed class file", e);
    }
  }

  /** Returns the class's own annotations. */
  List<AnnotationData> annotations() {
    return annotations;
  }

  /** Returns the declaration annotations of the field {@code name}; empty if it has none. */
  List<AnnotationData> fieldAnnotations(String name) {
    return fieldAnnotations.getOrDefault(name, List.of());
  }

  /**
   * Returns the type annotations inside the type arguments of the field {@code name}'s type, as the
   * {@code @Email} in {@code List<@Email String>}, at any depth, each with its place.
   */
  List<TypeUse> fieldTypeArgumentAnnotations(String name) {
    return fieldTypeArgumentAnnotations.getOrDefault(name, List.of());
  }

  /**
   * Returns the declaration annotations of each instance method without parameters that has some,
   * by name: the candidates for getter constraints.
   */
  Map<String, List<AnnotationData>> methodAnnotations() {
    return methodAnnotations;
  }

  /** Returns the type annotations inside the type arguments of those methods' return types, by name. */
  Map<String, List<TypeUse>> methodTypeArgumentAnnotations() {
    return methodTypeArgumentAnnotations;
  }

  /** Returns the annotations of the record component {@code name}; empty if it has none. */
  List<AnnotationData> componentAnnotations(String name) {
    return componentAnnotations.getOrDefault(name, List.of());
  }

  /**
   * Returns the type signature of the record component {@code name}: its generic signature where it
   * has one, else its descriptor; null if there is no such component.
   */
  String componentSignature(String name) {
    return componentSignatures.get(name);
  }

  /** Returns the default of each member of an annotation type that has one, by member name. */
  Map<String, Object> defaults() {
    return defaults;
  }

  private void member(boolean field) {
    int access = u2();
    String name = utf8(u2());
    // An instance method without parameters may be a getter, whose constraints the validator applies.
    int descriptor = u2();
    boolean getterCandidate = !field && (access & STATIC) == 0 && utf8(descriptor).startsWith("()");
    int attributes = u2();
    for (int i = 0; i < attributes; i++) {
      String attribute = utf8(u2());
      int length = u4();
      int end = position + length;
      if (field && attribute.equals("RuntimeVisibleAnnotations")) {
        fieldAnnotations.put(name, readAnnotations());
      } else if (field && attribute.equals("RuntimeVisibleTypeAnnotations")) {
        fieldTypeArgumentAnnotations.put(name, typeArgumentAnnotations());
      } else if (getterCandidate && attribute.equals("RuntimeVisibleAnnotations")) {
        methodAnnotations.put(name, readAnnotations());
      } else if (getterCandidate && attribute.equals("RuntimeVisibleTypeAnnotations")) {
        methodTypeArgumentAnnotations.put(name, typeArgumentAnnotations());
      } else if (!field && attribute.equals("AnnotationDefault")) {
        defaults.put(name, elementValue());
      }
      position = end;
    }
  }

  private void record() {
    int components = u2();
    for (int i = 0; i < components; i++) {
      String name = utf8(u2());
      componentSignatures.put(name, utf8(u2()));
      int attributes = u2();
      for (int j = 0; j < attributes; j++) {
        String attribute = utf8(u2());
        int length = u4();
        int end = position + length;
        if (attribute.equals("RuntimeVisibleAnnotations")) {
          componentAnnotations.put(name, readAnnotations());
        } else if (attribute.equals("Signature")) {
          componentSignatures.put(name, utf8(u2()));
        }
        position = end;
      }
    }
  }

  private List<AnnotationData> readAnnotations() {
    int count = u2();
    List<AnnotationData> list = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      list.add(annotation());
    }
    return List.copyOf(list);
  }

  /**
   * Keeps the type annotations whose path enters a type argument (JVMS §4.7.20.2, kind 3), each with
   * its path in {@link TypeUse}'s notation. Of a method's, only those on its return type.
   */
  private List<TypeUse> typeArgumentAnnotations() {
    int count = u2();
    List<TypeUse> list = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int target = u1();
      skipTargetInfo(target);
      int pathLength = u1();
      boolean inTypeArgument = false;
      StringBuilder path = new StringBuilder();
      for (int step = 0; step < pathLength; step++) {
        int kind = u1();
        int argument = u1();
        inTypeArgument |= kind == 3;
        if (path.length() > 0) {
          path.append('/');
        }
        path.append(kind == 3 ? Integer.toString(argument) : kind == 0 ? "a" : kind == 1 ? "n" : "w");
      }
      AnnotationData annotation = annotation();
      boolean onTheType = target == 0x13 || target == 0x14; // a field's type, a method's return type
      if (inTypeArgument && onTheType) {
        list.add(new TypeUse(path.toString(), annotation));
      }
    }
    return List.copyOf(list);
  }

  private void skipTargetInfo(int targetType) {
    switch (targetType) {
      case 0x00, 0x01, 0x16 -> position += 1;
      case 0x10, 0x11, 0x12, 0x17, 0x42, 0x43, 0x44, 0x45, 0x46 -> position += 2;
      case 0x13, 0x14, 0x15 -> {
        // empty_target
      }
      case 0x40, 0x41 -> {
        int entries = u2();
        position += 6 * entries;
      }
      case 0x47, 0x48, 0x49, 0x4A, 0x4B -> position += 3;
      default -> throw new IllegalArgumentException("unknown type annotation target " + targetType);
    }
  }

  private AnnotationData annotation() {
    String type = className(utf8(u2()));
    int pairs = u2();
    Map<String, Object> values = new LinkedHashMap<>();
    for (int i = 0; i < pairs; i++) {
      String name = utf8(u2());
      values.put(name, elementValue());
    }
    return new AnnotationData(type, values, loader, files);
  }

  /**
   * Returns an element value in {@link AnnotationData}'s representation: boxed primitives and
   * strings, an enum constant's name, a class's {@link Class#getName() name}, a nested annotation,
   * or a list for an array.
   */
  private Object elementValue() {
    int tag = u1();
    switch (tag) {
      case 'B':
        return (byte) integer(u2());
      case 'C':
        return (char) integer(u2());
      case 'S':
        return (short) integer(u2());
      case 'Z':
        return integer(u2()) != 0;
      case 'I':
        return integer(u2());
      case 'F':
        return Float.intBitsToFloat(integer(u2()));
      case 'J':
        return longConstant(u2());
      case 'D':
        return Double.longBitsToDouble(longConstant(u2()));
      case 's':
        return utf8(u2());
      case 'e':
        position += 2; // the enum's type
        return utf8(u2());
      case 'c':
        return descriptorName(utf8(u2()));
      case '@':
        return annotation();
      case '[':
        int count = u2();
        List<Object> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
          values.add(elementValue());
        }
        return List.copyOf(values);
      default:
        throw new IllegalArgumentException("unknown element value tag " + tag);
    }
  }

  /** Returns the class name a field descriptor such as {@code Ljava/lang/String;} stands for. */
  private static String className(String descriptor) {
    if (descriptor.length() < 3 || descriptor.charAt(0) != 'L' || !descriptor.endsWith(";")) {
      throw new IllegalArgumentException("not a class descriptor: " + descriptor);
    }
    return descriptor.substring(1, descriptor.length() - 1).replace('/', '.');
  }

  /** Returns what {@link Class#getName()} says for the class a return descriptor names. */
  static String descriptorName(String descriptor) {
    switch (descriptor.charAt(0)) {
      case 'L':
        return className(descriptor);
      case '[':
        return descriptor.replace('/', '.');
      case 'B':
        return "byte";
      case 'C':
        return "char";
      case 'D':
        return "double";
      case 'F':
        return "float";
      case 'I':
        return "int";
      case 'J':
        return "long";
      case 'S':
        return "short";
      case 'Z':
        return "boolean";
      case 'V':
        return "void";
      default:
        throw new IllegalArgumentException("not a descriptor: " + descriptor);
    }
  }

  private int integer(int index) {
    return u4at(offsets[index] + 1);
  }

  private long longConstant(int index) {
    int offset = offsets[index] + 1;
    return ((long) u4at(offset) << 32) | (u4at(offset + 4) & 0xFFFFFFFFL);
  }

  /** Decodes a Utf8 constant: modified UTF-8 (JVMS §4.4.7), once per entry. */
  private String utf8(int index) {
    String cached = strings[index];
    if (cached != null) {
      return cached;
    }
    int offset = offsets[index];
    if (bytes[offset] != 1) {
      throw new IllegalArgumentException("constant " + index + " is not a Utf8 entry");
    }
    int length = u2at(offset + 1);
    int at = offset + 3;
    int end = at + length;
    char[] chars = new char[length];
    int n = 0;
    while (at < end) {
      int b = bytes[at++] & 0xFF;
      if (b < 0x80) {
        chars[n++] = (char) b;
      } else if ((b & 0xE0) == 0xC0) {
        chars[n++] = (char) (((b & 0x1F) << 6) | (bytes[at++] & 0x3F));
      } else {
        chars[n++] = (char) (((b & 0x0F) << 12) | ((bytes[at++] & 0x3F) << 6) | (bytes[at++] & 0x3F));
      }
    }
    String decoded = new String(chars, 0, n);
    strings[index] = decoded;
    return decoded;
  }

  private int u1() {
    return bytes[position++] & 0xFF;
  }

  private int u2() {
    int value = u2at(position);
    position += 2;
    return value;
  }

  private int u4() {
    int value = u4at(position);
    position += 4;
    return value;
  }

  private int u2at(int offset) {
    return ((bytes[offset] & 0xFF) << 8) | (bytes[offset + 1] & 0xFF);
  }

  private int u4at(int offset) {
    return (u2at(offset) << 16) | u2at(offset + 2);
  }
}
