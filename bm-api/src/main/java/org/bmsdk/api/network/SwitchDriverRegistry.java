package org.bmsdk.api.network;

import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import org.bmsdk.api.ConfigurationException;
import org.bmsdk.api.internal.ProviderRegistry;

/**
 * Chooses the switch driver for a dialect, with the rules of
 * {@link org.bmsdk.api.bmc.BmcDriverRegistry}: hand-registered before discovered, ambiguity among
 * discovered drivers is an error, an unknown dialect lists the known ones. Thread-safe.
 */
public final class SwitchDriverRegistry {

    private final ProviderRegistry<SwitchDriver> drivers =
            new ProviderRegistry<>("switch driver", "dialect", SwitchDriver::dialect, d -> Set.of(d.dialect()));

    private SwitchDriverRegistry() {
    }

    /**
     * An empty registry.
     *
     * @return the registry
     */
    public static SwitchDriverRegistry create() {
        return new SwitchDriverRegistry();
    }

    /**
     * A registry of every driver {@link ServiceLoader} finds.
     *
     * @return the registry
     */
    public static SwitchDriverRegistry loadInstalled() {
        SwitchDriverRegistry r = new SwitchDriverRegistry();
        ServiceLoader.load(SwitchDriver.class).forEach(r.drivers::discovered);
        return r;
    }

    /**
     * Registers a driver by hand.
     *
     * @param driver the driver
     * @return this registry
     */
    public SwitchDriverRegistry register(SwitchDriver driver) {
        drivers.register(driver);
        return this;
    }

    /**
     * The driver for a dialect.
     *
     * @param dialect such as {@code cisco_ios}
     * @return the driver
     * @throws ConfigurationException when none matches, naming the known dialects
     */
    public SwitchDriver driverFor(String dialect) {
        return drivers.byKey(dialect);
    }

    /** @return every driver, hand-registered first */
    public List<SwitchDriver> drivers() {
        return drivers.all();
    }
}
