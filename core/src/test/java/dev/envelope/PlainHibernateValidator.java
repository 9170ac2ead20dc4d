package dev.envelope;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/**
 * The reference for the differential tests: plain Hibernate Validator (default bootstrap, {@code
 * ParameterMessageInterpolator}, no Envelope extractors) on a record instance, its violations written
 * the way Envelope names problems, by this class's own rules rather than Envelope's code:
 *
 * <ul>
 *   <li>a component's violation is {@code VARIABLE: message}, the variable named from the path
 *       (nested records through {@code @Valid} add their prefix);
 *   <li>an element's adds {@code [index] }, {@code [key] } or {@code key [key] } before the message;
 *   <li>a getter's is the group's label ({@code DATABASE_*}, or the schema's name) with {@code
 *       property: } before the message; a class-level one, the group's label;
 *   <li>Envelope's two documented rewordings: {@code @Size}'s default message reads "must be at least
 *       N characters long" (or items), and the conditional of {@code @DecimalMin}/{@code @DecimalMax}
 *       is evaluated rather than shown.
 * </ul>
 *
 * <p>Envelope differs on purpose in one place, documented in the schema reference: a constraint on an
 * {@code Optional} applies only when a value is present, where Hibernate Validator checks {@code
 * null} for an empty one. Such violations are counted apart, not expected.
 */
final class PlainHibernateValidator {
  private static final ValidatorFactory FACTORY =
      Validation.byDefaultProvider().configure().messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory();
  private static final Validator VALIDATOR = FACTORY.getValidator();

  /** What plain Hibernate Validator finds: the problems expected of Envelope, and the deliberate differences. */
  record Verdict(Set<String> problems, int onEmptyOptionals) {}

  private PlainHibernateValidator() {}

  static Verdict validate(Record instance) {
    Set<String> problems = new TreeSet<>();
    int onEmptyOptionals = 0;
    for (ConstraintViolation<Record> violation : VALIDATOR.validate(instance)) {
      String problem = problem(instance, violation);
      if (problem == null) {
        onEmptyOptionals++;
      } else {
        problems.add(problem);
      }
    }
    return new Verdict(problems, onEmptyOptionals);
  }

  private static String problem(Record root, ConstraintViolation<Record> violation) {
    List<Path.Node> nodes = new ArrayList<>();
    violation.getPropertyPath().forEach(nodes::add);
    Object owner = root;
    String prefix = "";
    String label = root.getClass().getSimpleName();
    int i = 0;
    while (i < nodes.size() - 1 && nodes.get(i).getKind() == ElementKind.PROPERTY && component(owner, nodes.get(i).getName()) != null
        && component(owner, nodes.get(i).getName()).getType().isRecord()) {
      prefix += snake(nodes.get(i).getName()) + "_";
      label = prefix + "*";
      owner = value(owner, nodes.get(i).getName());
      i++;
    }
    String message = message(violation);
    if (i >= nodes.size() || nodes.get(i).getKind() == ElementKind.BEAN) {
      return label + ": " + message;
    }
    Path.Node node = nodes.get(i);
    RecordComponent component = component(owner, node.getName());
    if (component == null) {
      return label + ": " + node.getName() + ": " + message; // a getter
    }
    Object value = value(owner, node.getName());
    if (violation.getInvalidValue() == null && (value instanceof Optional<?> || value instanceof OptionalInt)) {
      return null;
    }
    String element = "";
    if (i + 1 < nodes.size() && nodes.get(i + 1).getKind() == ElementKind.CONTAINER_ELEMENT) {
      Path.Node inside = nodes.get(i + 1);
      if (inside.getIndex() != null) {
        element = "[" + inside.getIndex() + "] ";
      } else if (inside.getKey() != null) {
        element = ("<map key>".equals(inside.getName()) ? "key [" : "[") + inside.getKey() + "] ";
      } else if (inside.isInIterable()) {
        element = "[" + position((Collection<?>) value, violation.getInvalidValue()) + "] ";
      }
    }
    return prefix + snake(node.getName()) + ": " + element + message;
  }

  private static String message(ConstraintViolation<?> violation) {
    Map<String, Object> attributes = violation.getConstraintDescriptor().getAttributes();
    if ("{jakarta.validation.constraints.Size.message}".equals(violation.getMessageTemplate())) {
      int min = (Integer) attributes.get("min");
      int max = (Integer) attributes.get("max");
      String unit = violation.getInvalidValue() instanceof CharSequence ? "characters" : "items";
      if (max == Integer.MAX_VALUE) {
        return "must be at least " + min + " " + unit + " long";
      }
      return min == 0 ? "must be at most " + max + " " + unit + " long" : "must be between " + min + " and " + max + " " + unit + " long";
    }
    return violation.getMessage()
        .replace("${inclusive == true ? 'or equal to ' : ''}", Boolean.TRUE.equals(attributes.get("inclusive")) ? "or equal to " : "");
  }

  private static RecordComponent component(Object owner, String name) {
    for (RecordComponent component : owner.getClass().getRecordComponents()) {
      if (component.getName().equals(name)) {
        return component;
      }
    }
    return null;
  }

  private static Object value(Object owner, String name) {
    try {
      var accessor = component(owner, name).getAccessor();
      accessor.setAccessible(true);
      return accessor.invoke(owner);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static int position(Collection<?> elements, Object element) {
    int index = 0;
    for (Object candidate : elements) {
      if (Objects.equals(candidate, element)) {
        return index;
      }
      index++;
    }
    return -1;
  }

  /** Writes a component's name as a variable's: {@code poolMin} is {@code POOL_MIN}. */
  static String snake(String name) {
    StringBuilder out = new StringBuilder();
    for (char c : name.toCharArray()) {
      if (Character.isUpperCase(c) && out.length() > 0) {
        out.append('_');
      }
      out.append(Character.toUpperCase(c));
    }
    return out.toString();
  }

  /** What Envelope reports for {@code schema} loaded from {@code values}, written as {@link #validate} writes violations. */
  static Set<String> envelope(Env.Builder builder, Class<? extends Record> schema) {
    Set<String> problems = new TreeSet<>();
    try {
      builder.load(schema);
    } catch (EnvException e) {
      for (Problem problem : e.problems()) {
        String kind = problem.kind() == Problem.Kind.CONSTRAINT ? "" : problem.kind() + " ";
        problems.add(kind + problem.variable() + ": " + problem.message());
      }
    }
    return problems;
  }
}
