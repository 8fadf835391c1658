package org.clientele.crm.camel.erp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CSV, JSON and JSON Lines files into records, and the errors that fail a whole file. */
class ErpFileParserTest {

  private final ErpFileParser parser = new ErpFileParser(List.of("customers", "orders", "consents"));

  private List<String> records(String name, String text) {
    return parser.parse(name, text.getBytes(StandardCharsets.UTF_8)).records();
  }

  private ErpFileException failure(String name, String text) {
    try {
      parser.parse(name, text.getBytes(StandardCharsets.UTF_8));
    } catch (ErpFileException e) {
      return e;
    }
    throw new AssertionError("no failure");
  }

  @Test
  void kindAndFormatComeFromTheFileName() {
    var parsed = parser.parse("Customers-2026-12-01.CSV", "erpCustomerId\n1\n".getBytes(StandardCharsets.UTF_8));
    assertThat(parsed.kind()).isEqualTo("customers");
    assertThat(parsed.format()).isEqualTo(ErpFileParser.Format.CSV);
    assertThat(parsed.sha256()).hasSize(64);
    assertThat(ErpFileParser.format("orders.jsonl")).isEqualTo(ErpFileParser.Format.JSONL);
    assertThat(ErpFileParser.format("orders.json")).isEqualTo(ErpFileParser.Format.JSON);

    assertThat(failure("suppliers.csv", "a\n1\n").reasonType()).isEqualTo(ErpFileException.UNKNOWN_KIND);
    assertThat(failure("customers.xml", "<a/>").reasonType()).isEqualTo(ErpFileException.UNKNOWN_KIND);
  }

  @Test
  void csvQuotesEmbeddedCommasQuotesAndNewlines() {
    String csv = "erpCustomerId,givenName,note\r\n"
        + "1,\"Lovelace, Ada\",\"said \"\"hi\"\"\"\r\n"
        + "2,Bo,\"two\nlines\"\r\n";
    assertThat(records("customers.csv", csv)).containsExactly(
        "{\"erpCustomerId\":\"1\",\"givenName\":\"Lovelace, Ada\",\"note\":\"said \\\"hi\\\"\"}",
        "{\"erpCustomerId\":\"2\",\"givenName\":\"Bo\",\"note\":\"two\\nlines\"}");
  }

  @Test
  void csvWithAByteOrderMarkAndWithoutATrailingNewline() {
    assertThat(records("customers.csv", "\uFEFFerpCustomerId,city\n7,Zürich"))
        .containsExactly("{\"erpCustomerId\":\"7\",\"city\":\"Zürich\"}");
  }

  @Test
  void csvHeadersBuildNestingArraysAndSplitLists() {
    String csv = "erpCustomerId,address.city,address.country,lines.0.sku,lines.1.sku,lines.1.qty,tags[],"
        + "attributes.erpGroup\n"
        + "1,Berlin,DE,A-1,B-2,3,erp| vip |,A1\n"
        + "2,,,,C-3,,,\n";
    assertThat(records("customers.csv", csv)).containsExactly(
        "{\"erpCustomerId\":\"1\",\"address\":{\"city\":\"Berlin\",\"country\":\"DE\"},"
            + "\"lines\":[{\"sku\":\"A-1\"},{\"sku\":\"B-2\",\"qty\":\"3\"}],\"tags\":[\"erp\",\"vip\"],"
            + "\"attributes\":{\"erpGroup\":\"A1\"}}",
        // empty cells are absent: no address, one line only, no tags
        "{\"erpCustomerId\":\"2\",\"lines\":[{\"sku\":\"C-3\"}]}");
  }

  @Test
  void csvBlankLinesAreSkippedAndAHeaderOnlyFileHasNoRecords() {
    assertThat(records("customers.csv", "erpCustomerId\n\n1\n\n")).containsExactly("{\"erpCustomerId\":\"1\"}");
    assertThat(records("customers.csv", "erpCustomerId\n")).isEmpty();
  }

  @Test
  void csvErrorsNameTheLine() {
    assertThat(failure("customers.csv", "").getMessage()).contains("line 1", "header row is missing");
    assertThat(failure("customers.csv", "a,b\n1,2\n3\n").getMessage()).contains("line 3", "1 fields", "header has 2");
    assertThat(failure("customers.csv", "a,b\n1,\"open\n\n").getMessage())
        .contains("line 2, column 3", "not closed");
    assertThat(failure("customers.csv", "a,b\n\"x\ny\",\"q\"z\n").getMessage())
        .contains("line 3, column 7", "after a closing quote");
    assertThat(failure("customers.csv", "a,b\n1,x\"y\n").getMessage()).contains("line 2, column 4", "unquoted");
    assertThat(failure("customers.csv", "a,,b\n").getMessage()).contains("column 2 of the header", "no name");
    assertThat(failure("customers.csv", "a,a\n").getMessage()).contains("appears twice");
    assertThat(failure("customers.csv", "address,address.city\n").getMessage()).contains("clashes");
    assertThat(failure("customers.csv", "lines.0,lines.x\n").getMessage()).contains("clashes");
    assertThat(failure("customers.csv", "0.a\n").getMessage()).contains("must start with a name");
    assertThat(failure("customers.csv", "a..b\n").getMessage()).contains("not a path");
    assertThat(failure("customers.csv", "a.01\n").getMessage()).contains("index");
  }

  @Test
  void notUtf8FailsTheFile() {
    byte[] latin1 = "erpCustomerId,city\n1,Z\u00fcrich\n".getBytes(StandardCharsets.ISO_8859_1);
    assertThatThrownBy(() -> parser.parse("customers.csv", latin1))
        .isInstanceOf(ErpFileException.class).hasMessageContaining("line 2").hasMessageContaining("not UTF-8");
  }

  @Test
  void jsonArrayOrSingleObject() {
    assertThat(records("customers.json", "[{\"erpCustomerId\":\"1\"},\n {\"erpCustomerId\":2}]"))
        .containsExactly("{\"erpCustomerId\":\"1\"}", "{\"erpCustomerId\":2}");
    assertThat(records("customers.json", "\uFEFF{\"erpCustomerId\":\"1\"}"))
        .containsExactly("{\"erpCustomerId\":\"1\"}");
    assertThat(records("customers.json", "[]")).isEmpty();
  }

  @Test
  void jsonErrorsNameTheLine() {
    assertThat(failure("customers.json", "[{\"a\":1},\n 5]").getMessage()).contains("line 2", "element 2");
    assertThat(failure("customers.json", "[{\"a\":1},\n{\"a\": oops}]").getMessage())
        .contains("line 2", "not valid JSON");
    assertThat(failure("customers.json", "\"text\"").getMessage()).contains("array of objects or one object");
    assertThat(failure("customers.json", "{\"a\":1} {\"b\":2}").getMessage()).contains("not valid JSON");
    assertThat(failure("customers.json", "").getMessage()).contains("empty");
    assertThat(failure("customers.json", "[{\"a\":1}").reasonType()).isEqualTo(ErpFileException.MALFORMED);
  }

  @Test
  void jsonLinesOneObjectPerLine() {
    assertThat(records("orders.jsonl", "{\"a\":1}\r\n\n{\"a\":2}\n")).containsExactly("{\"a\":1}", "{\"a\":2}");
    assertThat(failure("orders.jsonl", "{\"a\":1}\n[1]\n").getMessage()).contains("line 2", "not a JSON object");
    assertThat(failure("orders.jsonl", "{\"a\":1}\n{\"a\":1}{\n").getMessage()).contains("line 2", "not valid JSON");
  }

  @Test
  void theContentHashIsStable() {
    assertThat(ErpFileParser.sha256("abc".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }
}
