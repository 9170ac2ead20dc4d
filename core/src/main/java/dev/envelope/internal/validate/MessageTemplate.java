package dev.envelope.internal.validate;

import dev.envelope.internal.schema.AnnotationData;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * Interpolates a constraint's message as Hibernate Validator's {@code ParameterMessageInterpolator}
 * does without an application bundle: each {@code {key}} of its default bundle replaced once by its
 * text, then each {@code {attribute}} by the constraint's value for it, an unknown one left as
 * written. Unlike that interpolator, which leaves Expression Language in the message as written,
 * the one conditional its default messages use ({@code ${inclusive == true ? 'or equal to ' : ''}} of
 * {@code @DecimalMin} and {@code @DecimalMax}) is evaluated: no message shows an expression.
 */
public final class MessageTemplate {
  private static final String INCLUSIVE = "${inclusive == true ? '";
  private static final String SIZE_TEMPLATE = "{jakarta.validation.constraints.Size.message}";

  private MessageTemplate() {}

  /**
   * Returns whether {@code constraint}'s message is interpolated here as the validator would: it
   * holds no escapes and no expressions of its own, its braces are balanced and unnested, and the
   * attributes it names are text, numbers, booleans or enum constants.
   */
  static boolean supported(AnnotationData constraint) {
    String template = (String) constraint.attribute("message");
    if (template.equals("{" + constraint.type() + ".message}")) {
      // The default message of a constraint BuiltinConstraints supports: each of their texts in the
      // bundle is interpolated here. Answered without reading the bundle, which a valid load never needs.
      return true;
    }
    if (template.indexOf('\\') >= 0 || template.indexOf('$') >= 0) {
      return false;
    }
    String resolved = resolveKeys(template);
    int i = 0;
    while (i < resolved.length()) {
      char c = resolved.charAt(i);
      if (c == '}') {
        return false;
      }
      if (c == '$' && resolved.startsWith(INCLUSIVE, i)) {
        i = resolved.indexOf('}', i) + 1;
        continue;
      }
      if (c == '{') {
        int close = resolved.indexOf('}', i);
        if (close < 0 || resolved.indexOf('{', i + 1) >= 0 && resolved.indexOf('{', i + 1) < close) {
          return false;
        }
        String name = resolved.substring(i + 1, close);
        Object value = constraint.attributes().get(name);
        if (name.equals("groups") || name.equals("payload") || value instanceof List<?> list && !scalars(list)) {
          return false;
        }
        i = close + 1;
        continue;
      }
      if (c == '$') {
        return false; // an expression in a bundle's text other than the conditional above
      }
      i++;
    }
    return true;
  }

  private static boolean scalars(List<?> list) {
    for (Object element : list) {
      if (element instanceof AnnotationData) {
        return false;
      }
    }
    return true;
  }

  /** Returns the message of a violation of {@code constraint} by {@code value}. */
  static String interpolate(AnnotationData constraint, Object value) {
    String template = (String) constraint.attribute("message");
    if (template.equals(SIZE_TEMPLATE)) {
      return BuiltinConstraints.sizeMessage((Integer) constraint.attribute("min"), (Integer) constraint.attribute("max"), value);
    }
    if (template.indexOf('{') < 0) {
      return template;
    }
    String resolved = evaluateConditionals(resolveKeys(template), constraint.attributes());
    StringBuilder out = new StringBuilder(resolved.length() + 16);
    int i = 0;
    while (i < resolved.length()) {
      int open = resolved.indexOf('{', i);
      int close = open < 0 ? -1 : resolved.indexOf('}', open);
      if (close < 0) {
        out.append(resolved, i, resolved.length());
        break;
      }
      out.append(resolved, i, open);
      Object attribute = constraint.attributes().get(resolved.substring(open + 1, close));
      if (attribute != null) {
        out.append(attribute);
      } else {
        out.append(resolved, open, close + 1);
      }
      i = close + 1;
    }
    return out.toString();
  }

  /**
   * Returns the default bundle's text for {@code template} with its {@code ${inclusive == true ?
   * 'A' : 'B'}} conditionals evaluated, when {@code template} is a key of that bundle whose text has
   * them; otherwise {@code template}. Hibernate Validator then interpolates the rest.
   */
  public static String withoutConditionals(String template, Map<String, Object> attributes, Locale locale) {
    if (!template.startsWith("{") || !template.endsWith("}") || template.indexOf('{', 1) >= 0) {
      return template;
    }
    String key = template.substring(1, template.length() - 1);
    String text;
    try {
      text = bundle(locale).getString(key);
    } catch (MissingResourceException e) {
      return template;
    }
    if (text.contains(INCLUSIVE) && applicationDefines(key, locale)) {
      return template; // the application's own message for it, which the validator reads
    }
    return text.contains(INCLUSIVE) ? evaluateConditionals(text, attributes) : template;
  }

  /**
   * Evaluates each {@code ${inclusive == true ? 'A' : 'B'}} of {@code text}: A if the constraint is
   * inclusive, else B.
   */
  public static String evaluateConditionals(String text, Map<String, Object> attributes) {
    int at = text.indexOf(INCLUSIVE);
    if (at < 0) {
      return text;
    }
    boolean inclusive = Boolean.TRUE.equals(attributes.get("inclusive"));
    StringBuilder out = new StringBuilder(text.length());
    int i = 0;
    while (at >= 0) {
      int whenTrueEnd = text.indexOf("' : '", at + INCLUSIVE.length());
      int whenFalseEnd = whenTrueEnd < 0 ? -1 : text.indexOf("'}", whenTrueEnd + 5);
      if (whenFalseEnd < 0) {
        break;
      }
      out.append(text, i, at);
      out.append(inclusive ? text.substring(at + INCLUSIVE.length(), whenTrueEnd) : text.substring(whenTrueEnd + 5, whenFalseEnd));
      i = whenFalseEnd + 2;
      at = text.indexOf(INCLUSIVE, i);
    }
    out.append(text, i, text.length());
    return out.toString();
  }

  private static boolean applicationDefines(String key, Locale locale) {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    try {
      return ResourceBundle.getBundle("ValidationMessages", locale, loader != null ? loader : MessageTemplate.class.getClassLoader())
          .containsKey(key);
    } catch (MissingResourceException e) {
      return false;
    }
  }

  /** Replaces each {@code {key}} of the default bundle once by its text, as the validator does. */
  private static String resolveKeys(String template) {
    if (template.indexOf('{') < 0) {
      return template;
    }
    StringBuilder out = new StringBuilder(template.length() + 32);
    int i = 0;
    while (i < template.length()) {
      int open = template.indexOf('{', i);
      int close = open < 0 ? -1 : template.indexOf('}', open);
      if (close < 0) {
        out.append(template, i, template.length());
        break;
      }
      out.append(template, i, open);
      String key = template.substring(open + 1, close);
      String text = null;
      if (key.indexOf('.') >= 0) {
        try {
          text = bundle(Locale.getDefault()).getString(key);
        } catch (MissingResourceException e) {
          // not a key: a parameter, or text the validator leaves as written
        }
      }
      out.append(text != null ? text : template.substring(open, close + 1));
      i = close + 1;
    }
    return out.toString();
  }

  private static ResourceBundle bundle(Locale locale) {
    return locale.equals(Messages.LOCALE) ? Messages.BUNDLE : load(locale);
  }

  /**
   * Loads Hibernate Validator's default messages. On the module path they are encapsulated in its
   * module, so its own locator, whose look-up runs inside that module, reads them.
   */
  private static ResourceBundle load(Locale locale) {
    if (MessageTemplate.class.getModule().isNamed()) {
      return new org.hibernate.validator.resourceloading.PlatformResourceBundleLocator(
          "org.hibernate.validator.ValidationMessages").getResourceBundle(locale);
    }
    return ResourceBundle.getBundle("org.hibernate.validator.ValidationMessages", locale, MessageTemplate.class.getClassLoader());
  }

  /** Hibernate Validator's default messages, in the default locale as its interpolator reads them. */
  private static final class Messages {
    static final Locale LOCALE = Locale.getDefault();
    static final ResourceBundle BUNDLE = load(LOCALE);
  }
}
