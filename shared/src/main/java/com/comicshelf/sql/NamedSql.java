package com.comicshelf.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * SQL with {@code :name} parameters, as {@link SqlClient} takes it: rewritten to JDBC {@code ?}
 * placeholders ({@link #jdbcSql}, {@link #names} in order, repeats included); the Data API takes the
 * original text and wants each distinct name once.
 */
public record NamedSql(String jdbcSql, List<String> names) {

  public static NamedSql parse(String sql) {
    StringBuilder out = new StringBuilder(sql.length());
    List<String> names = new ArrayList<>();
    char quote = 0;
    for (int i = 0; i < sql.length(); i++) {
      char c = sql.charAt(i);
      if (quote != 0) {
        out.append(c);
        if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"' || c == '`') {
        quote = c;
        out.append(c);
      } else if (c == ':' && i + 1 < sql.length() && Character.isJavaIdentifierStart(sql.charAt(i + 1))) {
        int end = i + 1;
        while (end < sql.length() && Character.isJavaIdentifierPart(sql.charAt(end))) {
          end++;
        }
        names.add(sql.substring(i + 1, end));
        out.append('?');
        i = end - 1;
      } else {
        out.append(c);
      }
    }
    return new NamedSql(out.toString(), List.copyOf(names));
  }
}
