package org.clientele.crm.impl.segment;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.clientele.crm.api.customer.AttributeDefinition;
import org.clientele.crm.api.customer.AttributeType;
import org.clientele.crm.api.segment.SegmentRule;
import org.clientele.crm.impl.persistence.TestDatabases;
import org.junit.jupiter.api.Test;

/**
 * docs/segmentation.md stays true: its example rules bind the way JSON-B binds them, validate and compile to SQL
 * that runs, and its JSON Schema lists the fields, operators and groups the code knows.
 */
class SegmentDocsTest {

  private static final Pattern JSON_BLOCK = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL);

  private final SegmentCatalog catalog = new SegmentCatalog() {
    @Override
    public Optional<Segment> segment(String key) {
      return key.equals("vip-customers") ? Optional.of(new Segment(key, null)) : Optional.empty();
    }

    @Override
    public Optional<AttributeDefinition> attribute(String key) {
      return switch (key) {
        case "loyalty_tier" -> Optional.of(new AttributeDefinition(key, AttributeType.STRING,
            List.of("bronze", "silver", "gold"), null));
        case "company" -> Optional.of(new AttributeDefinition(key, AttributeType.STRING, List.of(), null));
        default -> Optional.empty();
      };
    }
  };

  private static List<String> jsonBlocks() throws IOException {
    String doc = Files.readString(Path.of("..", "docs", "segmentation.md"), StandardCharsets.UTF_8);
    List<String> blocks = new ArrayList<>();
    Matcher m = JSON_BLOCK.matcher(doc);
    while (m.find()) {
      blocks.add(m.group(1));
    }
    return blocks;
  }

  private static JsonObject parse(String json) {
    try (var reader = Json.createReader(new StringReader(json))) {
      return reader.readObject();
    }
  }

  @Test
  void examplesAreValidRulesThatCompileAndRun() throws IOException, SQLException {
    List<String> examples = jsonBlocks().stream().filter(b -> !b.contains("$schema")).toList();
    assertThat(examples).hasSizeGreaterThanOrEqualTo(10);
    SegmentSqlCompiler compiler = new SegmentSqlCompiler();
    DataSource h2 = TestDatabases.migratedH2("segment-docs");
    try (Connection c = h2.getConnection()) {
      for (String example : examples) {
        SegmentRule rule = (SegmentRule) bind(parse(example), SegmentRule.class);
        assertThat(new SegmentRuleValidator().violations(null, rule, catalog)).as(example).isEmpty();
        assertThat(DatasetLoader.select(c, compiler.compile(rule, catalog, Instant.parse("2026-06-15T00:00:00Z"))))
            .as(example).isEmpty();
      }
    }
  }

  @Test
  void schemaListsWhatTheCodeKnows() throws IOException {
    JsonObject schema = parse(jsonBlocks().stream().filter(b -> b.contains("$schema")).findFirst().orElseThrow());
    JsonObject rule = schema.getJsonObject("$defs").getJsonObject("rule");
    JsonObject properties = rule.getJsonObject("properties");
    assertThat(strings(properties.getJsonObject("field").getJsonArray("enum"))).isEqualTo(ProfileField.names());
    assertThat(strings(properties.getJsonObject("op").getJsonArray("enum")))
        .isEqualTo(Arrays.stream(Operator.values()).map(Operator::token).toList());
    assertThat(strings(properties.getJsonObject("rfmGroup").getJsonArray("enum")))
        .isEqualTo(Arrays.stream(RfmGroup.values()).map(RfmGroup::key).toList());
    assertThat(rule.getJsonArray("oneOf")).hasSize(13);
    assertThat(properties.keySet()).containsAll(Arrays.stream(SegmentRule.class.getRecordComponents())
        .map(RecordComponent::getName).toList());
  }

  private static List<String> strings(JsonArray array) {
    return array.getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
  }

  /**
   * Binds JSON to the API records as JSON-B does by default: records by component name, {@code Object} as
   * String, BigDecimal, Boolean, List or Map. Unknown members fail here (JSON-B would ignore them).
   */
  static Object bind(JsonValue json, Type type) {
    if (json == null || json.getValueType() == JsonValue.ValueType.NULL) {
      return null;
    }
    if (type instanceof ParameterizedType list && list.getRawType() == List.class) {
      List<Object> items = new ArrayList<>();
      json.asJsonArray().forEach(item -> items.add(bind(item, list.getActualTypeArguments()[0])));
      return items;
    }
    Class<?> c = (Class<?>) type;
    if (c.isRecord()) {
      JsonObject object = json.asJsonObject();
      RecordComponent[] components = c.getRecordComponents();
      List<String> names = Arrays.stream(components).map(RecordComponent::getName).toList();
      assertThat(names).as("members of " + c.getSimpleName()).containsAll(object.keySet());
      Object[] args = new Object[components.length];
      for (int i = 0; i < components.length; i++) {
        args[i] = bind(object.get(components[i].getName()), components[i].getGenericType());
      }
      try {
        Constructor<?> constructor = c.getDeclaredConstructor(
            Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
        return constructor.newInstance(args);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }
    if (c == String.class) {
      return ((JsonString) json).getString();
    }
    if (c == Integer.class) {
      return ((JsonNumber) json).intValueExact();
    }
    return switch (json.getValueType()) {
      case STRING -> ((JsonString) json).getString();
      case NUMBER -> ((JsonNumber) json).bigDecimalValue();
      case TRUE -> Boolean.TRUE;
      case FALSE -> Boolean.FALSE;
      case ARRAY -> json.asJsonArray().stream().map(v -> bind(v, Object.class)).toList();
      case OBJECT -> {
        Map<String, Object> map = new LinkedHashMap<>();
        json.asJsonObject().forEach((k, v) -> map.put(k, bind(v, Object.class)));
        yield map;
      }
      default -> null;
    };
  }
}
