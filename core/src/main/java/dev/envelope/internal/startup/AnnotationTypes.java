package dev.envelope.internal.startup;

import dev.envelope.internal.schema.AnnotationData;
import dev.envelope.internal.validate.Constraints;
import java.lang.annotation.Annotation;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What Envelope needs to know of an annotation type, read from its class file once per type: its
 * members' defaults, whether it is a Jakarta Validation constraint, and whether it is visible at run
 * time at all.
 */
public final class AnnotationTypes {
  private static final String CONSTRAINT = "jakarta.validation.Constraint";
  private static final String RETENTION = "java.lang.annotation.Retention";

  /**
   * Each annotation type's facts, once read; a race reads them twice, harmlessly: they are immutable.
   * In a holder, which a load that needs no facts never initialises.
   */
  private static final class Cache {
    static final ClassValue<Facts[]> FACTS =
        new ClassValue<>() {
          @Override
          protected Facts[] computeValue(Class<?> type) {
            return new Facts[1];
          }
        };
  }

  /**
   * The defaults of the constraints {@link BuiltinConstraints} evaluates, as the Jakarta Validation
   * API and Hibernate Validator declare them (a test compares the two): knowing them saves loading
   * the constraint types at all, and with them opening the jars that hold them, which for a class
   * path in Maven's order means opening most of its jars.
   */
  private static final Map<String, Map<String, Object>> BUILTIN_DEFAULTS = builtinDefaults();

  private AnnotationTypes() {}

  private static Map<String, Map<String, Object>> builtinDefaults() {
    String jakarta = "jakarta.validation.constraints.";
    Map<String, Map<String, Object>> all = new HashMap<>();
    String[] plain = {"NotNull", "NotBlank", "NotEmpty", "Min", "Max", "Positive", "PositiveOrZero", "Negative", "NegativeOrZero",
        "Null", "AssertTrue", "AssertFalse", "Digits"};
    for (String simple : plain) {
      all.put(jakarta + simple, common(jakarta + simple));
    }
    Map<String, Object> size = new HashMap<>(common(jakarta + "Size"));
    size.put("min", 0);
    size.put("max", Integer.MAX_VALUE);
    all.put(jakarta + "Size", Map.copyOf(size));
    Map<String, Object> pattern = new HashMap<>(common(jakarta + "Pattern"));
    pattern.put("flags", List.of());
    all.put(jakarta + "Pattern", Map.copyOf(pattern));
    Map<String, Object> email = new HashMap<>(common(jakarta + "Email"));
    email.put("regexp", ".*");
    email.put("flags", List.of());
    all.put(jakarta + "Email", Map.copyOf(email));
    for (String simple : new String[] {"DecimalMin", "DecimalMax"}) {
      Map<String, Object> decimal = new HashMap<>(common(jakarta + simple));
      decimal.put("inclusive", true);
      all.put(jakarta + simple, Map.copyOf(decimal));
    }
    String hibernate = "org.hibernate.validator.constraints.";
    Map<String, Object> length = new HashMap<>(common(hibernate + "Length"));
    length.put("min", 0);
    length.put("max", Integer.MAX_VALUE);
    all.put(hibernate + "Length", Map.copyOf(length));
    Map<String, Object> range = new HashMap<>(common(hibernate + "Range"));
    range.put("min", 0L);
    range.put("max", Long.MAX_VALUE);
    all.put(hibernate + "Range", Map.copyOf(range));
    String hibernateUrl = "org.hibernate.validator.constraints.URL";
    Map<String, Object> url = new HashMap<>(common(hibernateUrl));
    url.put("protocol", "");
    url.put("host", "");
    url.put("port", -1);
    url.put("regexp", ".*");
    url.put("flags", List.of());
    all.put(hibernateUrl, Map.copyOf(url));
    return Map.copyOf(all);
  }

  private static Map<String, Object> common(String type) {
    return Map.of("message", "{" + type + ".message}", "groups", List.of(), "payload", List.of());
  }

  /**
   * An annotation type's facts.
   *
   * @param defaults its members' defaults, by member name
   * @param annotations its own (meta-)annotations, such as the constraints a composed constraint is made of
   * @param constraint whether it is meta-annotated {@code @jakarta.validation.Constraint}
   * @param runtime whether it is retained at run time, so that reflection would show it
   */
  public record Facts(Map<String, Object> defaults, List<AnnotationData> annotations, boolean constraint, boolean runtime) {}

  /** Returns the defaults of the annotation type {@code name}; empty if it cannot be loaded. */
  public static Map<String, Object> defaults(String name, ClassLoader loader, ClassBytes files) {
    Map<String, Object> known = BUILTIN_DEFAULTS.get(name);
    if (known != null) {
      return known;
    }
    Facts facts = facts(name, loader, files);
    return facts == null ? Map.of() : facts.defaults();
  }

  /**
   * Returns the facts of the annotation type {@code name} as {@code loader} sees it, or null if it
   * cannot be loaded or is not an annotation type: reflection leaves such annotations out too. Class
   * files are read through {@code files}.
   */
  public static Facts facts(String name, ClassLoader loader, ClassBytes files) {
    Class<?> type = load(name, loader);
    if (type == null) {
      return null;
    }
    Facts[] slot = Cache.FACTS.get(type);
    Facts facts = slot[0];
    if (facts == null) {
      facts = read(type, files);
      slot[0] = facts;
    }
    return facts;
  }

  private static Class<?> load(String name, ClassLoader loader) {
    try {
      Class<?> type = Class.forName(name, false, loader);
      return type.isAnnotation() ? type : null;
    } catch (ClassNotFoundException | LinkageError e) {
      return null;
    }
  }

  private static Facts read(Class<?> type, ClassBytes files) {
    byte[] bytes = files.of(type);
    if (bytes != null) {
      try {
        ClassFile file = ClassFile.parse(bytes, type.getClassLoader(), files);
        boolean constraint = false;
        boolean runtime = false;
        for (AnnotationData meta : file.annotations()) {
          constraint |= meta.type().equals(CONSTRAINT);
          runtime |= meta.type().equals(RETENTION) && "RUNTIME".equals(meta.values().get("value"));
        }
        return new Facts(Map.copyOf(file.defaults()), file.annotations(), constraint, runtime);
      } catch (IllegalArgumentException e) {
        // Not readable after all: ask reflection.
      }
    }
    return reflect(type);
  }

  private static Facts reflect(Class<?> type) {
    Map<String, Object> defaults = new LinkedHashMap<>();
    for (Method member : type.getDeclaredMethods()) {
      Object value = member.getDefaultValue();
      if (value != null) {
        defaults.put(member.getName(), AnnotationData.value(value));
      }
    }
    boolean constraint = false;
    List<AnnotationData> annotations = new ArrayList<>();
    for (Annotation meta : type.getAnnotations()) {
      constraint |= meta.annotationType().getName().equals(CONSTRAINT);
      annotations.add(AnnotationData.of(meta));
    }
    Retention retention = type.getAnnotation(Retention.class);
    boolean runtime = retention != null && retention.value() == RetentionPolicy.RUNTIME;
    return new Facts(Map.copyOf(defaults), List.copyOf(annotations), constraint, runtime);
  }

  /**
   * Returns {@code annotations} without those reflection would not show: unloadable or not retained
   * at run time. Envelope's own annotations and Jakarta's and Hibernate's built-in constraints are
   * known to be retained, and Envelope depends on the jars that hold them, so they are not loaded to
   * find out.
   */
  static List<AnnotationData> visible(List<AnnotationData> annotations) {
    for (AnnotationData annotation : annotations) {
      if (!isVisible(annotation)) {
        List<AnnotationData> kept = new ArrayList<>(annotations.size());
        for (AnnotationData each : annotations) {
          if (isVisible(each)) {
            kept.add(each);
          }
        }
        return List.copyOf(kept);
      }
    }
    return annotations;
  }

  private static boolean isVisible(AnnotationData annotation) {
    String name = annotation.type();
    if (Constraints.isEnvelopeAnnotation(name) || Constraints.isBuiltin(name)) {
      return true;
    }
    Facts facts = facts(name, annotation.loader(), annotation.files());
    return facts != null && facts.runtime();
  }
}
