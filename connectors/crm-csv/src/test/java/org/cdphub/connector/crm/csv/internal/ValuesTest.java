package org.cdphub.connector.crm.csv.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ValuesTest {

    @ParameterizedTest(name = "{1} in {0}")
    @CsvSource(delimiter = '|', value = {
        "yyyy-MM-dd HH:mm           | 2025-03-04 10:15              | 2025-03-04T10:15:00Z",
        "yyyy-MM-dd HH:mm XXX       | 2025-03-04 10:15 +02:00       | 2025-03-04T08:15:00Z",
        "yyyy-MM-dd HH:mm VV        | 2025-07-04 10:15 Europe/Paris | 2025-07-04T08:15:00Z",
        "yyyy-MM-dd HH:mm VV        | 2025-01-04 10:15 Europe/Paris | 2025-01-04T09:15:00Z",
        "dd/MM/yyyy                 | 04/03/2025                    | 2025-03-04T00:00:00Z",
        "dd/MM/yyyy HH:mm:ss        | 04/03/2025 23:59:58           | 2025-03-04T23:59:58Z",
        // not in the format: read as ISO-8601
        "dd/MM/yyyy                 | 2025-03-04T10:15:00.000Z      | 2025-03-04T10:15:00Z",
        "dd/MM/yyyy                 | 2025-03-04                    | 2025-03-04T00:00:00Z",
        // an offset and a zone: the offset decides, in the hour the clocks go back too
        "yyyy-MM-dd'T'HH:mmXXX'['VV']' | 2025-10-26T02:30+01:00[Europe/Paris] | 2025-10-26T01:30:00Z",
        "yyyy-MM-dd'T'HH:mmXXX'['VV']' | 2025-10-26T02:30+02:00[Europe/Paris] | 2025-10-26T00:30:00Z",
        "yyyy-MM-dd HH:mm:ss.SSSXXX | 2025-03-04 10:15:30.250+01:00 | 2025-03-04T09:15:30.250Z",
        "yyyy-MM-ddXXX              | 2025-03-04+02:00              | 2025-03-04T00:00:00Z",
        // a format without a date: its values are read as ISO-8601 (this one does not even parse in it)
        "HH:mm                      | 2025-03-04 10:15              | 2025-03-04T10:15:00Z",
    })
    void readsATimestampInTheConfiguredFormatOrAsIso(String pattern, String value, String expected) {
        DateTimeFormatter format = DateTimeFormatter.ofPattern(pattern.strip(), Locale.ROOT);

        assertThat(Values.timestamp(value.strip(), pattern.strip(), format)).isEqualTo(Instant.parse(expected.strip()));
    }

    /** The reading before the temporal queries, where the value is in the format: the same instant. */
    @ParameterizedTest(name = "{1} in {0}")
    @CsvSource(delimiter = '|', value = {
        "yyyy-MM-dd HH:mm                 | 2025-03-04 10:15",
        "yyyy-MM-dd HH:mm VV              | 2025-10-26 02:30 Europe/Paris",
        "yyyy-MM-dd HH:mm z               | 2025-10-26 02:30 CET",
        "yyyy-MM-dd'T'HH:mmXXX'['VV']'    | 2025-07-04T10:15+00:00[Europe/Paris]",
        "yyyy-MM-dd HH:mm:ss.SSSSSSXXX    | 2025-03-04 10:15:30.123456-05:30",
        "dd/MM/yyyy                       | 04/03/2025",
        "yyyy-MM-ddXXX                    | 2025-03-04+02:00",
        "YYYY-'W'ww-e HH:mm               | 2025-W10-2 10:15",
    })
    void agreesWithParseBest(String pattern, String value) {
        DateTimeFormatter format = DateTimeFormatter.ofPattern(pattern.strip(), Locale.ROOT);
        java.time.temporal.TemporalAccessor best = format.parseBest(value.strip(), java.time.ZonedDateTime::from,
                java.time.LocalDateTime::from, java.time.LocalDate::from);
        Instant expected = best instanceof java.time.ZonedDateTime z ? z.toInstant()
                : best instanceof java.time.LocalDateTime l ? l.toInstant(java.time.ZoneOffset.UTC)
                : ((java.time.LocalDate) best).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();

        assertThat(Values.timestamp(value.strip(), pattern.strip(), format)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"yyyy-MM-dd HH:mm | 04.03.2025", "HH:mm | 10:15"})
    void refusesAValueInNeitherTheFormatNorIso(String pattern, String value) {
        DateTimeFormatter format = DateTimeFormatter.ofPattern(pattern.strip(), Locale.ROOT);

        assertThatThrownBy(() -> Values.timestamp(value.strip(), pattern.strip(), format))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid date '" + value.strip() + "' (expected " + pattern.strip() + ", an ISO-8601 instant"
                        + " or date-time such as 2024-05-01T10:15:00Z, or yyyy-MM-dd)");
    }
}
