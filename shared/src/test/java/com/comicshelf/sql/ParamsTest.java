package com.comicshelf.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParamsTest {
  @Test
  void inList_namesEachValue_andReturnsTheirPlaceholders() {
    Map<String, Object> params = new HashMap<>(Map.of("me", 7L));

    String in = Params.inList("c", List.of(30L, 10L, 20L), params);

    assertThat(in).isEqualTo(":c0, :c1, :c2");
    assertThat(params).containsExactlyInAnyOrderEntriesOf(Map.of("me", 7L, "c0", 30L, "c1", 10L, "c2", 20L));
    assertThat(NamedSql.parse("SELECT 1 WHERE id IN (" + in + ")").names()).containsExactly("c0", "c1", "c2");
  }

  @Test
  void inList_ofNothing_isEmpty() {
    Map<String, Object> params = new HashMap<>();

    assertThat(Params.inList("u", List.of(), params)).isEmpty();
    assertThat(params).isEmpty();
  }
}
