package dev.envelope.internal.startup;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes the class file of a {@code java.util.function.Function} whose {@code apply} makes one direct
 * call: a record's canonical constructor (the argument is the {@code Object[]} of its components), a
 * no-argument method (the argument is the instance; a primitive result is boxed) or an enum's {@code
 * values()} (the argument is ignored). Its static initialiser hands an instance to {@link
 * DirectCalls#handOff}. The code has no branches, so it needs no stack map frames.
 */
final class CallClass {
  private static final int ACC_PUBLIC = 0x0001;
  private static final int ACC_STATIC = 0x0008;
  private static final int ACC_FINAL = 0x0010;
  private static final int ACC_SUPER = 0x0020;
  private static final String FUNCTION = "java/util/function/Function";
  private static final String HAND_OFF = DirectCalls.class.getName().replace('.', '/');

  private final ByteArrayOutputStream constantBytes = new ByteArrayOutputStream();
  private final DataOutputStream constants = new DataOutputStream(constantBytes);
  private final Map<String, Integer> indexes = new HashMap<>();
  private int count = 1;
  private final String name;

  private CallClass(Class<?> host) {
    String packagePrefix = host.getPackageName().isEmpty() ? "" : host.getPackageName().replace('.', '/') + "/";
    this.name = packagePrefix + "EnvelopeDirectCall";
  }

  /** Returns the class file of a call to {@code constructor}, to define in its class's package. */
  static byte[] constructor(Constructor<?> constructor) {
    CallClass file = new CallClass(constructor.getDeclaringClass());
    Class<?>[] parameters = constructor.getParameterTypes();
    ByteArrayOutputStream code = new ByteArrayOutputStream();
    String owner = internalName(constructor.getDeclaringClass());
    file.op(code, 0xbb, file.classRef(owner)); // new
    code.write(0x59); // dup
    code.write(0x2b); // aload_1
    file.op(code, 0xc0, file.classRef("[Ljava/lang/Object;")); // checkcast
    code.write(0x4d); // astore_2
    StringBuilder descriptor = new StringBuilder("(");
    int slots = 0;
    for (int i = 0; i < parameters.length; i++) {
      code.write(0x2c); // aload_2
      if (i <= 5) {
        code.write(0x03 + i); // iconst_i
      } else {
        code.write(0x11); // sipush
        code.write(i >> 8);
        code.write(i);
      }
      code.write(0x32); // aaload
      file.unbox(code, parameters[i]);
      descriptor.append(parameters[i].descriptorString());
      slots += parameters[i] == long.class || parameters[i] == double.class ? 2 : 1;
    }
    file.op(code, 0xb7, file.methodRef(owner, "<init>", descriptor.append(")V").toString())); // invokespecial
    code.write(0xb0); // areturn
    return file.write(code.toByteArray(), 4 + slots, 3);
  }

  /** Returns the class file of a call to {@code method}, an instance method without parameters. */
  static byte[] getter(Method method) {
    CallClass file = new CallClass(method.getDeclaringClass());
    String owner = internalName(method.getDeclaringClass());
    ByteArrayOutputStream code = new ByteArrayOutputStream();
    code.write(0x2b); // aload_1
    file.op(code, 0xc0, file.classRef(owner)); // checkcast
    Class<?> result = method.getReturnType();
    file.op(code, 0xb6, file.methodRef(owner, method.getName(), "()" + result.descriptorString())); // invokevirtual
    file.box(code, result);
    code.write(0xb0); // areturn
    return file.write(code.toByteArray(), 2, 2);
  }

  /** Returns the class file of a call to {@code enumType}'s {@code values()}. */
  static byte[] enumValues(Class<?> enumType) {
    CallClass file = new CallClass(enumType);
    String owner = internalName(enumType);
    ByteArrayOutputStream code = new ByteArrayOutputStream();
    file.op(code, 0xb8, file.methodRef(owner, "values", "()[L" + owner + ";")); // invokestatic
    code.write(0xb0); // areturn
    return file.write(code.toByteArray(), 1, 2);
  }

  private void unbox(ByteArrayOutputStream code, Class<?> type) {
    if (!type.isPrimitive()) {
      if (type != Object.class) {
        op(code, 0xc0, classRef(internalName(type))); // checkcast
      }
      return;
    }
    String wrapper = internalName(wrapper(type));
    op(code, 0xc0, classRef(wrapper));
    op(code, 0xb6, methodRef(wrapper, type.getName() + "Value", "()" + type.descriptorString())); // invokevirtual
  }

  private void box(ByteArrayOutputStream code, Class<?> type) {
    if (type == void.class) {
      code.write(0x01); // aconst_null
    } else if (type.isPrimitive()) {
      String wrapper = internalName(wrapper(type));
      op(code, 0xb8, methodRef(wrapper, "valueOf", "(" + type.descriptorString() + ")L" + wrapper + ";")); // invokestatic
    }
  }

  private static Class<?> wrapper(Class<?> primitive) {
    return MethodType.methodType(primitive).wrap().returnType();
  }

  /** Returns the name a class constant holds: {@code java/lang/String}, or a descriptor for an array. */
  private static String internalName(Class<?> type) {
    return type.isArray() ? type.descriptorString() : type.getName().replace('.', '/');
  }

  private byte[] write(byte[] apply, int maxStack, int maxLocals) {
    try {
      int thisClass = classRef(name);
      int object = classRef("java/lang/Object");
      int function = classRef(FUNCTION);
      int objectInit = methodRef("java/lang/Object", "<init>", "()V");
      int ownInit = methodRef(name, "<init>", "()V");
      int handOff = methodRef(HAND_OFF, "handOff", "(Ljava/lang/Object;)V");
      int codeName = utf8("Code");
      int init = utf8("<init>");
      int noArguments = utf8("()V");
      int applyName = utf8("apply");
      int applyType = utf8("(Ljava/lang/Object;)Ljava/lang/Object;");
      int clinit = utf8("<clinit>");

      ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 + constantBytes.size() + apply.length);
      DataOutputStream out = new DataOutputStream(bytes);
      out.writeInt(0xCAFEBABE);
      out.writeShort(0);
      out.writeShort(52); // Java 8's format, checked by the type-checking verifier: no branches, so no frames
      out.writeShort(count);
      constants.flush();
      constantBytes.writeTo(out);
      out.writeShort(ACC_FINAL | ACC_SUPER);
      out.writeShort(thisClass);
      out.writeShort(object);
      out.writeShort(1);
      out.writeShort(function);
      out.writeShort(0); // fields
      out.writeShort(3); // methods
      method(out, ACC_PUBLIC, init, noArguments, codeName, 1, 1,
          new byte[] {0x2a, (byte) 0xb7, (byte) (objectInit >> 8), (byte) objectInit, (byte) 0xb1});
      method(out, ACC_PUBLIC, applyName, applyType, codeName, maxStack, maxLocals, apply);
      method(out, ACC_STATIC, clinit, noArguments, codeName, 2, 0, new byte[] {
          (byte) 0xbb, (byte) (thisClass >> 8), (byte) thisClass, // new
          0x59, // dup
          (byte) 0xb7, (byte) (ownInit >> 8), (byte) ownInit, // invokespecial <init>
          (byte) 0xb8, (byte) (handOff >> 8), (byte) handOff, // invokestatic handOff
          (byte) 0xb1}); // return
      out.writeShort(0); // attributes
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // Not thrown: the streams are in memory.
    }
  }

  private static void method(DataOutputStream out, int access, int name, int descriptor, int codeName,
      int maxStack, int maxLocals, byte[] code) throws IOException {
    out.writeShort(access);
    out.writeShort(name);
    out.writeShort(descriptor);
    out.writeShort(1);
    out.writeShort(codeName);
    out.writeInt(12 + code.length);
    out.writeShort(maxStack);
    out.writeShort(maxLocals);
    out.writeInt(code.length);
    out.write(code);
    out.writeShort(0); // exception table
    out.writeShort(0); // attributes
  }

  private void op(ByteArrayOutputStream code, int opcode, int index) {
    code.write(opcode);
    code.write(index >> 8);
    code.write(index);
  }

  private int utf8(String text) {
    Integer known = indexes.get("U" + text);
    if (known != null) {
      return known;
    }
    try {
      constants.writeByte(1);
      constants.writeUTF(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return add("U" + text, 1);
  }

  private int classRef(String internalName) {
    Integer known = indexes.get("C" + internalName);
    if (known != null) {
      return known;
    }
    return entry("C" + internalName, 7, utf8(internalName), -1);
  }

  private int methodRef(String owner, String name, String descriptor) {
    String key = "M" + owner + "." + name + descriptor;
    Integer known = indexes.get(key);
    if (known != null) {
      return known;
    }
    int ownerIndex = classRef(owner);
    int nameAndType = nameAndType(name, descriptor);
    return entry(key, 10, ownerIndex, nameAndType);
  }

  private int nameAndType(String name, String descriptor) {
    String key = "N" + name + ":" + descriptor;
    Integer known = indexes.get(key);
    if (known != null) {
      return known;
    }
    int nameIndex = utf8(name);
    return entry(key, 12, nameIndex, utf8(descriptor));
  }

  private int entry(String key, int tag, int first, int second) {
    try {
      constants.writeByte(tag);
      constants.writeShort(first);
      if (second >= 0) {
        constants.writeShort(second);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return add(key, 1);
  }

  private int add(String key, int slots) {
    int index = count;
    indexes.put(key, index);
    count += slots;
    return index;
  }
}
