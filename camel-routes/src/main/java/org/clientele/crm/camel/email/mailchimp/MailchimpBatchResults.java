package org.clientele.crm.camel.email.mailchimp;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * A finished batch's results as Mailchimp gives them at {@code response_body_url}: a gzipped tar of JSON files,
 * each an array of {@code {"status_code", "operation_id", "response"}} where {@code response} is the operation's
 * response body as a string. Read with a minimal tar reader (ustar headers of 512 bytes, regular files only) to
 * need no archive library in the EAR.
 */
public final class MailchimpBatchResults {

  /** One operation's result. */
  public record Result(String operationId, int statusCode, String response) {}

  private MailchimpBatchResults() {}

  /** The results by operation id. @throws IOException when the archive or a file is malformed */
  public static Map<String, Result> read(InputStream gzipped) throws IOException {
    Map<String, Result> results = new LinkedHashMap<>();
    try (InputStream in = new GZIPInputStream(gzipped)) {
      byte[] header = new byte[512];
      while (readFully(in, header)) {
        if (isZero(header)) {
          break; // end of archive
        }
        String name = field(header, 0, 100);
        long size = Long.parseLong(field(header, 124, 12).trim().isEmpty() ? "0" : field(header, 124, 12).trim(), 8);
        char type = (char) header[156];
        byte[] content = new byte[(int) size];
        if (!readFully(in, content) && size > 0) {
          throw new IOException("Truncated batch result archive");
        }
        long padding = (512 - size % 512) % 512;
        in.skipNBytes(padding);
        if ((type == '0' || type == 0) && name.endsWith(".json")) {
          parse(content, results);
        }
      }
    }
    return results;
  }

  private static void parse(byte[] content, Map<String, Result> results) throws IOException {
    JsonArray array;
    try (JsonReader reader = Json.createReader(new ByteArrayInputStream(content))) {
      array = reader.readArray();
    } catch (RuntimeException e) {
      throw new IOException("A batch result file is not a JSON array: " + e.getClass().getSimpleName());
    }
    for (JsonValue v : array) {
      if (v instanceof JsonObject o && o.containsKey("operation_id") && !o.isNull("operation_id")) {
        String id = o.get("operation_id") instanceof jakarta.json.JsonString s ? s.getString()
            : o.get("operation_id").toString();
        results.put(id, new Result(id, o.getInt("status_code", 0), o.getString("response", "")));
      }
    }
  }

  /** Writes results as Mailchimp does (one file, gzipped tar): for the test peer and tests. */
  public static byte[] write(String fileName, JsonArray results) throws IOException {
    byte[] content = results.toString().getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(bytes)) {
      byte[] header = new byte[512];
      put(header, 0, fileName);
      put(header, 100, "0000644");
      put(header, 108, "0000000");
      put(header, 116, "0000000");
      put(header, 124, String.format("%011o", content.length));
      put(header, 136, String.format("%011o", System.currentTimeMillis() / 1000));
      java.util.Arrays.fill(header, 148, 156, (byte) ' ');
      header[156] = '0';
      put(header, 257, "ustar");
      header[263] = '0';
      header[264] = '0';
      int sum = 0;
      for (byte b : header) {
        sum += b & 0xff;
      }
      put(header, 148, String.format("%06o", sum));
      header[154] = 0;
      header[155] = ' ';
      out.write(header);
      out.write(content);
      out.write(new byte[(512 - content.length % 512) % 512]);
      out.write(new byte[1024]);
    }
    return bytes.toByteArray();
  }

  private static void put(byte[] header, int at, String value) {
    byte[] b = value.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(b, 0, header, at, b.length);
  }

  private static String field(byte[] header, int at, int length) {
    int end = at;
    while (end < at + length && header[end] != 0) {
      end++;
    }
    return new String(header, at, end - at, StandardCharsets.US_ASCII);
  }

  private static boolean isZero(byte[] block) {
    for (byte b : block) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  private static boolean readFully(InputStream in, byte[] buffer) throws IOException {
    int n = in.readNBytes(buffer, 0, buffer.length);
    return n == buffer.length;
  }
}
