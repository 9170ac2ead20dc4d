package dev.envelope.internal.startup;

import java.lang.invoke.MethodHandles;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Calls the members a load calls by reflection (a record's canonical constructor, a constrained
 * getter, an enum's {@code values()}) through a class of a few bytecodes generated for each, where
 * core reflection would cost more.
 *
 * <p>Since JDK 18, core reflection is built on method handles (JEP 416): the first call of each
 * member spins method-handle classes for its shape, about 10 ms for the first and several for each
 * further shape, interpreted, and these classes are not held by the JDK's class-data archive or the
 * JDK 25 AOT cache. A schema of a few nested records and enums lost 70 ms of a 190 ms start to it.
 * A hidden class defined in the member's own package, as its nestmate, makes the call directly
 * instead. On JDK 17 the first calls of a reflective member are native and cost microseconds, so
 * reflection is kept there. Where the member's package is not open to Envelope (a named module
 * that does not open it) or the class cannot be defined, reflection is used as before: the result
 * is the same either way, only its cost differs.
 */
public final class DirectCalls {
  /** Whether to generate: on JDK 18 and later, and not in a native image, which defines no class at run time. */
  private static final boolean GENERATE =
      Runtime.version().feature() >= 18 && System.getProperty("org.graalvm.nativeimage.imagecode") == null;

  /** The instance the static initialiser of the class being defined handed over. */
  private static Object handedOver;

  private DirectCalls() {}

  /**
   * Calls {@code constructor} with {@code arguments}, as {@link Constructor#newInstance} does.
   *
   * @throws InvocationTargetException if the constructor threw
   */
  public static Object construct(Constructor<?> constructor, Object[] arguments) throws ReflectiveOperationException {
    Calls calls = GENERATE ? Calls.OF.get(constructor.getDeclaringClass()) : null;
    Function<Object, Object> call = calls == null ? null : calls.constructor(constructor);
    if (call == null) {
      return constructor.newInstance(arguments);
    }
    return apply(call, arguments);
  }

  /**
   * Calls {@code getter}, a method without parameters, on {@code instance}, as {@link Method#invoke}
   * does.
   *
   * @throws InvocationTargetException if the getter threw
   */
  public static Object get(Method getter, Object instance) throws ReflectiveOperationException {
    Calls calls = GENERATE ? Calls.OF.get(getter.getDeclaringClass()) : null;
    boolean direct = calls != null && !getter.getDeclaringClass().isInterface()
        && !Modifier.isStatic(getter.getModifiers()) && getter.getParameterCount() == 0;
    Function<Object, Object> call = direct ? calls.getter(getter) : null;
    if (call == null) {
      return getter.invoke(instance);
    }
    return apply(call, instance);
  }

  /** Returns {@code enumType}'s constants in declaration order, as {@link Class#getEnumConstants} does. */
  public static Object[] enumConstants(Class<?> enumType) {
    Calls calls = GENERATE && enumType.isEnum() ? Calls.OF.get(enumType) : null;
    Function<Object, Object> call = calls == null ? null : calls.enumValues(enumType);
    if (call == null) {
      return enumType.getEnumConstants();
    }
    return (Object[]) call.apply(null);
  }

  static Object apply(Function<Object, Object> call, Object argument) throws InvocationTargetException {
    try {
      return call.apply(argument);
    } catch (RuntimeException | Error e) {
      throw new InvocationTargetException(e); // What reflection throws when the member throws.
    }
  }

  /**
   * Takes the instance a generated class's static initialiser makes; public because the generated
   * class lives in the member's package, and called only from there.
   */
  public static void handOff(Object call) {
    synchronized (DirectCalls.class) {
      handedOver = call;
    }
  }

  /**
   * Defines {@code bytes} as a hidden nestmate of {@code host} and returns the call its static
   * initialiser handed over, or null if the class cannot be defined there.
   */
  @SuppressWarnings("unchecked")
  static Function<Object, Object> define(Class<?> host, byte[] bytes) {
    if (host.getModule().isNamed() || host.isHidden() || DirectCalls.class.getModule().isNamed()) {
      return null;
    }
    synchronized (DirectCalls.class) {
      handedOver = null;
      try {
        MethodHandles.privateLookupIn(host, MethodHandles.lookup())
            .defineHiddenClass(bytes, true, MethodHandles.Lookup.ClassOption.NESTMATE);
        return (Function<Object, Object>) handedOver;
      } catch (IllegalAccessException | RuntimeException | LinkageError e) {
        return null; // Reflection calls it then.
      } finally {
        handedOver = null;
      }
    }
  }

  /** The generated calls of one class; an absent entry was not made yet, a null one could not be. */
  private static final class Calls {
    /**
     * The generated calls of each class, made on first use and kept as long as the class is (a
     * cache of what the class itself determines, as the JDK keeps its reflection data).
     */
    static final ClassValue<Calls> OF = new ClassValue<>() {
      @Override
      protected Calls computeValue(Class<?> type) {
        return new Calls();
      }
    };

    private Constructor<?> constructorMember;
    private Function<Object, Object> constructor;
    private Function<Object, Object> values;
    private boolean valuesTried;
    private Map<Method, Function<Object, Object>> getters;

    synchronized Function<Object, Object> constructor(Constructor<?> member) {
      if (constructorMember == null) {
        constructorMember = member;
        constructor = define(member.getDeclaringClass(), CallClass.constructor(member));
      }
      return member.equals(constructorMember) ? constructor : null;
    }

    synchronized Function<Object, Object> enumValues(Class<?> enumType) {
      if (!valuesTried) {
        valuesTried = true;
        values = define(enumType, CallClass.enumValues(enumType));
      }
      return values;
    }

    synchronized Function<Object, Object> getter(Method member) {
      if (getters == null) {
        getters = new HashMap<>(4);
      }
      if (!getters.containsKey(member)) {
        getters.put(member, define(member.getDeclaringClass(), CallClass.getter(member)));
      }
      return getters.get(member);
    }
  }
}
