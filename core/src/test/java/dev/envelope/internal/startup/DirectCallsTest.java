package dev.envelope.internal.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.time.DayOfWeek;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The generated classes that call a record's constructor, a getter or an enum's {@code values()}
 * where core reflection would spin method-handle classes (JDK 18 and later). They are checked here
 * on whatever JDK runs the tests, against what reflection does with the same member: on JDK 17 the
 * load itself keeps reflection, so this is where the generated code is proved.
 */
class DirectCallsTest {
  public record Primitives(int i, long l, boolean z, double d, float f, short s, byte b, char c) {}

  record References(String text, URI uri, Duration duration, List<String> list, Optional<Integer> number,
      int[] codes, String[][] grid, Object anything, Nested nested) {}

  private record Nested(String name) {}

  record Checked(int port) {
    Checked {
      if (port < 0) {
        throw new IllegalArgumentException("negative port");
      }
    }
  }

  record Getters(int a, int b) {
    public boolean isOrdered() {
      return a <= b;
    }

    private long sum() {
      return (long) a + b;
    }

    String label() {
      return a + ".." + b;
    }

    double ratio() {
      throw new ArithmeticException("no ratio");
    }
  }

  interface Ordered {
    default boolean isSmall() {
      return true;
    }
  }

  record WithDefaults(int a) implements Ordered {
    static int zero() {
      return 0;
    }
  }

  enum Plain { RED, GREEN, BLUE }

  enum WithBodies {
    FAST {
      @Override
      int speed() {
        return 2;
      }
    },
    SLOW {
      @Override
      int speed() {
        return 1;
      }
    };

    abstract int speed();
  }

  @Test
  void aGeneratedConstructorCallBuildsWhatReflectionBuilds() throws Exception {
    Object[][] cases = {
      {Primitives.class, new Object[] {-7, Long.MAX_VALUE, true, 2.5d, -0.5f, (short) 300, (byte) -3, 'x'}},
      {References.class, new Object[] {"a", URI.create("https://example.com"), Duration.ofMinutes(15), List.of("x"),
          Optional.of(3), new int[] {1}, new String[][] {{"g"}}, new Object(), new Nested("n")}},
      {Nested.class, new Object[] {"private, nested"}},
    };
    for (Object[] row : cases) {
      Constructor<?> constructor = canonical((Class<?>) row[0]);
      Object[] arguments = (Object[]) row[1];

      Function<Object, Object> call = DirectCalls.define(constructor.getDeclaringClass(), CallClass.constructor(constructor));

      assertThat(call).as("a call for %s", row[0]).isNotNull();
      assertThat(call.apply(arguments)).isEqualTo(constructor.newInstance(arguments));
    }
  }

  @Test
  void whatAConstructorThrowsArrivesAsReflectionWouldHandIt() throws Exception {
    Constructor<?> constructor = canonical(Checked.class);
    Function<Object, Object> call = DirectCalls.define(Checked.class, CallClass.constructor(constructor));

    assertThatThrownBy(() -> DirectCalls.apply(call, new Object[] {-1}))
        .isInstanceOf(InvocationTargetException.class)
        .cause().isInstanceOf(IllegalArgumentException.class).hasMessage("negative port");
    assertThatThrownBy(() -> constructor.newInstance(-1))
        .isInstanceOf(InvocationTargetException.class)
        .cause().isInstanceOf(IllegalArgumentException.class).hasMessage("negative port");
    assertThat(DirectCalls.construct(constructor, new Object[] {8080})).isEqualTo(new Checked(8080));
  }

  @Test
  void aGeneratedGetterCallReturnsWhatReflectionReturnsBoxed() throws Exception {
    Getters instance = new Getters(2, 5);
    for (String name : List.of("isOrdered", "sum", "label", "a")) {
      Method getter = Getters.class.getDeclaredMethod(name);
      getter.setAccessible(true);

      Function<Object, Object> call = DirectCalls.define(Getters.class, CallClass.getter(getter));

      assertThat(call).as(name).isNotNull();
      assertThat(call.apply(instance)).as(name).isEqualTo(getter.invoke(instance));
      assertThat(DirectCalls.get(getter, instance)).as(name).isEqualTo(getter.invoke(instance));
    }
  }

  @Test
  void whatAGetterThrowsArrivesAsReflectionWouldHandIt() throws Exception {
    Method ratio = Getters.class.getDeclaredMethod("ratio");
    Function<Object, Object> call = DirectCalls.define(Getters.class, CallClass.getter(ratio));

    assertThatThrownBy(() -> DirectCalls.apply(call, new Getters(1, 2)))
        .isInstanceOf(InvocationTargetException.class)
        .cause().isInstanceOf(ArithmeticException.class).hasMessage("no ratio");
    assertThatThrownBy(() -> DirectCalls.get(ratio, new Getters(1, 2)))
        .isInstanceOf(InvocationTargetException.class)
        .cause().isInstanceOf(ArithmeticException.class);
  }

  @Test
  void generatedEnumValuesAreTheConstantsInOrder() {
    for (Class<?> type : List.of(Plain.class, WithBodies.class)) {
      Function<Object, Object> call = DirectCalls.define(type, CallClass.enumValues(type));

      assertThat(call).as(type.getName()).isNotNull();
      assertThat((Object[]) call.apply(null)).containsExactly(type.getEnumConstants());
      assertThat(DirectCalls.enumConstants(type)).containsExactly(type.getEnumConstants());
    }
  }

  @Test
  void anInterfaceDefaultOrAStaticMethodIsCalledAsReflectionCallsIt() throws Exception {
    assertThat(DirectCalls.get(Ordered.class.getMethod("isSmall"), new WithDefaults(1))).isEqualTo(true);
    Method zero = WithDefaults.class.getDeclaredMethod("zero");
    zero.setAccessible(true);
    assertThat(DirectCalls.get(zero, null)).isEqualTo(0);
    assertThat(DirectCalls.enumConstants(WithBodies.FAST.getClass())).isNull();
  }

  @Test
  void aMemberOfANamedModuleIsCalledByReflection() throws Exception {
    assertThat(DirectCalls.define(DayOfWeek.class, CallClass.enumValues(DayOfWeek.class))).isNull();
    assertThat(DirectCalls.enumConstants(DayOfWeek.class)).containsExactly((Object[]) DayOfWeek.values());
    Method isNegative = Duration.class.getMethod("isNegative");
    assertThat(DirectCalls.get(isNegative, Duration.ofSeconds(-1))).isEqualTo(true);
  }

  private static Constructor<?> canonical(Class<?> record) throws NoSuchMethodException {
    RecordComponent[] components = record.getRecordComponents();
    Class<?>[] types = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      types[i] = components[i].getType();
    }
    Constructor<?> constructor = record.getDeclaredConstructor(types);
    constructor.setAccessible(true);
    return constructor;
  }
}
