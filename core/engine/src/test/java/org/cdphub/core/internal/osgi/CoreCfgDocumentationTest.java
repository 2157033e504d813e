package org.cdphub.core.internal.osgi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * etc/org.cdphub.core.cfg of the distribution documents every rule key with its default as a commented line; read as
 * the properties file it is (backslashes escaped), each line must give exactly the metatype default.
 */
class CoreCfgDocumentationTest {

    private static final Path CFG = Path.of("../../assembly/src/main/resources/etc/org.cdphub.core.cfg");

    @Test
    void commentedDefaultsAreTheMetatypeDefaults() throws IOException {
        String uncommented = Files.readAllLines(CFG).stream()
                .map(line -> line.startsWith("#rules.") || line.startsWith("#survivorship.") ? line.substring(1) : "")
                .collect(Collectors.joining("\n"));
        Properties documented = new Properties();
        documented.load(new StringReader(uncommented));

        int checked = 0;
        for (Method method : CoreConfig.class.getDeclaredMethods()) {
            String key = method.getName().replace('_', '.');
            if (key.startsWith("rules.") || key.startsWith("survivorship.")) {
                assertThat(documented.getProperty(key)).as(key).isEqualTo(method.getDefaultValue());
                checked++;
            }
        }
        assertThat(checked).isEqualTo(15);
    }
}
