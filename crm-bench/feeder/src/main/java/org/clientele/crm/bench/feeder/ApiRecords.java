package org.clientele.crm.bench.feeder;

import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds crm-api input records (loaded by the CRM's class loader) from plain values, by their record components:
 * the same shape as the JSON the REST API takes. Strings become enum constants and instants where the component
 * says so, maps become nested records, lists of maps lists of records; missing components are null.
 */
final class ApiRecords {

  private final ClassLoader api;

  ApiRecords(ClassLoader api) {
    this.api = api;
  }

  Object build(String type, Map<String, ?> values) throws Exception {
    return build(api.loadClass(type), values);
  }

  private Object build(Class<?> type, Map<String, ?> values) throws Exception {
    RecordComponent[] components = type.getRecordComponents();
    Class<?>[] types = new Class<?>[components.length];
    Object[] args = new Object[components.length];
    for (int c = 0; c < components.length; c++) {
      types[c] = components[c].getType();
      args[c] = convert(components[c].getGenericType(), values.get(components[c].getName()));
    }
    Constructor<?> canonical = type.getDeclaredConstructor(types);
    return canonical.newInstance(args);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private Object convert(Type target, Object value) throws Exception {
    if (value == null) {
      return null;
    }
    Class<?> raw = target instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) target;
    if (raw.isEnum() && value instanceof String name) {
      return Enum.valueOf((Class<? extends Enum>) raw, name);
    }
    if (raw == Instant.class && value instanceof String text) {
      return Instant.parse(text);
    }
    if (raw.isRecord() && value instanceof Map<?, ?> map) {
      return build(raw, (Map<String, ?>) map);
    }
    if (List.class.isAssignableFrom(raw) && value instanceof List<?> list && target instanceof ParameterizedType p) {
      List<Object> converted = new ArrayList<>();
      for (Object element : list) {
        converted.add(convert(p.getActualTypeArguments()[0], element));
      }
      return converted;
    }
    return value;
  }
}
