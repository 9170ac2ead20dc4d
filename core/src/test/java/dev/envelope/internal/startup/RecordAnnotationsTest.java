package dev.envelope.internal.startup;

import static java.lang.annotation.RetentionPolicy.CLASS;
import static java.lang.annotation.RetentionPolicy.RUNTIME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envelope.Default;
import dev.envelope.DefaultIn;
import dev.envelope.Description;
import dev.envelope.Name;
import dev.envelope.Prefix;
import dev.envelope.RequiredIn;
import dev.envelope.Secret;
import dev.envelope.internal.schema.AnnotationData;
import dev.envelope.internal.schema.Schema;
import dev.envelope.internal.schema.TypeUse;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Holds the class-file reading of a schema's annotations to what reflection reads: for fixtures that
 * use every kind of annotation value, and for every record class among these tests.
 */
class RecordAnnotationsTest {
  @Retention(RUNTIME)
  @Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.TYPE})
  @interface Every {
    byte b() default 1;

    char c() default 'c';

    short s() default 2;

    boolean z() default true;

    int i() default 3;

    long j() default 4L;

    float f() default 5.5f;

    double d() default 6.25;

    String str() default "s";

    ElementType e() default ElementType.FIELD;

    Class<?> cls() default Object.class;

    Class<?> prim() default int.class;

    Class<?> arr() default String[].class;

    Nested n() default @Nested;

    int[] ints() default {};

    String[] strs() default {"a"};

    ElementType[] es() default {};

    Class<?>[] classes() default {};

    Nested[] ns() default {};
  }

  @Retention(RUNTIME)
  @interface Nested {
    String value() default "n";
  }

  @Retention(CLASS)
  @Target(ElementType.FIELD)
  @interface Invisible {}

  @Retention(RUNTIME)
  @Target(ElementType.RECORD_COMPONENT)
  @Repeatable(Tags.class)
  @interface Tag {
    String value();
  }

  @Retention(RUNTIME)
  @Target(ElementType.RECORD_COMPONENT)
  @interface Tags {
    Tag[] value();
  }

  @Retention(RUNTIME)
  @Target(ElementType.TYPE_USE)
  @interface Inner {
    String value() default "";
  }

  @Every(str = "on the class")
  record Everything(
      @Every(
              b = -1,
              c = '\u00e9',
              s = 300,
              z = false,
              i = -7,
              j = Long.MIN_VALUE,
              f = Float.NaN,
              d = -0.0,
              str = "snow \u2603, a face \uD83D\uDE00 and a NUL \0",
              e = ElementType.TYPE_USE,
              cls = Map.Entry.class,
              prim = void.class,
              arr = int[][].class,
              n = @Nested("x"),
              ints = {1, 2},
              strs = {},
              es = {ElementType.FIELD, ElementType.METHOD},
              classes = {String.class, int.class},
              ns = {@Nested, @Nested("y")})
          String all,
      @Every String defaults,
      @Tag("a") @Tag("b") String repeated,
      @Tag("single") String single,
      @Invisible String invisible,
      List<@Inner("list") String> inArgument,
      Map<@Inner("key") String, List<@Inner("deep") Integer>> deep,
      @Inner("top") String topLevelTypeUse,
      Optional<? extends @Inner("bound") CharSequence> wildcard,
      List<@Inner("element") String>[] arrayOfLists,
      long plain) {}

  record Plain(String name, int port) {}

  @Retention(RUNTIME)
  @Target({ElementType.FIELD, ElementType.RECORD_COMPONENT})
  @interface Gone {
    String value() default "";
  }

  record WithGone(@Gone("x") @Tag("kept") String name, @Gone @Every String other) {}

  @Test
  void everyKindOfValueIsReadAsReflectionReadsIt() {
    RecordAnnotations read = fromClassFile(Everything.class);

    assertThat(normalized(Everything.class, read)).isEqualTo(normalized(Everything.class, RecordAnnotations.reflect(Everything.class)));
    AnnotationData all = read.field("all").get(0);
    assertThat(all.values())
        .containsEntry("str", "snow \u2603, a face \uD83D\uDE00 and a NUL \0")
        .containsEntry("j", Long.MIN_VALUE)
        .containsEntry("c", '\u00e9')
        .containsEntry("e", "TYPE_USE")
        .containsEntry("cls", "java.util.Map$Entry")
        .containsEntry("arr", "[[I")
        .containsEntry("classes", List.of("java.lang.String", "int"));
    assertThat(all.attribute("ints")).isEqualTo(List.of(1, 2));
  }

  @Test
  void membersNotWrittenTakeTheTypesDefaults() {
    AnnotationData defaults = fromClassFile(Everything.class).field("defaults").get(0);

    assertThat(defaults.values()).isEmpty();
    assertThat(defaults.attribute("d")).isEqualTo(6.25);
    assertThat(defaults.attribute("n")).isInstanceOf(AnnotationData.class);
    assertThat(((AnnotationData) defaults.attribute("n")).attribute("value")).isEqualTo("n");
    assertThat(defaults.attribute("strs")).isEqualTo(List.of("a"));
    assertThatThrownBy(() -> defaults.attribute("nothing")).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void repeatedAnnotationsAreFoundInTheirContainer() {
    RecordAnnotations read = fromClassFile(Everything.class);

    assertThat(RecordAnnotations.findAll(read.component("repeated"), Tag.class.getName(), Tags.class.getName()))
        .extracting(tag -> tag.attribute("value"))
        .containsExactly("a", "b");
    assertThat(RecordAnnotations.findAll(read.component("single"), Tag.class.getName(), Tags.class.getName()))
        .extracting(tag -> tag.attribute("value"))
        .containsExactly("single");
  }

  @Test
  void typeAnnotationsAreKeptOnlyInsideTypeArguments() {
    RecordAnnotations read = fromClassFile(Everything.class);

    assertThat(values(read.typeArguments("inArgument"))).containsExactly("list");
    assertThat(values(read.typeArguments("deep"))).containsExactly("key", "deep");
    assertThat(values(read.typeArguments("wildcard"))).containsExactly("bound");
    assertThat(values(read.typeArguments("arrayOfLists"))).containsExactly("element");
    assertThat(read.typeArguments("topLevelTypeUse")).isEmpty();
  }

  @Test
  void typeAnnotationsKeepTheirPlaceInTheType() {
    RecordAnnotations read = fromClassFile(Everything.class);

    assertThat(read.typeUses("inArgument")).extracting(TypeUse::path).containsExactly("0");
    assertThat(read.typeUses("deep")).extracting(TypeUse::path).containsExactly("0", "1/0");
    assertThat(read.typeUses("wildcard")).extracting(TypeUse::path).containsExactly("0/w");
    assertThat(read.typeUses("arrayOfLists")).extracting(TypeUse::path).containsExactly("a/0");
  }

  record WithMethods(int min, int max) {
    @jakarta.validation.constraints.AssertTrue
    public boolean isOrdered() {
      return min <= max;
    }

    @jakarta.validation.constraints.AssertTrue
    static boolean isStatic() {
      return true;
    }

    @jakarta.validation.constraints.AssertFalse
    boolean hasParameter(int value) {
      return value > 0;
    }

    public List<@Inner("returned") String> getNames() {
      return List.of();
    }
  }

  @Test
  void annotationsOfInstanceMethodsWithoutParametersAreRead() {
    RecordAnnotations read = fromClassFile(WithMethods.class);

    assertThat(read.methods().keySet()).containsExactly("isOrdered");
    assertThat(read.methods().get("isOrdered")).extracting(AnnotationData::type)
        .containsExactly(jakarta.validation.constraints.AssertTrue.class.getName());
    assertThat(read.methodTypeUses().get("getNames")).extracting(TypeUse::path).containsExactly("0");
    assertThat(normalized(WithMethods.class, read)).isEqualTo(normalized(WithMethods.class, RecordAnnotations.reflect(WithMethods.class)));
  }

  @Test
  void annotationsNotRetainedAtRunTimeAreAbsent() {
    assertThat(fromClassFile(Everything.class).field("invisible")).isEmpty();
  }

  /** Every record class compiled with these tests: schemas of every shape, with every constraint used. */
  static Stream<Class<?>> testRecords() throws IOException, URISyntaxException {
    Path root = Path.of(RecordAnnotationsTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<Class<?>> records = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class"))::iterator) {
        String name = root.relativize(file).toString().replace(java.io.File.separatorChar, '.');
        try {
          Class<?> type = Class.forName(name.substring(0, name.length() - ".class".length()), false,
              RecordAnnotationsTest.class.getClassLoader());
          if (type.isRecord()) {
            records.add(type);
          }
        } catch (ClassNotFoundException | LinkageError e) {
          // Not loadable on its own: not a schema.
        }
      }
    }
    assertThat(records).hasSizeGreaterThan(50);
    return records.stream();
  }

  @ParameterizedTest
  @MethodSource("testRecords")
  void classFileAndReflectionAgree(Class<?> record) {
    assertThat(normalized(record, fromClassFile(record))).isEqualTo(normalized(record, RecordAnnotations.reflect(record)));
  }

  record Types(
      int primitive,
      String plain,
      byte[] bytes,
      String[][] grid,
      Optional<String> optional,
      Optional<dev.envelope.Secret<List<Integer>>> nested,
      Map<String, Map.Entry<String, Long>> member,
      List<? extends Number> wildcard,
      Map.Entry<String, int[]> arrays) {}

  @Test
  void componentTypesAreTheTypesReflectionGives() throws Exception {
    RecordAnnotations read = fromClassFile(Types.class);

    for (java.lang.reflect.RecordComponent component : Types.class.getRecordComponents()) {
      java.lang.reflect.Type reflected = component.getGenericType();
      java.lang.reflect.Type parsed = read.type(component.getName());
      assertThat(parsed).as(component.getName()).isEqualTo(reflected);
      assertThat(reflected).as(component.getName()).isEqualTo(parsed);
      assertThat(parsed.getTypeName()).isEqualTo(reflected.getTypeName());
      assertThat(parsed.hashCode()).isEqualTo(reflected.hashCode());
    }
    // Read from the signature, not by falling back to reflection:
    assertThat(read.type("nested")).isInstanceOf(SignatureTypes.Parameterized.class);
    assertThat(read.type("member")).isInstanceOf(SignatureTypes.Parameterized.class);
    assertThat(SignatureTypes.parse("Ljava/util/List<+Ljava/lang/Number;>;", null)).isNull();
    assertThat(SignatureTypes.parse("Lcom/example/Missing;", null)).isNull();
    assertThat(SignatureTypes.parse("Ljava/lang/String;X", null)).isNull();
  }

  @Test
  void aClassWhoseBytesCannotBeHadIsReadByReflection() throws Exception {
    Class<?> hidden = new PartialLoader(Everything.class, null, false).loadClass(Everything.class.getName());
    assertThat(hidden).isNotSameAs(Everything.class);

    try (ClassBytes files = new ClassBytes()) {
      assertThat(files.of(hidden)).isNull();
      assertThat(normalized(hidden, RecordAnnotations.of(hidden, files))).isEqualTo(normalized(Everything.class, fromClassFile(Everything.class)));
    }
  }

  @Test
  void annotationsWhoseTypeCannotBeLoadedAreLeftOutAsReflectionLeavesThemOut() throws Exception {
    PartialLoader loader = new PartialLoader(WithGone.class, Gone.class.getName(), true);
    Class<?> partial = loader.loadClass(WithGone.class.getName());
    assertThat(partial).isNotSameAs(WithGone.class);

    RecordAnnotations read;
    try (ClassBytes files = new ClassBytes()) {
      assertThat(files.of(partial)).as("the class file is readable").isNotNull();
      read = RecordAnnotations.of(partial, files);
    }
    assertThat(normalized(partial, read)).isEqualTo(normalized(partial, RecordAnnotations.reflect(partial)));
    assertThat(read.field("name")).isEmpty();
    assertThat(read.component("name")).extracting(AnnotationData::type).containsExactly(Tag.class.getName());
    assertThat(read.field("other")).extracting(AnnotationData::type).containsExactly(Every.class.getName());
  }

  @Test
  void classFilesAreReadFromFoldersJarsAndTheJdk() {
    try (ClassBytes files = new ClassBytes()) {
      for (Class<?> type : List.of(Everything.class, jakarta.validation.constraints.Size.class, String.class)) {
        byte[] bytes = files.of(type);
        assertThat(bytes).as(type.getName()).startsWith(0xCA, 0xFE, 0xBA, 0xBE);
      }
      files.close();
      assertThat(files.of(jakarta.validation.constraints.Size.class)).startsWith(0xCA, 0xFE, 0xBA, 0xBE);
    }
    assertThat(AnnotationTypes.facts(jakarta.validation.constraints.Size.class.getName(), getClass().getClassLoader(),
        ClassBytes.UNSCOPED).constraint()).isTrue();
  }

  @Test
  void malformedClassFilesAreRejected() throws IOException {
    byte[] bytes;
    try (InputStream in = Plain.class.getResourceAsStream("RecordAnnotationsTest$Plain.class")) {
      bytes = in.readAllBytes();
    }
    byte[] truncated = Arrays.copyOf(bytes, bytes.length / 2);
    byte[] notAClass = Arrays.copyOf(bytes, bytes.length);
    notAClass[0] = 0;

    assertThat(ClassFile.parse(bytes, null, ClassBytes.UNSCOPED).componentAnnotations("name")).isEmpty();
    assertThatThrownBy(() -> ClassFile.parse(truncated, null, ClassBytes.UNSCOPED))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ClassFile.parse(notAClass, null, ClassBytes.UNSCOPED))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("not a class file");
  }

  @Test
  void builtInConstraintDefaultsAreTheDeclaredOnes() throws ClassNotFoundException {
    List<Class<?>> builtins = List.of(jakarta.validation.constraints.NotNull.class,
        jakarta.validation.constraints.NotBlank.class, jakarta.validation.constraints.NotEmpty.class,
        jakarta.validation.constraints.Min.class, jakarta.validation.constraints.Max.class,
        jakarta.validation.constraints.Positive.class, jakarta.validation.constraints.PositiveOrZero.class,
        jakarta.validation.constraints.Negative.class, jakarta.validation.constraints.NegativeOrZero.class,
        jakarta.validation.constraints.Null.class, jakarta.validation.constraints.AssertTrue.class,
        jakarta.validation.constraints.AssertFalse.class, jakarta.validation.constraints.Digits.class,
        jakarta.validation.constraints.Size.class, jakarta.validation.constraints.Pattern.class,
        jakarta.validation.constraints.Email.class, jakarta.validation.constraints.DecimalMin.class,
        jakarta.validation.constraints.DecimalMax.class, org.hibernate.validator.constraints.Length.class,
        org.hibernate.validator.constraints.Range.class, org.hibernate.validator.constraints.URL.class);
    for (Class<?> builtin : builtins) {
      String name = builtin.getName();
      Class<?> type = Class.forName(name);
      Map<String, Object> declared = new LinkedHashMap<>();
      for (Method member : type.getDeclaredMethods()) {
        if (member.getDefaultValue() != null) {
          declared.put(member.getName(), AnnotationData.value(member.getDefaultValue()));
        }
      }
      assertThat(AnnotationTypes.defaults(name, getClass().getClassLoader(), ClassBytes.UNSCOPED))
          .as(name)
          .isEqualTo(declared);
    }
  }

  @Test
  void envelopeAnnotationNamesAreTheirClassNames() {
    assertThat(List.of(Schema.NAME, Schema.PREFIX, Schema.DEFAULT, Schema.DEFAULT_IN, Schema.DEFAULT_IN_LIST,
            Schema.REQUIRED_IN, Schema.DESCRIPTION))
        .containsExactly(dev.envelope.Name.class.getName(), dev.envelope.Prefix.class.getName(),
            dev.envelope.Default.class.getName(), dev.envelope.DefaultIn.class.getName(),
            dev.envelope.DefaultIn.List.class.getName(), dev.envelope.RequiredIn.class.getName(),
            dev.envelope.Description.class.getName());
  }

  private static RecordAnnotations fromClassFile(Class<?> type) {
    try (ClassBytes files = new ClassBytes()) {
      byte[] bytes = files.of(type);
      assertThat(bytes).as("class file of " + type.getName()).isNotNull();
      // Read afresh, not from the cache that RecordAnnotations.of keeps.
      return RecordAnnotations.fromClassFile(type, ClassFile.parse(bytes, type.getClassLoader(), files));
    }
  }

  private static List<Object> values(List<AnnotationData> annotations) {
    List<Object> values = new ArrayList<>();
    for (AnnotationData annotation : annotations) {
      values.add(annotation.attribute("value"));
    }
    return values;
  }

  /** Returns what was read, with every annotation as its type and all its members' values. */
  private static Map<String, Object> normalized(Class<?> type, RecordAnnotations read) {
    Map<String, Object> all = new LinkedHashMap<>();
    all.put("class", normalized(read.annotations()));
    for (java.lang.reflect.RecordComponent component : type.getRecordComponents()) {
      String name = component.getName();
      all.put(name + " type", read.type(name));
      all.put(name + " type name", read.type(name).getTypeName());
      all.put(name + " component", normalized(read.component(name)));
      all.put(name + " field", normalized(read.field(name)));
      all.put(name + " type arguments", normalized(read.typeArguments(name)));
      all.put(name + " type argument paths", read.typeUses(name).stream().map(TypeUse::path).toList());
    }
    for (Map.Entry<String, List<AnnotationData>> method : new java.util.TreeMap<>(read.methods()).entrySet()) {
      all.put(method.getKey() + "()", normalized(method.getValue()));
    }
    for (Map.Entry<String, List<TypeUse>> method : new java.util.TreeMap<>(read.methodTypeUses()).entrySet()) {
      all.put(method.getKey() + "() type arguments", method.getValue().stream()
          .map(use -> use.path() + " " + normalized(use.annotation())).toList());
    }
    return all;
  }

  private static Object normalized(Object value) {
    if (value instanceof AnnotationData annotation) {
      Map<String, Object> attributes = new LinkedHashMap<>();
      attributes.put("@", annotation.type());
      for (Map.Entry<String, Object> entry : new java.util.TreeMap<>(annotation.attributes()).entrySet()) {
        attributes.put(entry.getKey(), normalized(entry.getValue()));
      }
      return attributes;
    }
    if (value instanceof List<?> list) {
      List<Object> elements = new ArrayList<>();
      for (Object element : list) {
        elements.add(normalized(element));
      }
      return elements;
    }
    return value;
  }

  /**
   * Defines one class from its bytes, showing that class file or none, cannot load one other class
   * (if named), and leaves every other class to the test's loader.
   */
  private static final class PartialLoader extends ClassLoader {
    private final Class<?> defined;
    private final String missing;
    private final boolean showsClassFile;

    PartialLoader(Class<?> defined, String missing, boolean showsClassFile) {
      super(RecordAnnotationsTest.class.getClassLoader());
      this.defined = defined;
      this.missing = missing;
      this.showsClassFile = showsClassFile;
    }

    private String resource() {
      return defined.getName().replace('.', '/') + ".class";
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (name.equals(missing)) {
        throw new ClassNotFoundException(name);
      }
      if (!name.equals(defined.getName())) {
        return super.loadClass(name, resolve);
      }
      synchronized (getClassLoadingLock(name)) {
        Class<?> loaded = findLoadedClass(name);
        if (loaded != null) {
          return loaded;
        }
        try (InputStream in = getParent().getResourceAsStream(resource())) {
          byte[] bytes = in.readAllBytes();
          return defineClass(name, bytes, 0, bytes.length);
        } catch (IOException e) {
          throw new ClassNotFoundException(name, e);
        }
      }
    }

    @Override
    public URL getResource(String name) {
      return showsClassFile && name.equals(resource()) ? getParent().getResource(name) : null;
    }

    @Override
    public InputStream getResourceAsStream(String name) {
      return showsClassFile && name.equals(resource()) ? getParent().getResourceAsStream(name) : null;
    }
  }
}
