package org.cdphub.segments.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.cdphub.segments.api.Condition;
import org.cdphub.segments.api.EvaluationInput;
import org.junit.jupiter.api.Test;

/** The direct computation of the next birthday-window flip agrees with looking day by day. */
class BirthdayFlipTest {

    private static Optional<Instant> byScan(LocalDate birth, Instant now, int within, ZoneId zone) {
        LocalDate today = LocalDate.ofInstant(now, zone);
        boolean current = Birthdays.inWindow(birth, today, within);
        for (int i = 1; i <= 370; i++) {
            LocalDate day = today.plusDays(i);
            if (Birthdays.inWindow(birth, day, within) != current) {
                return Optional.of(day.atStartOfDay(zone).toInstant());
            }
        }
        return Optional.empty();
    }

    @Test
    void directAnswerEqualsTheDayByDayScan() {
        Random random = new Random(1);
        ZoneId zone = ZoneOffset.UTC;
        List<LocalDate> special = List.of(LocalDate.of(1992, 2, 29), LocalDate.of(1990, 12, 31),
                LocalDate.of(1990, 1, 1), LocalDate.of(1985, 2, 28), LocalDate.of(1985, 3, 1));
        for (int i = 0; i < 20_000; i++) {
            LocalDate birth = i < 5_000 ? special.get(i % special.size())
                    : LocalDate.of(1950 + random.nextInt(60), 1 + random.nextInt(12), 1 + random.nextInt(28));
            Instant now = LocalDate.of(2023 + random.nextInt(3), 1, 1).plusDays(random.nextInt(366))
                    .atStartOfDay(zone).toInstant().plusSeconds(random.nextInt(86_400));
            int within = 1 + random.nextInt(i % 10 == 0 ? 366 : 31);
            EvaluationInput input = EvaluationInput.of(Map.of("birthDate", birth.toString()), List.of(), List.of(),
                    List.of());
            Optional<Instant> direct = Birthdays.change(new Condition.Birthday("birthDate", within), input, now, zone);
            assertThat(direct).as("%s at %s within %d", birth, now, within).isEqualTo(byScan(birth, now, within, zone));
        }
    }
}
