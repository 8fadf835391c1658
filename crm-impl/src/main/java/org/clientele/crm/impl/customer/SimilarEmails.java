package org.clientele.crm.impl.customer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Pairs of addresses at the same domain whose local parts differ by one typo: an insertion, deletion,
 * substitution or transposition of neighbours (two edits would pair numbered addresses of different people,
 * such as {@code shop1234} and {@code shop1243x}). Comparing
 * every pair is quadratic, so this is the sorted-neighbourhood method: sort by address and compare each with
 * its next {@link #WINDOW} neighbours, then again sorted by the reversed local part, so that a typo in the
 * first letters is found too. Linear in the number of addresses (times the window).
 */
final class SimilarEmails {

  /** How many following addresses each one is compared with, per sort order. */
  static final int WINDOW = 6;

  /** An active customer's normalized email. */
  record Address(long customerId, String email) {}

  private SimilarEmails() {}

  /** Candidate pairs, lower customer id first, each once. */
  static Set<List<Long>> pairs(List<Address> addresses) {
    List<Split> split = new ArrayList<>();
    for (Address a : addresses) {
      int at = a.email().lastIndexOf('@');
      if (at > 0) {
        split.add(new Split(a.customerId(), a.email().substring(0, at), a.email().substring(at + 1)));
      }
    }
    Set<List<Long>> found = new LinkedHashSet<>();
    split.sort(Comparator.comparing(Split::domain).thenComparing(Split::local));
    scan(split, found);
    split.sort(Comparator.comparing(Split::domain).thenComparing(s -> new StringBuilder(s.local()).reverse().toString()));
    scan(split, found);
    return found;
  }

  private record Split(long customerId, String local, String domain) {}

  private static void scan(List<Split> sorted, Set<List<Long>> found) {
    for (int i = 0; i < sorted.size(); i++) {
      Split a = sorted.get(i);
      for (int j = i + 1; j < sorted.size() && j <= i + WINDOW; j++) {
        Split b = sorted.get(j);
        if (!a.domain().equals(b.domain())) {
          break;
        }
        if (a.customerId() != b.customerId() && !a.local().equals(b.local())
            && distance(a.local(), b.local()) <= 1) {
          found.add(List.of(Math.min(a.customerId(), b.customerId()), Math.max(a.customerId(), b.customerId())));
        }
      }
    }
  }

  /** Optimal string alignment distance (Damerau-Levenshtein without repeated edits of one substring). */
  static int distance(String a, String b) {
    if (Math.abs(a.length() - b.length()) > 2) {
      return 3; // more than any threshold used here
    }
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
