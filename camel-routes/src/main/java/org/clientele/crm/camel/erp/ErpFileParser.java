package org.clientele.crm.camel.erp;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonLocation;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParsingException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Turns a file dropped by the host ERP into records: one JSON object text per record, in file order.
 *
 * <ul>
 *   <li>{@code <kind>*.json}: an array of objects, or one object;</li>
 *   <li>{@code <kind>*.jsonl}: one object per line (blank lines are skipped);</li>
 *   <li>{@code <kind>*.csv}: RFC 4180 with a header row; each row becomes one flat-to-nested object: a dotted
 *       header nests ({@code address.city}), a numeric segment makes an array ({@code lines.0.sku}), a {@code []}
 *       suffix splits the cell on {@code |} into an array of strings ({@code tags[]}); an empty cell is absent and
 *       every value is a string.</li>
 * </ul>
 *
 * <p>Files are UTF-8 (an initial byte order mark is skipped). Anything else fails the whole file with an
 * {@link ErpFileException} whose message names the line (and column) of the problem, never a value.
 */
public final class ErpFileParser {

  /** The file formats, by file name extension. */
  public enum Format { JSON, JSONL, CSV }

  /** A parsed file: its kind, format, SHA-256 of its bytes (hex) and records (JSON object texts). */
  public record ParsedFile(String kind, Format format, String sha256, List<String> records) {}

  private static final Pattern INDEX = Pattern.compile("0|[1-9][0-9]{0,3}");
  private static final String SPLIT_SUFFIX = "[]";

  private final List<String> kinds;

  /** @param kinds the file kinds (file name prefixes), e.g. {@code customers}, {@code orders} */
  public ErpFileParser(Collection<String> kinds) {
    // Longest first: "orders-lines" must win over "orders".
    this.kinds = kinds.stream().map(k -> k.toLowerCase(Locale.ROOT))
        .sorted((a, b) -> Integer.compare(b.length(), a.length())).toList();
  }

  /** The kind a file name starts with (case-insensitive). */
  public String kind(String fileName) {
    String lower = fileName.toLowerCase(Locale.ROOT);
    return kinds.stream().filter(lower::startsWith).findFirst().orElseThrow(() -> new ErpFileException(
        ErpFileException.UNKNOWN_KIND, "the file name starts with none of the kinds " + kinds
            + " (expected <kind>*.json, <kind>*.jsonl or <kind>*.csv)"));
  }

  /** The format of a file name, by its extension (case-insensitive). */
  public static Format format(String fileName) {
    String lower = fileName.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".jsonl")) {
      return Format.JSONL;
    }
    if (lower.endsWith(".json")) {
      return Format.JSON;
    }
    if (lower.endsWith(".csv")) {
      return Format.CSV;
    }
    throw new ErpFileException(ErpFileException.UNKNOWN_KIND,
        "the file name does not end in .json, .jsonl or .csv");
  }

  /** Kind, format and records of a file; fails as a whole, naming the line of the first problem. */
  public ParsedFile parse(String fileName, byte[] bytes) {
    String kind = kind(fileName);
    Format format = format(fileName);
    String text = text(bytes);
    List<String> records = switch (format) {
      case JSON -> json(text);
      case JSONL -> jsonLines(text);
      case CSV -> csv(text);
    };
    return new ParsedFile(kind, format, sha256(bytes), records);
  }

  /** The file's SHA-256 as lower-case hex. */
  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** Strict UTF-8, without a leading byte order mark. */
  static String text(byte[] bytes) {
    try {
      String text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString();
      return text.startsWith("\uFEFF") ? text.substring(1) : text;
    } catch (MalformedInputException e) {
      throw new ErpFileException(ErpFileException.MALFORMED, "line " + lineAtByte(bytes, firstBadByte(bytes))
          + ": the file is not UTF-8");
    } catch (CharacterCodingException e) {
      throw new ErpFileException(ErpFileException.MALFORMED, "the file is not UTF-8");
    }
  }

  // ---------------------------------------------------------------- JSON

  static List<String> json(String text) {
    if (text.isBlank()) {
      throw new ErpFileException(ErpFileException.MALFORMED, "line 1: the file is empty");
    }
    JsonProvider provider = JsonProvider.provider();
    List<String> records = new ArrayList<>();
    try (JsonParser parser = provider.createParser(new StringReader(text))) {
      JsonParser.Event first = parser.next();
      if (first == JsonParser.Event.START_OBJECT) {
        records.add(parser.getObject().toString());
      } else if (first == JsonParser.Event.START_ARRAY) {
        int element = 0;
        for (JsonParser.Event next = parser.next(); next != JsonParser.Event.END_ARRAY; next = parser.next()) {
          element++;
          if (next != JsonParser.Event.START_OBJECT) {
            throw malformed(parser.getLocation(), "element " + element + " of the array is not an object");
          }
          records.add(parser.getObject().toString());
        }
      } else {
        throw malformed(parser.getLocation(), "the file must hold an array of objects or one object");
      }
      // Throws on anything but white space after the value.
      parser.hasNext();
    } catch (JsonParsingException e) {
      throw malformed(e.getLocation(), "not valid JSON (" + e.getMessage() + ")");
    } catch (ErpFileException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new ErpFileException(ErpFileException.MALFORMED, "not valid JSON (" + e.getMessage() + ")");
    }
    return records;
  }

  static List<String> jsonLines(String text) {
    JsonProvider provider = JsonProvider.provider();
    List<String> records = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
      if (line.isBlank()) {
        continue;
      }
      int lineNumber = i + 1;
      try (JsonParser parser = provider.createParser(new StringReader(line))) {
        if (parser.next() != JsonParser.Event.START_OBJECT) {
          throw new ErpFileException(ErpFileException.MALFORMED, "line " + lineNumber + ": not a JSON object");
        }
        JsonObject object = parser.getObject();
        parser.hasNext();
        records.add(object.toString());
      } catch (JsonParsingException e) {
        long column = e.getLocation() == null ? -1 : e.getLocation().getColumnNumber();
        throw new ErpFileException(ErpFileException.MALFORMED, "line " + lineNumber
            + (column > 0 ? ", column " + column : "") + ": not valid JSON (" + e.getMessage() + ")");
      } catch (ErpFileException e) {
        throw e;
      } catch (RuntimeException e) {
        throw new ErpFileException(ErpFileException.MALFORMED, "line " + lineNumber + ": not valid JSON");
      }
    }
    return records;
  }

  private static ErpFileException malformed(JsonLocation location, String problem) {
    if (location == null || location.getLineNumber() < 1) {
      return new ErpFileException(ErpFileException.MALFORMED, problem);
    }
    return new ErpFileException(ErpFileException.MALFORMED, "line " + location.getLineNumber() + ", column "
        + location.getColumnNumber() + ": " + problem);
  }

  // ---------------------------------------------------------------- CSV

  /** One CSV record: its fields and the line it starts on. */
  record CsvRow(int line, List<String> fields) {}

  /** A header column: its path segments and whether its cells are split on {@code |}. */
  private record Column(String header, String[] path, boolean split) {}

  static List<String> csv(String text) {
    List<CsvRow> rows = csvRows(text);
    if (rows.isEmpty()) {
      throw new ErpFileException(ErpFileException.MALFORMED, "line 1: the header row is missing");
    }
    List<Column> columns = columns(rows.get(0));
    JsonProvider provider = JsonProvider.provider();
    List<String> records = new ArrayList<>();
    for (CsvRow row : rows.subList(1, rows.size())) {
      if (row.fields().size() != columns.size()) {
        throw new ErpFileException(ErpFileException.MALFORMED, "line " + row.line() + ": " + row.fields().size()
            + " fields, but the header has " + columns.size());
      }
      Map<String, Object> object = new LinkedHashMap<>();
      for (int c = 0; c < columns.size(); c++) {
        put(object, columns.get(c), row.fields().get(c));
      }
      records.add(toJson(provider, object).toString());
    }
    return records;
  }

  /** RFC 4180 records; a line holding nothing at all is skipped. */
  static List<CsvRow> csvRows(String text) {
    List<CsvRow> rows = new ArrayList<>();
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean fieldStart = true;
    boolean rowQuoted = false;
    int line = 1;
    int column = 1;
    int rowLine = 1;
    int n = text.length();
    int i = 0;
    while (i < n) {
      char c = text.charAt(i);
      if (fieldStart && c == '"') {
        int openLine = line;
        int openColumn = column;
        rowQuoted = true;
        i++;
        column++;
        while (true) {
          if (i >= n) {
            throw csvError(openLine, openColumn, "the quoted field is not closed");
          }
          char d = text.charAt(i);
          if (d == '"') {
            if (i + 1 < n && text.charAt(i + 1) == '"') {
              field.append('"');
              i += 2;
              column += 2;
              continue;
            }
            i++;
            column++;
            break;
          }
          field.append(d);
          if (d == '\n' || (d == '\r' && !(i + 1 < n && text.charAt(i + 1) == '\n'))) {
            line++;
            column = 1;
          } else {
            column++;
          }
          i++;
        }
        if (i < n && text.charAt(i) != ',' && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
          throw csvError(line, column, "unexpected character after a closing quote"
              + " (a quote inside a quoted field is written as two quotes)");
        }
        fieldStart = false;
        continue;
      }
      if (c == ',') {
        fields.add(field.toString());
        field.setLength(0);
        fieldStart = true;
        i++;
        column++;
        continue;
      }
      if (c == '\r' || c == '\n') {
        fields.add(field.toString());
        field.setLength(0);
        addRow(rows, rowLine, fields, rowQuoted);
        fields = new ArrayList<>();
        rowQuoted = false;
        fieldStart = true;
        i += c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n' ? 2 : 1;
        line++;
        column = 1;
        rowLine = line;
        continue;
      }
      if (c == '"') {
        throw csvError(line, column, "a quote inside an unquoted field (quote the whole field)");
      }
      field.append(c);
      fieldStart = false;
      i++;
      column++;
    }
    if (!fields.isEmpty() || field.length() > 0 || rowQuoted) {
      fields.add(field.toString());
      addRow(rows, rowLine, fields, rowQuoted);
    }
    return rows;
  }

  private static void addRow(List<CsvRow> rows, int line, List<String> fields, boolean quoted) {
    boolean blankLine = fields.size() == 1 && fields.get(0).isEmpty() && !quoted;
    if (!blankLine) {
      rows.add(new CsvRow(line, List.copyOf(fields)));
    }
  }

  private static List<Column> columns(CsvRow header) {
    List<Column> columns = new ArrayList<>();
    Map<String, String> shapes = new HashMap<>();
    shapes.put("", "object");
    Set<String> seen = new HashSet<>();
    for (int c = 0; c < header.fields().size(); c++) {
      String name = header.fields().get(c).strip();
      String where = "line " + header.line() + ", column " + (c + 1) + " of the header";
      if (name.isEmpty()) {
        throw new ErpFileException(ErpFileException.MALFORMED, where + ": the column has no name");
      }
      if (!seen.add(name)) {
        throw new ErpFileException(ErpFileException.MALFORMED, where + ": '" + name + "' appears twice");
      }
      boolean split = name.endsWith(SPLIT_SUFFIX);
      String path = split ? name.substring(0, name.length() - SPLIT_SUFFIX.length()) : name;
      String[] segments = path.split("\\.", -1);
      StringBuilder prefix = new StringBuilder();
      for (int s = 0; s < segments.length; s++) {
        String segment = segments[s];
        if (segment.isEmpty() || segment.contains(SPLIT_SUFFIX)) {
          throw new ErpFileException(ErpFileException.MALFORMED, where + ": '" + name
              + "' is not a path (names separated by dots, [] only at the end)");
        }
        boolean index = INDEX.matcher(segment).matches();
        if (index && s == 0) {
          throw new ErpFileException(ErpFileException.MALFORMED, where + ": '" + name
              + "' must start with a name, not an index");
        }
        if (segment.chars().allMatch(Character::isDigit) && !index) {
          throw new ErpFileException(ErpFileException.MALFORMED, where + ": '" + name
              + "' has an index that is not 0..9999 without leading zeros");
        }
        String shape = index ? "array" : "object";
        String existing = shapes.putIfAbsent(prefix.toString(), shape);
        if (existing != null && !existing.equals(shape)) {
          throw clash(where, name, prefix.toString(), existing);
        }
        if (s > 0) {
          prefix.append('.');
        }
        prefix.append(segment);
      }
      String existing = shapes.putIfAbsent(prefix.toString(), "value");
      if (existing != null) {
        throw clash(where, name, prefix.toString(), existing);
      }
      columns.add(new Column(name, segments, split));
    }
    return columns;
  }

  private static ErpFileException clash(String where, String name, String path, String existing) {
    return new ErpFileException(ErpFileException.MALFORMED, where + ": '" + name + "' clashes with another column"
        + " that makes '" + path + "' " + ("value".equals(existing) ? "a value" : "an " + existing));
  }

  @SuppressWarnings("unchecked")
  private static void put(Map<String, Object> root, Column column, String cell) {
    Object value;
    if (column.split()) {
      List<String> parts = new ArrayList<>();
      for (String part : cell.split("\\|", -1)) {
        if (!part.isBlank()) {
          parts.add(part.strip());
        }
      }
      if (parts.isEmpty()) {
        return;
      }
      value = parts;
    } else {
      if (cell.isEmpty()) {
        return;
      }
      value = cell;
    }
    Object container = root;
    String[] path = column.path();
    for (int s = 0; s < path.length; s++) {
      boolean last = s == path.length - 1;
      boolean nextIsIndex = !last && INDEX.matcher(path[s + 1]).matches();
      Object child = last ? value
          : nextIsIndex ? new TreeMap<Integer, Object>() : new LinkedHashMap<String, Object>();
      if (container instanceof TreeMap<?, ?> array) {
        container = ((TreeMap<Integer, Object>) array).computeIfAbsent(Integer.parseInt(path[s]), k -> child);
      } else {
        container = ((Map<String, Object>) container).computeIfAbsent(path[s], k -> child);
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static JsonObject toJson(JsonProvider provider, Map<String, Object> object) {
    JsonObjectBuilder builder = provider.createObjectBuilder();
    object.forEach((key, value) -> {
      if (value instanceof String text) {
        builder.add(key, text);
      } else if (value instanceof TreeMap<?, ?> array) {
        builder.add(key, toJsonArray(provider, (TreeMap<Integer, Object>) array));
      } else if (value instanceof List<?> strings) {
        JsonArrayBuilder items = provider.createArrayBuilder();
        strings.forEach(s -> items.add((String) s));
        builder.add(key, items);
      } else {
        builder.add(key, toJson(provider, (Map<String, Object>) value));
      }
    });
    return builder.build();
  }

  @SuppressWarnings("unchecked")
  private static JsonArrayBuilder toJsonArray(JsonProvider provider, TreeMap<Integer, Object> array) {
    JsonArrayBuilder builder = provider.createArrayBuilder();
    array.values().forEach(value -> {
      if (value instanceof String text) {
        builder.add(text);
      } else if (value instanceof TreeMap<?, ?> nested) {
        builder.add(toJsonArray(provider, (TreeMap<Integer, Object>) nested));
      } else if (value instanceof List<?> strings) {
        JsonArrayBuilder items = provider.createArrayBuilder();
        strings.forEach(s -> items.add((String) s));
        builder.add(items);
      } else {
        builder.add(toJson(provider, (Map<String, Object>) value));
      }
    });
    return builder;
  }

  private static ErpFileException csvError(int line, int column, String problem) {
    return new ErpFileException(ErpFileException.MALFORMED, "line " + line + ", column " + column + ": " + problem);
  }

  private static int firstBadByte(byte[] bytes) {
    var decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    var out = java.nio.CharBuffer.allocate(bytes.length + 1);
    var result = decoder.decode(in, out, true);
    return result.isError() ? in.position() : bytes.length;
  }

  private static int lineAtByte(byte[] bytes, int offset) {
    int line = 1;
    for (int i = 0; i < offset && i < bytes.length; i++) {
      if (bytes[i] == '\n') {
        line++;
      }
    }
    return line;
  }
}
