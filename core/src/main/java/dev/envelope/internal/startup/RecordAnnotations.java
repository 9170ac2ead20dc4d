package dev.envelope.internal.startup;

import dev.envelope.internal.schema.AnnotationData;
import dev.envelope.internal.schema.TypeUse;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedArrayType;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.AnnotatedWildcardType;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What a schema reads of a record class: its annotations, on the class, on each record component
 * (Envelope's own), on each component's field (Jakarta constraints, which do not target record
 * components, so Java keeps them on the field, accessor and constructor parameter only) and inside
 * each field type's type arguments; and each component's generic type.
 *
 * <p>Read from the class file when its bytes can be had, which keeps the JDK's annotation proxies
 * and generic-signature machinery off the start-up path; otherwise, as for a class defined at run
 * time, read by reflection. The two agree (a differential test holds them to it), save that a
 * reflective annotation carries all its members' values rather than only those written.
 */
public final class RecordAnnotations {
  private final List<AnnotationData> annotations;
  private final Map<String, List<AnnotationData>> components = new HashMap<>();
  private final Map<String, List<AnnotationData>> fields = new HashMap<>();
  private final Map<String, List<TypeUse>> typeArguments = new HashMap<>();
  private final Map<String, Type> types = new HashMap<>();
  private final Map<String, List<AnnotationData>> methods;
  private final Map<String, List<TypeUse>> methodTypeArguments;

  private RecordAnnotations(List<AnnotationData> annotations, Map<String, List<AnnotationData>> methods,
      Map<String, List<TypeUse>> methodTypeArguments) {
    this.annotations = annotations;
    this.methods = methods;
    this.methodTypeArguments = methodTypeArguments;
  }

  /** Adds what was read of the component {@code name}; only while the instance is being built. */
  private void put(String name, Type type, List<AnnotationData> component, List<AnnotationData> field,
      List<TypeUse> inTypeArguments) {
    types.put(name, type);
    components.put(name, component);
    fields.put(name, field);
    typeArguments.put(name, inTypeArguments);
  }

  /**
   * Each record class's annotations, once read; a race reads them twice, harmlessly. (An atomic
   * reference, as the maps are filled after construction: its volatile write publishes them.)
   */
  private static final ClassValue<AtomicReference<RecordAnnotations>> CACHE =
      new ClassValue<>() {
        @Override
        protected AtomicReference<RecordAnnotations> computeValue(Class<?> type) {
          return new AtomicReference<>();
        }
      };

  /**
   * Returns the annotations of the record class {@code type}, reading class files through {@code
   * files} the first time.
   */
  public static RecordAnnotations of(Class<?> type, ClassBytes files) {
    AtomicReference<RecordAnnotations> slot = CACHE.get(type);
    RecordAnnotations annotations = slot.get();
    if (annotations == null) {
      annotations = read(type, files);
      slot.set(annotations);
    }
    return annotations;
  }

  private static RecordAnnotations read(Class<?> type, ClassBytes files) {
    byte[] bytes = files.of(type);
    if (bytes != null) {
      try {
        return fromClassFile(type, ClassFile.parse(bytes, type.getClassLoader(), files));
      } catch (IllegalArgumentException e) {
        // A class file this reader does not understand: reflection does.
      }
    }
    return reflect(type);
  }

  static RecordAnnotations fromClassFile(Class<?> type, ClassFile file) {
    Map<String, List<AnnotationData>> methods = new HashMap<>();
    for (Map.Entry<String, List<AnnotationData>> method : file.methodAnnotations().entrySet()) {
      List<AnnotationData> visible = AnnotationTypes.visible(method.getValue());
      if (!visible.isEmpty()) {
        methods.put(method.getKey(), visible);
      }
    }
    Map<String, List<TypeUse>> methodTypeArguments = new HashMap<>();
    for (Map.Entry<String, List<TypeUse>> method : file.methodTypeArgumentAnnotations().entrySet()) {
      List<TypeUse> visible = visibleUses(method.getValue());
      if (!visible.isEmpty()) {
        methodTypeArguments.put(method.getKey(), visible);
      }
    }
    RecordAnnotations read = new RecordAnnotations(AnnotationTypes.visible(file.annotations()), methods, methodTypeArguments);
    for (RecordComponent component : type.getRecordComponents()) {
      String name = component.getName();
      Type parsed = SignatureTypes.parse(file.componentSignature(name), type.getClassLoader());
      read.put(name, parsed != null ? parsed : component.getGenericType(),
          AnnotationTypes.visible(file.componentAnnotations(name)),
          AnnotationTypes.visible(file.fieldAnnotations(name)),
          visibleUses(file.fieldTypeArgumentAnnotations(name)));
    }
    return read;
  }

  /** Keeps the type uses whose annotation reflection would show, as {@link AnnotationTypes#visible} does. */
  private static List<TypeUse> visibleUses(List<TypeUse> uses) {
    List<TypeUse> visible = new ArrayList<>(uses.size());
    for (TypeUse use : uses) {
      if (!AnnotationTypes.visible(List.of(use.annotation())).isEmpty()) {
        visible.add(use);
      }
    }
    return List.copyOf(visible);
  }

  /** Reads the annotations of the record class {@code type} by reflection. */
  static RecordAnnotations reflect(Class<?> type) {
    Map<String, List<AnnotationData>> methods = new HashMap<>();
    Map<String, List<TypeUse>> methodTypeArguments = new HashMap<>();
    for (Method method : type.getDeclaredMethods()) {
      if (method.getParameterCount() != 0 || Modifier.isStatic(method.getModifiers())) {
        continue;
      }
      List<AnnotationData> declared = data(method.getAnnotations());
      if (!declared.isEmpty()) {
        methods.put(method.getName(), declared);
      }
      List<TypeUse> inReturnType = new ArrayList<>();
      collectTypeArguments(method.getAnnotatedReturnType(), "", false, inReturnType);
      if (!inReturnType.isEmpty()) {
        methodTypeArguments.put(method.getName(), List.copyOf(inReturnType));
      }
    }
    RecordAnnotations read = new RecordAnnotations(data(type.getAnnotations()), methods, methodTypeArguments);
    for (RecordComponent component : type.getRecordComponents()) {
      String name = component.getName();
      List<AnnotationData> field = List.of();
      List<TypeUse> inTypeArguments = new ArrayList<>();
      try {
        Field declared = type.getDeclaredField(name);
        field = data(declared.getAnnotations());
        collectTypeArguments(declared.getAnnotatedType(), "", false, inTypeArguments);
      } catch (NoSuchFieldException e) {
        // A record component always has its field; without one there is nothing more to read.
      }
      read.put(name, component.getGenericType(), data(component.getAnnotations()), field, List.copyOf(inTypeArguments));
    }
    return read;
  }

  public static void collectTypeArguments(AnnotatedType type, String path, boolean inArgument, List<TypeUse> found) {
    if (inArgument) {
      for (AnnotationData annotation : data(type.getAnnotations())) {
        found.add(new TypeUse(path, annotation));
      }
    }
    String prefix = path.isEmpty() ? "" : path + "/";
    if (type instanceof AnnotatedParameterizedType parameterized) {
      AnnotatedType[] arguments = parameterized.getAnnotatedActualTypeArguments();
      for (int i = 0; i < arguments.length; i++) {
        collectTypeArguments(arguments[i], prefix + i, true, found);
      }
    } else if (type instanceof AnnotatedArrayType array) {
      collectTypeArguments(array.getAnnotatedGenericComponentType(), prefix + "a", inArgument, found);
    } else if (type instanceof AnnotatedWildcardType wildcard) {
      for (AnnotatedType bound : wildcard.getAnnotatedUpperBounds()) {
        collectTypeArguments(bound, prefix + "w", inArgument, found);
      }
      for (AnnotatedType bound : wildcard.getAnnotatedLowerBounds()) {
        collectTypeArguments(bound, prefix + "w", inArgument, found);
      }
    }
  }

  private static List<AnnotationData> data(Annotation[] annotations) {
    List<AnnotationData> list = new ArrayList<>(annotations.length);
    for (Annotation annotation : annotations) {
      list.add(AnnotationData.of(annotation));
    }
    return List.copyOf(list);
  }

  /** Returns the generic type of the record component {@code name}, as reflection gives it. */
  public Type type(String name) {
    return types.get(name);
  }

  /** Returns the class's own annotations. */
  public List<AnnotationData> annotations() {
    return annotations;
  }

  /** Returns the annotations of the record component {@code name}. */
  public List<AnnotationData> component(String name) {
    return components.getOrDefault(name, List.of());
  }

  /** Returns the annotations of the field of the record component {@code name}. */
  public List<AnnotationData> field(String name) {
    return fields.getOrDefault(name, List.of());
  }

  /** Returns the type annotations inside the type arguments of the component {@code name}'s type. */
  public List<AnnotationData> typeArguments(String name) {
    List<TypeUse> uses = typeUses(name);
    List<AnnotationData> list = new ArrayList<>(uses.size());
    for (TypeUse use : uses) {
      list.add(use.annotation());
    }
    return list;
  }

  /** Returns the same annotations as {@link #typeArguments}, each with its place in the type. */
  public List<TypeUse> typeUses(String name) {
    return typeArguments.getOrDefault(name, List.of());
  }

  /**
   * Returns the annotations of the class's own instance methods without parameters, by name (only
   * those that have some): getters among them carry constraints the validator applies.
   */
  public Map<String, List<AnnotationData>> methods() {
    return methods;
  }

  /** Returns the type annotations inside the type arguments of those methods' return types, by name. */
  public Map<String, List<TypeUse>> methodTypeUses() {
    return methodTypeArguments;
  }

  /** Returns the first annotation of the type named {@code type} among {@code annotations}, or null. */
  public static AnnotationData find(List<AnnotationData> annotations, String type) {
    for (AnnotationData annotation : annotations) {
      if (annotation.type().equals(type)) {
        return annotation;
      }
    }
    return null;
  }

  /**
   * Returns the annotations of the repeatable type named {@code type} among {@code annotations}, whether
   * written once or gathered in their {@code container}, as {@code getAnnotationsByType} does.
   */
  public static List<AnnotationData> findAll(List<AnnotationData> annotations, String type, String container) {
    List<AnnotationData> found = new ArrayList<>();
    for (AnnotationData annotation : annotations) {
      if (annotation.type().equals(type)) {
        found.add(annotation);
      } else if (annotation.type().equals(container)) {
        for (Object repeated : (List<?>) annotation.attribute("value")) {
          found.add((AnnotationData) repeated);
        }
      }
    }
    return found;
  }
}
