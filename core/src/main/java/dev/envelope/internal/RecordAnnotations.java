package dev.envelope.internal;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedArrayType;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.AnnotatedWildcardType;
import java.lang.reflect.Field;
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
final class RecordAnnotations {
  private final List<AnnotationData> annotations;
  private final List<String> names = new ArrayList<>();
  private final Map<String, List<AnnotationData>> components = new HashMap<>();
  private final Map<String, List<AnnotationData>> fields = new HashMap<>();
  private final Map<String, List<AnnotationData>> typeArguments = new HashMap<>();
  private final Map<String, Type> types = new HashMap<>();

  private RecordAnnotations(List<AnnotationData> annotations) {
    this.annotations = annotations;
  }

  /** Adds what was read of the component {@code name}; only while the instance is being built. */
  private void put(String name, Type type, List<AnnotationData> component, List<AnnotationData> field,
      List<AnnotationData> inTypeArguments) {
    names.add(name);
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
  static RecordAnnotations of(Class<?> type, ClassBytes files) {
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
    RecordAnnotations read = new RecordAnnotations(AnnotationTypes.visible(file.annotations()));
    for (RecordComponent component : type.getRecordComponents()) {
      String name = component.getName();
      Type parsed = SignatureTypes.parse(file.componentSignature(name), type.getClassLoader());
      read.put(name, parsed != null ? parsed : component.getGenericType(),
          AnnotationTypes.visible(file.componentAnnotations(name)),
          AnnotationTypes.visible(file.fieldAnnotations(name)),
          AnnotationTypes.visible(file.fieldTypeArgumentAnnotations(name)));
    }
    return read;
  }

  /** Reads the annotations of the record class {@code type} by reflection. */
  static RecordAnnotations reflect(Class<?> type) {
    RecordAnnotations read = new RecordAnnotations(data(type.getAnnotations()));
    for (RecordComponent component : type.getRecordComponents()) {
      String name = component.getName();
      List<AnnotationData> field = List.of();
      List<AnnotationData> inTypeArguments = new ArrayList<>();
      try {
        Field declared = type.getDeclaredField(name);
        field = data(declared.getAnnotations());
        collectTypeArguments(declared.getAnnotatedType(), false, inTypeArguments);
      } catch (NoSuchFieldException e) {
        // A record component always has its field; without one there is nothing more to read.
      }
      read.put(name, component.getGenericType(), data(component.getAnnotations()), field, List.copyOf(inTypeArguments));
    }
    return read;
  }

  private static void collectTypeArguments(AnnotatedType type, boolean inArgument, List<AnnotationData> found) {
    if (inArgument) {
      found.addAll(data(type.getAnnotations()));
    }
    if (type instanceof AnnotatedParameterizedType parameterized) {
      for (AnnotatedType argument : parameterized.getAnnotatedActualTypeArguments()) {
        collectTypeArguments(argument, true, found);
      }
    } else if (type instanceof AnnotatedArrayType array) {
      collectTypeArguments(array.getAnnotatedGenericComponentType(), inArgument, found);
    } else if (type instanceof AnnotatedWildcardType wildcard) {
      for (AnnotatedType bound : wildcard.getAnnotatedUpperBounds()) {
        collectTypeArguments(bound, inArgument, found);
      }
      for (AnnotatedType bound : wildcard.getAnnotatedLowerBounds()) {
        collectTypeArguments(bound, inArgument, found);
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

  /** Returns the names of the record's components, in order. */
  List<String> componentNames() {
    return names;
  }

  /** Returns the generic type of the record component {@code name}, as reflection gives it. */
  Type type(String name) {
    return types.get(name);
  }

  /** Returns the class's own annotations. */
  List<AnnotationData> annotations() {
    return annotations;
  }

  /** Returns the annotations of the record component {@code name}. */
  List<AnnotationData> component(String name) {
    return components.getOrDefault(name, List.of());
  }

  /** Returns the annotations of the field of the record component {@code name}. */
  List<AnnotationData> field(String name) {
    return fields.getOrDefault(name, List.of());
  }

  /** Returns the type annotations inside the type arguments of the component {@code name}'s type. */
  List<AnnotationData> typeArguments(String name) {
    return typeArguments.getOrDefault(name, List.of());
  }

  /** Returns the first annotation of the type named {@code type} among {@code annotations}, or null. */
  static AnnotationData find(List<AnnotationData> annotations, String type) {
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
  static List<AnnotationData> findAll(List<AnnotationData> annotations, String type, String container) {
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
