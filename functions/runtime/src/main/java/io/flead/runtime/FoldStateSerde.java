package io.flead.runtime;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A compact binary serde for the state of a pure core's fold (a per-device window, a round buffer),
 * stored in a Streams state store between records.
 *
 * <p>The cores keep their state as plain objects with private fields and no serialisation of their
 * own, so this serde walks the fields by reflection: primitives and primitive arrays are written raw
 * (a window of 50 rows x 40 features costs 16 KB and microseconds, where JSON would cost 40 KB and
 * tenths of a millisecond on every record), strings as UTF-8, records through their canonical
 * constructors, lists, sets and maps element by element (read back as ArrayList, LinkedHashSet and
 * LinkedHashMap), other objects field by field. Objects are
 * allocated without running a constructor, as Java serialisation does. The format is versioned by
 * the state class's field layout: a store written by another build of the core cannot be read, so
 * changelog topics must be reset when a core's state shape changes (the error names the class).
 */
public final class FoldStateSerde<T> implements Serde<T> {

  private static final byte NULL = 0;
  private static final byte DECLARED = 1;
  private static final byte NAMED = 2;
  private static final byte LIST = 3;
  private static final byte MAP = 4;
  private static final byte SET = 5;
  private static final Map<Class<?>, Field[]> FIELDS = new ConcurrentHashMap<>();
  private static final Map<Class<?>, Constructor<?>> ALLOCATORS = new ConcurrentHashMap<>();

  private final Class<T> type;

  public FoldStateSerde(Class<T> type) {
    this.type = type;
  }

  @Override
  public Serializer<T> serializer() {
    return (topic, state) -> state == null ? null : encode(state);
  }

  @Override
  public Deserializer<T> deserializer() {
    return (topic, bytes) -> bytes == null ? null : decode(bytes);
  }

  public byte[] encode(T state) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      writeValue(out, type, state);
    } catch (IOException | ReflectiveOperationException e) {
      throw new SerializationException("Cannot encode state " + type.getName() + ": " + e, e);
    }
    return bytes.toByteArray();
  }

  public T decode(byte[] bytes) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      return type.cast(readValue(in, type));
    } catch (IOException | ReflectiveOperationException | RuntimeException e) {
      throw new SerializationException("Cannot decode state " + type.getName()
          + " (was it written by another version of the core?): " + e, e);
    }
  }

  private static void writeValue(DataOutputStream out, Class<?> declared, Object value)
      throws IOException, ReflectiveOperationException {
    if (declared.isPrimitive()) {
      writePrimitive(out, declared, value);
      return;
    }
    if (value == null) {
      out.writeByte(NULL);
    } else if (value instanceof List<?> list && !declared.isArray()) {
      out.writeByte(LIST);
      out.writeInt(list.size());
      for (Object element : list) {
        writeValue(out, Object.class, element);
      }
    } else if (value instanceof Set<?> set) {
      out.writeByte(SET);
      out.writeInt(set.size());
      for (Object element : set) {
        writeValue(out, Object.class, element);
      }
    } else if (value instanceof Map<?, ?> map) {
      out.writeByte(MAP);
      out.writeInt(map.size());
      for (Map.Entry<?, ?> e : map.entrySet()) {
        writeValue(out, Object.class, e.getKey());
        writeValue(out, Object.class, e.getValue());
      }
    } else {
      if (value.getClass() == declared) {
        out.writeByte(DECLARED);
      } else {
        out.writeByte(NAMED);
        out.writeUTF(value.getClass().getName());
      }
      writeBody(out, value.getClass(), value);
    }
  }

  private static void writeBody(DataOutputStream out, Class<?> cls, Object value)
      throws IOException, ReflectiveOperationException {
    if (cls == String.class) {
      byte[] utf8 = ((String) value).getBytes(java.nio.charset.StandardCharsets.UTF_8);
      out.writeInt(utf8.length);
      out.write(utf8);
    } else if (cls.isEnum()) {
      out.writeUTF(((Enum<?>) value).name());
    } else if (primitiveOf(cls) != null) {
      writePrimitive(out, primitiveOf(cls), value);
    } else if (cls.isArray()) {
      writeArray(out, cls.getComponentType(), value);
    } else if (cls.isRecord()) {
      for (RecordComponent c : cls.getRecordComponents()) {
        writeValue(out, c.getType(), accessible(c.getAccessor()).invoke(value));
      }
    } else {
      for (Field f : fields(cls)) {
        writeValue(out, f.getType(), f.get(value));
      }
    }
  }

  private static void writeArray(DataOutputStream out, Class<?> component, Object array)
      throws IOException, ReflectiveOperationException {
    int n = Array.getLength(array);
    out.writeInt(n);
    if (writePrimitiveArray(out, component, array, n)) {
      return;
    }
    for (int i = 0; i < n; i++) {
      writeValue(out, component, Array.get(array, i));
    }
  }

  /**
   * Writes an array of a numeric primitive type in one block, big-endian like {@link DataOutputStream}, so the bytes
   * are the same as element by element; false for other component types.
   */
  private static boolean writePrimitiveArray(DataOutputStream out, Class<?> component, Object array, int n)
      throws IOException {
    if (component == byte.class) {
      out.write((byte[]) array);
      return true;
    }
    int size = primitiveBytes(component);
    if (size == 0) {
      return false;
    }
    ByteBuffer buffer = ByteBuffer.allocate(n * size);
    if (component == double.class) {
      buffer.asDoubleBuffer().put((double[]) array);
    } else if (component == long.class) {
      buffer.asLongBuffer().put((long[]) array);
    } else if (component == int.class) {
      buffer.asIntBuffer().put((int[]) array);
    } else if (component == float.class) {
      buffer.asFloatBuffer().put((float[]) array);
    } else {
      buffer.asShortBuffer().put((short[]) array);
    }
    out.write(buffer.array());
    return true;
  }

  /** Reads what {@link #writePrimitiveArray} wrote; null for other component types. */
  private static Object readPrimitiveArray(DataInputStream in, Class<?> component, int n) throws IOException {
    if (component == byte.class) {
      byte[] bytes = new byte[n];
      in.readFully(bytes);
      return bytes;
    }
    int size = primitiveBytes(component);
    if (size == 0) {
      return null;
    }
    byte[] raw = new byte[n * size];
    in.readFully(raw);
    ByteBuffer buffer = ByteBuffer.wrap(raw);
    if (component == double.class) {
      double[] a = new double[n];
      buffer.asDoubleBuffer().get(a);
      return a;
    } else if (component == long.class) {
      long[] a = new long[n];
      buffer.asLongBuffer().get(a);
      return a;
    } else if (component == int.class) {
      int[] a = new int[n];
      buffer.asIntBuffer().get(a);
      return a;
    } else if (component == float.class) {
      float[] a = new float[n];
      buffer.asFloatBuffer().get(a);
      return a;
    }
    short[] a = new short[n];
    buffer.asShortBuffer().get(a);
    return a;
  }

  private static int primitiveBytes(Class<?> component) {
    return component == double.class || component == long.class ? 8 : component == int.class || component == float.class
        ? 4 : component == short.class ? 2 : 0;
  }

  private static void writePrimitive(DataOutputStream out, Class<?> p, Object v) throws IOException {
    if (p == double.class) {
      out.writeDouble((Double) v);
    } else if (p == long.class) {
      out.writeLong((Long) v);
    } else if (p == int.class) {
      out.writeInt((Integer) v);
    } else if (p == float.class) {
      out.writeFloat((Float) v);
    } else if (p == short.class) {
      out.writeShort((Short) v);
    } else if (p == byte.class) {
      out.writeByte((Byte) v);
    } else if (p == boolean.class) {
      out.writeBoolean((Boolean) v);
    } else {
      out.writeChar((Character) v);
    }
  }

  private static Object readValue(DataInputStream in, Class<?> declared) throws IOException, ReflectiveOperationException {
    if (declared.isPrimitive()) {
      return readPrimitive(in, declared);
    }
    byte tag = in.readByte();
    switch (tag) {
      case NULL:
        return null;
      case LIST:
        return readList(in);
      case MAP:
        return readMap(in);
      case SET:
        return new LinkedHashSet<>(readList(in));
      case DECLARED:
        return readBody(in, declared);
      case NAMED:
        return readBody(in, Class.forName(in.readUTF()));
      default:
        throw new IOException("unknown tag " + tag + " for a " + declared.getName());
    }
  }

  private static List<Object> readList(DataInputStream in) throws IOException, ReflectiveOperationException {
    int n = in.readInt();
    List<Object> list = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      list.add(readValue(in, Object.class));
    }
    return list;
  }

  private static Map<Object, Object> readMap(DataInputStream in) throws IOException, ReflectiveOperationException {
    int n = in.readInt();
    Map<Object, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      map.put(readValue(in, Object.class), readValue(in, Object.class));
    }
    return map;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Object readBody(DataInputStream in, Class<?> cls) throws IOException, ReflectiveOperationException {
    if (cls == String.class) {
      byte[] utf8 = new byte[in.readInt()];
      in.readFully(utf8);
      return new String(utf8, java.nio.charset.StandardCharsets.UTF_8);
    } else if (cls.isEnum()) {
      return Enum.valueOf((Class) cls, in.readUTF());
    } else if (primitiveOf(cls) != null) {
      return readPrimitive(in, primitiveOf(cls));
    } else if (cls.isArray()) {
      return readArray(in, cls.getComponentType());
    } else if (cls.isRecord()) {
      return readRecord(in, cls);
    }
    Object value = allocate(cls);
    for (Field f : fields(cls)) {
      f.set(value, readValue(in, f.getType()));
    }
    return value;
  }

  private static Object readArray(DataInputStream in, Class<?> component) throws IOException, ReflectiveOperationException {
    int n = in.readInt();
    Object primitive = readPrimitiveArray(in, component, n);
    if (primitive != null) {
      return primitive;
    }
    Object array = Array.newInstance(component, n);
    for (int i = 0; i < n; i++) {
      Array.set(array, i, readValue(in, component));
    }
    return array;
  }

  private static Object readRecord(DataInputStream in, Class<?> cls) throws IOException, ReflectiveOperationException {
    RecordComponent[] components = cls.getRecordComponents();
    Class<?>[] types = new Class<?>[components.length];
    Object[] args = new Object[components.length];
    for (int i = 0; i < components.length; i++) {
      types[i] = components[i].getType();
      args[i] = readValue(in, types[i]);
    }
    return accessible(cls.getDeclaredConstructor(types)).newInstance(args);
  }

  private static Object readPrimitive(DataInputStream in, Class<?> p) throws IOException {
    if (p == double.class) {
      return in.readDouble();
    } else if (p == long.class) {
      return in.readLong();
    } else if (p == int.class) {
      return in.readInt();
    } else if (p == float.class) {
      return in.readFloat();
    } else if (p == short.class) {
      return in.readShort();
    } else if (p == byte.class) {
      return in.readByte();
    } else if (p == boolean.class) {
      return in.readBoolean();
    }
    return in.readChar();
  }

  private static Class<?> primitiveOf(Class<?> boxed) {
    return boxed == Double.class ? double.class : boxed == Long.class ? long.class : boxed == Integer.class ? int.class
        : boxed == Float.class ? float.class : boxed == Short.class ? short.class : boxed == Byte.class ? byte.class
        : boxed == Boolean.class ? boolean.class : boxed == Character.class ? char.class : null;
  }

  /** Instance fields of the class and its superclasses, in a fixed order, made accessible. */
  private static Field[] fields(Class<?> cls) {
    return FIELDS.computeIfAbsent(cls, c -> {
      List<Field> all = new ArrayList<>();
      for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
        for (Field f : k.getDeclaredFields()) {
          if (!Modifier.isStatic(f.getModifiers())) {
            f.setAccessible(true);
            all.add(f);
          }
        }
      }
      return all.toArray(Field[]::new);
    });
  }

  private static <A extends java.lang.reflect.AccessibleObject> A accessible(A member) {
    member.setAccessible(true);
    return member;
  }

  /** Allocates an instance without running its constructors, like Java serialisation does. */
  private static Object allocate(Class<?> cls) throws ReflectiveOperationException {
    Constructor<?> constructor = ALLOCATORS.get(cls);
    if (constructor == null) {
      constructor = sun.reflect.ReflectionFactory.getReflectionFactory()
          .newConstructorForSerialization(cls, Object.class.getDeclaredConstructor());
      ALLOCATORS.put(cls, constructor);
    }
    return constructor.newInstance();
  }
}
