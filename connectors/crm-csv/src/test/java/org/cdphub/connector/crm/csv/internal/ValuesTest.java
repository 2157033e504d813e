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
        // a format without a date: its values are read as ISO-8601
        "HH:mm                      | 2025-03-04 10:15              | 2025-03-04T10:15:00Z",
    })
    void readsATimestampInTheConfiguredFormatOrAsIso(String pattern, String value, String expected) {
        DateTimeFormatter format = DateTimeFormatter.ofPattern(pattern.strip(), Locale.ROOT);

        assertThat(Values.timestamp(value.strip(), pattern.strip(), format)).isEqualTo(Instant.parse(expected.strip()));
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
