package org.bmsdk.api.bmc;

import java.util.List;
import java.util.ServiceLoader;
import org.bmsdk.api.ConfigurationException;
import org.bmsdk.api.DriverContext;
import org.bmsdk.api.internal.ProviderRegistry;

/**
 * Chooses the BMC driver for an endpoint, deterministically: the endpoint's explicit driver id
 * wins, then its scheme. Providers registered by hand come before those found by
 * {@link ServiceLoader}, so a jar on the class path never overrides an application's choice; two
 * discovered providers claiming one scheme are an error rather than a coin toss. An unknown scheme
 * is a {@link ConfigurationException} that lists the known ones.
 *
 * <p>Thread-safe.
 */
public final class BmcDriverRegistry {

    private final ProviderRegistry<BmcDriverProvider> providers =
            new ProviderRegistry<>("BMC driver", "scheme", BmcDriverProvider::id, BmcDriverProvider::schemes);

    private BmcDriverRegistry() {
    }

    /**
     * An empty registry, for drivers registered by hand.
     *
     * @return the registry
     */
    public static BmcDriverRegistry create() {
        return new BmcDriverRegistry();
    }

    /**
     * A registry holding every provider that {@link ServiceLoader} finds on the class or module path.
     *
     * @return the registry
     */
    public static BmcDriverRegistry loadInstalled() {
        BmcDriverRegistry r = new BmcDriverRegistry();
        ServiceLoader.load(BmcDriverProvider.class).forEach(r.providers::discovered);
        return r;
    }

    /**
     * Registers a provider by hand; it wins over discovered ones for its id and schemes.
     *
     * @param provider the provider
     * @return this registry
     * @throws ConfigurationException when another hand-registered provider has the same id
     */
    public BmcDriverRegistry register(BmcDriverProvider provider) {
        providers.register(provider);
        return this;
    }

    /**
     * The provider for an endpoint.
     *
     * @param endpoint the endpoint
     * @return the provider
     * @throws ConfigurationException when none matches, naming the known schemes and ids
     */
    public BmcDriverProvider providerFor(BmcEndpoint endpoint) {
        return endpoint.driverId().map(providers::byId).orElseGet(() -> providers.byKey(endpoint.scheme()));
    }

    /**
     * Connects to a BMC with the driver chosen for it.
     *
     * @param endpoint the BMC
     * @param context clock, listener and credential resolver
     * @return the client
     */
    public BmcClient connect(BmcEndpoint endpoint, DriverContext context) {
        return providerFor(endpoint).connect(endpoint, context);
    }

    /** @return every provider, hand-registered first */
    public List<BmcDriverProvider> providers() {
        return providers.all();
    }
}
