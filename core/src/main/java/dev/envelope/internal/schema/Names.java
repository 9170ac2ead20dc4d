package dev.envelope.internal.schema;

/** Derives variable names from record component names: {@code databasePoolMin} to {@code DATABASE_POOL_MIN}. */
public final class Names {
  private Names() {}

  /**
   * Returns {@code name} in upper snake case. A word starts at an upper-case letter that follows a
   * lower-case letter or digit ({@code poolMin}), or that starts a capitalised word after an acronym
   * ({@code apiURLBase} to {@code API_URL_BASE}); digits stay with the word before them ({@code
   * s3Bucket} to {@code S3_BUCKET}).
   */
  public static String variableName(String name) {
    StringBuilder out = new StringBuilder(name.length() + 8);
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (i > 0 && Character.isUpperCase(c)) {
        char before = name.charAt(i - 1);
        boolean afterLowerOrDigit = Character.isLowerCase(before) || Character.isDigit(before);
        boolean endsAcronym =
            Character.isUpperCase(before) && i + 1 < name.length() && Character.isLowerCase(name.charAt(i + 1));
        if (afterLowerOrDigit || endsAcronym) {
          out.append('_');
        }
      }
      out.append(c == '-' || c == '.' ? '_' : Character.toUpperCase(c));
    }
    return out.toString();
  }

  /**
   * Returns the candidate closest to {@code name} if it is close enough to be a typo of it (at most
   * two edits, or a quarter of the name's length for longer names), else null; of equally close
   * candidates, the first. For "did you mean" hints.
   */
  public static String closest(String name, Iterable<String> candidates) {
    // Only a candidate within the limit can be named, and only one closer than the best so far
    // replaces it; the distance is at least the difference in length, so most candidates are
    // skipped without computing it (a shared .env file may hold thousands of undeclared keys).
    String best = null;
    int bestDistance = Math.max(2, name.length() / 4) + 1;
    int[][] rows = new int[2][];
    for (String candidate : candidates) {
      if (Math.abs(candidate.length() - name.length()) >= bestDistance) {
        continue;
      }
      if (rows[0] == null || rows[0].length <= candidate.length()) {
        rows[0] = new int[candidate.length() + 1];
        rows[1] = new int[candidate.length() + 1];
      }
      int distance = distance(name, candidate, rows[0], rows[1], bestDistance);
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return best;
  }

  /** Returns the Levenshtein distance between {@code a} and {@code b}, for "did you mean" hints. */
  public static int distance(String a, String b) {
    return distance(a, b, new int[b.length() + 1], new int[b.length() + 1], Integer.MAX_VALUE);
  }

  /**
   * Returns the distance between {@code a} and {@code b}, or a number at least {@code bound} once
   * every path through the table costs that much; {@code previous} and {@code current} hold at
   * least {@code b.length() + 1} entries.
   */
  private static int distance(String a, String b, int[] previous, int[] current, int bound) {
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      int rowMinimum = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
        rowMinimum = Math.min(rowMinimum, current[j]);
      }
      if (rowMinimum >= bound) {
        return bound; // Each row's minimum never decreases, so the distance is at least this.
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
