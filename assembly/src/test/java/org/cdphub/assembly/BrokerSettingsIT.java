package org.cdphub.assembly;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.apache.activemq.artemis.core.config.FileDeploymentManager;
import org.apache.activemq.artemis.core.config.impl.FileConfiguration;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.core.settings.impl.HierarchicalObjectRepository;
import org.junit.jupiter.api.Test;

/**
 * The address settings the distribution's {@code etc/artemis.xml} gives the hub's queues, as the broker merges them: the
 * grouped ones without a redelivery delay (a delayed message would let the next ones of its group overtake it), the
 * changed profiles with one, all with the dead-letter address and 5 attempts; the fragments' groups dealt out again
 * when a consumer joins, the membership changes' not.
 */
class BrokerSettingsIT {

    @Test
    void groupedQueuesHaveNoRedeliveryDelayAndTheChangedProfilesHaveOne() throws Exception {
        FileConfiguration config = new FileConfiguration();
        Path distribution = Path.of(System.getProperty("cdphub.distribution", "target/assembly"));
        FileDeploymentManager deployment = new FileDeploymentManager(
                distribution.resolve("etc/artemis.xml").toUri().toString());
        deployment.addDeployable(config);
        deployment.readConfiguration();
        HierarchicalObjectRepository<AddressSettings> settings = new HierarchicalObjectRepository<>(
                config.getWildcardConfiguration());
        config.getAddressSettings().forEach(settings::addMatch);

        for (String address : new String[] {"cdp.fragments", "cdp.membership.changes"}) {
            AddressSettings s = settings.getMatch(address);
            assertThat(s.getRedeliveryDelay()).as(address).isZero();
            assertThat(s.getMaxDeliveryAttempts()).as(address).isEqualTo(5);
            assertThat(s.getDeadLetterAddress().toString()).as(address).isEqualTo("DLA");
        }
        AddressSettings fragments = settings.getMatch("cdp.fragments");
        assertThat(fragments.isDefaultGroupRebalance()).as("fragments: groups dealt out again when a node joins")
                .isTrue();
        assertThat(fragments.isDefaultGroupRebalancePauseDispatch()).as("after what is out is acknowledged").isTrue();
        assertThat(fragments.isAutoCreateQueues()).as("from cdp.#").isTrue();
        assertThat(settings.getMatch("cdp.membership.changes").isDefaultGroupRebalance())
                .as("membership changes: a profile's groups stay with their consumer").isFalse();
        AddressSettings changed = settings.getMatch("cdp.profiles.changed");
        assertThat(changed.getRedeliveryDelay()).isEqualTo(1000);
        assertThat(changed.getRedeliveryMultiplier()).isEqualTo(2.0);
        assertThat(changed.getMaxRedeliveryDelay()).isEqualTo(60_000);
        assertThat(changed.getMaxDeliveryAttempts()).as("from cdp.#").isEqualTo(5);
        assertThat(changed.getDeadLetterAddress().toString()).as("from cdp.#").isEqualTo("DLA");
        assertThat(changed.isAutoCreateDeadLetterResources()).as("from cdp.#").isTrue();
        assertThat(changed.getAddressFullMessagePolicy()).as("from cdp.#").hasToString("PAGE");
    }
}
