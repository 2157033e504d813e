package org.cdphub.core.internal.merge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cdphub.core.internal.merge.EngineFixture.T0;
import static org.cdphub.core.internal.merge.EngineFixture.fragment;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.cdphub.core.internal.store.StoreException;
import org.cdphub.core.internal.store.TestDatabase;
import org.cdphub.core.internal.store.TestStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** A merge is one transaction: when its last statement fails, none of its writes remain. */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class MergeTransactionTest {

    private final EngineFixture fx;
    private volatile String failOn;

    MergeTransactionTest(TestDatabase database) {
        fx = new EngineFixture(database);
    }

    private DataSource failing(DataSource real) {
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    Object result = invoke(method, real, args);
                    return result instanceof Connection c ? connection(c) : result;
                });
    }

    private Connection connection(Connection real) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().equals("prepareStatement") && failOn != null
                    && ((String) args[0]).startsWith(failOn)) {
                throw new SQLException("injected failure on " + failOn);
            }
            return invoke(method, real, args);
        };
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                handler);
    }

    private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Test
    void failedMergeLeavesNothingBehind() {
        MergeEngine engine = new MergeEngine(failing(fx.dataSource), fx.normalizer, fx.clock);
        engine.merge(List.of(fragment("crm", "1", T0).email("ann@example.com").build()));
        fx.clock.advance(Duration.ofMinutes(1));
        engine.merge(List.of(fragment("web", "1", T0).phone("0612345678").build()));
        List<List<String>> fragmentsBefore = TestStore.rows(fx.dataSource,
                "select source, profile_id, content_hash from cdp_fragment order by 1");
        List<List<String>> identifiersBefore = TestStore.rows(fx.dataSource,
                "select id_key, profile_id from cdp_identifier order by 1");

        failOn = "update cdp_profile ";
        assertThatThrownBy(() -> engine.merge(List.of(
                fragment("shop", "1", T0).email("ann@example.com").phone("0612345678").build())))
                .isInstanceOf(StoreException.class).hasMessageContaining("injected failure");

        assertThat(TestStore.rows(fx.dataSource, "select source, profile_id, content_hash from cdp_fragment order by 1"))
                .isEqualTo(fragmentsBefore);
        assertThat(TestStore.rows(fx.dataSource, "select id_key, profile_id from cdp_identifier order by 1"))
                .isEqualTo(identifiersBefore);
        assertThat(TestStore.count(fx.dataSource, "cdp_profile_alias")).isZero();
        assertThat(fx.queries.count()).isEqualTo(2);

        failOn = null;
        assertThat(engine.merge(List.of(fragment("shop", "1", T0).email("ann@example.com").phone("0612345678")
                .build())).absorbed()).hasSize(1);
        assertThat(fx.queries.count()).isEqualTo(1);
    }
}
