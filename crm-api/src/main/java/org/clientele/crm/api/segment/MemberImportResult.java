package org.clientele.crm.api.segment;

import java.util.List;

/**
 * What an import did.
 *
 * @param rows data rows read (the header not counted)
 * @param entered customers who became members
 * @param alreadyMembers listed customers who were members already
 * @param exited members who left because a replacing import did not list them
 * @param unmatched rows naming no active customer, by line number (line 1 is the header)
 */
public record MemberImportResult(int rows, long entered, long alreadyMembers, long exited,
    List<UnmatchedRow> unmatched) {

  public MemberImportResult {
    unmatched = List.copyOf(unmatched);
  }

  /** A row that names no active customer. */
  public record UnmatchedRow(int line, String value) {}
}
