package org.armstrace.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.armstrace.api.model.StatsSum;
import org.armstrace.cases.CaseFilter;
import org.armstrace.cases.CaseQuery;
import org.armstrace.cases.Dimension;
import org.armstrace.common.db.Sql;
import org.junit.jupiter.api.Test;

/** The statistics' SQL and their honesty rules, without a database. */
class StatsSqlTest {

    @Test
    void sumKeysAreBoundInTheOrderTheyAppear() {
        CaseQuery query =
                new CaseQuery(CaseFilter.builder().countries(List.of("FR")).build());
        Sql sql = StatsService.sql(
                query, List.of(Dimension.YEAR), List.of("persons_arrested", "printed_firearms_seized"));
        assertEquals(List.of("persons_arrested", "printed_firearms_seized", "FR"), sql.params());
        assertTrue(sql.text().contains("group by d0 order by d0 nulls last"), sql.text());
        assertTrue(sql.text().contains("count(*) filter (where q1 = 'at_least') as at_least_1"), sql.text());
    }

    @Test
    void aSumIsOnlyAsExactAsItsLeastExactValue() {
        assertEquals(StatsSum.QualifierEnum.EXACT, StatsService.sumQualifier(Map.of("exact", 3L)));
        assertEquals(StatsSum.QualifierEnum.AT_LEAST, StatsService.sumQualifier(Map.of("exact", 3L, "more_than", 1L)));
        assertEquals(StatsSum.QualifierEnum.AT_LEAST, StatsService.sumQualifier(Map.of("at_least", 1L)));
        assertEquals(
                StatsSum.QualifierEnum.APPROXIMATELY, StatsService.sumQualifier(Map.of("at_least", 2L, "up_to", 1L)));
        assertEquals(StatsSum.QualifierEnum.APPROXIMATELY, StatsService.sumQualifier(Map.of("approximately", 1L)));
    }
}
