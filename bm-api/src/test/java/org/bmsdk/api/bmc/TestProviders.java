package org.bmsdk.api.bmc;

import java.util.Optional;
import java.util.Set;
import org.bmsdk.api.DriverContext;

/** Providers that ServiceLoader finds through this module's test META-INF/services. */
final class TestProviders {

    private TestProviders() {
    }

    /** A provider whose clients offer nothing; enough to see which provider was chosen. */
    abstract static class Base implements BmcDriverProvider {
        @Override
        public BmcClient connect(BmcEndpoint endpoint, DriverContext context) {
            String id = id();
            return new BmcClient() {
                @Override
                public BmcEndpoint endpoint() {
                    return endpoint;
                }

                @Override
                public String driverId() {
                    return id;
                }

                @Override
                public <T extends BmcCapability> Optional<T> capability(Class<T> type) {
                    return Optional.empty();
                }

                @Override
                public void close() {
                }
            };
        }
    }

    /** Discovered; handles {@code fake}. */
    public static final class Fake extends Base {
        @Override
        public String id() {
            return "fake";
        }

        @Override
        public Set<String> schemes() {
            return Set.of("fake");
        }
    }

    /** Discovered; claims {@code dup} like {@link DupB}. */
    public static final class DupA extends Base {
        @Override
        public String id() {
            return "dup-a";
        }

        @Override
        public Set<String> schemes() {
            return Set.of("dup");
        }
    }

    /** Discovered; claims {@code dup} like {@link DupA}. */
    public static final class DupB extends Base {
        @Override
        public String id() {
            return "dup-b";
        }

        @Override
        public Set<String> schemes() {
            return Set.of("dup");
        }
    }

    /** Registered by hand in tests; claims {@code fake} too. */
    static final class Mine extends Base {
        @Override
        public String id() {
            return "mine";
        }

        @Override
        public Set<String> schemes() {
            return Set.of("fake", "dup");
        }
    }
}
