package org.bmsdk.api.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.bmsdk.api.ConfigurationException;

/**
 * The selection rules shared by the BMC and switch driver registries: lookup by id or by a key
 * (scheme, dialect), hand-registered providers before discovered ones, and an ambiguity among
 * discovered providers reported instead of resolved by class-path order.
 *
 * @param <P> the provider type
 */
public final class ProviderRegistry<P> {

    private final String kind;
    private final String keyName;
    private final Function<P, String> id;
    private final Function<P, Collection<String>> keys;
    private final List<P> registered = new CopyOnWriteArrayList<>();
    private final List<P> discovered = new CopyOnWriteArrayList<>();

    /**
     * Creates an empty registry.
     *
     * @param kind what the providers are, for messages ("BMC driver")
     * @param keyName what the key is, for messages ("scheme")
     * @param id a provider's id
     * @param keys the keys a provider handles
     */
    public ProviderRegistry(String kind, String keyName, Function<P, String> id, Function<P, Collection<String>> keys) {
        this.kind = kind;
        this.keyName = keyName;
        this.id = id;
        this.keys = keys;
    }

    /**
     * Adds a provider registered by hand.
     *
     * @param provider the provider
     */
    public synchronized void register(P provider) {
        String pid = id.apply(provider);
        if (registered.stream().anyMatch(p -> id.apply(p).equals(pid))) {
            throw new ConfigurationException(kind + " '" + pid + "' is already registered");
        }
        registered.add(provider);
    }

    /**
     * Adds a provider found by ServiceLoader.
     *
     * @param provider the provider
     */
    public void discovered(P provider) {
        discovered.add(provider);
    }

    /**
     * The provider with an id.
     *
     * @param wanted the id
     * @return the provider
     */
    public P byId(String wanted) {
        return pick(wanted, p -> id.apply(p).equals(wanted), "id");
    }

    /**
     * The provider for a key.
     *
     * @param key the scheme or dialect
     * @return the provider
     */
    public P byKey(String key) {
        return pick(key, p -> keys.apply(p).contains(key), keyName);
    }

    private P pick(String wanted, java.util.function.Predicate<P> match, String what) {
        for (P p : registered) {
            if (match.test(p)) {
                return p;
            }
        }
        List<P> found = discovered.stream().filter(match).toList();
        if (found.size() == 1) {
            return found.get(0);
        }
        if (found.size() > 1) {
            throw new ConfigurationException("several " + kind + "s found on the class path for " + what + " '" + wanted + "': "
                    + found.stream().map(p -> p.getClass().getName()).toList() + "; register the one to use by hand");
        }
        throw new ConfigurationException("no " + kind + " for " + what + " '" + wanted + "'; known " + keyName + "s: " + knownKeys()
                + ", known ids: " + knownIds());
    }

    private Set<String> knownKeys() {
        Set<String> s = new TreeSet<>();
        all().forEach(p -> s.addAll(keys.apply(p)));
        return s;
    }

    private Set<String> knownIds() {
        Set<String> s = new TreeSet<>();
        all().forEach(p -> s.add(id.apply(p)));
        return s;
    }

    /**
     * Every provider, hand-registered first.
     *
     * @return the providers
     */
    public List<P> all() {
        List<P> all = new ArrayList<>(registered);
        all.addAll(discovered);
        return List.copyOf(all);
    }
}
