package org.clientele.crm.camel.email.mailchimp;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
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
