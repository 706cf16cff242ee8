package org.bmsdk.store.jdbc;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.Objects;
import java.util.Properties;
import javax.sql.DataSource;
import org.bmsdk.api.BareMetalException;
import org.bmsdk.api.ConfigurationException;
import org.bmsdk.api.credentials.Credentials;
import org.bmsdk.api.credentials.Secret;
import org.bmsdk.api.model.Node;
import org.bmsdk.api.model.NodeId;
import org.bmsdk.api.store.InMemoryStore;
import org.bmsdk.api.store.Store;
import org.bmsdk.api.store.VersionedStore;
import org.bmsdk.store.jdbc.internal.ConnectionPool;
import org.bmsdk.store.jdbc.internal.Database;
import org.bmsdk.store.jdbc.internal.JdbcUrls;
import org.bmsdk.store.jdbc.internal.Migration;
import org.bmsdk.store.jdbc.internal.MigrationRunner;
import org.bmsdk.store.jdbc.internal.NodeTable;
import org.bmsdk.store.jdbc.internal.RecordTable;
import org.h2.jdbcx.JdbcConnectionPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Store} over JDBC: an embedded H2 database in one file by default ({@link #h2(Path)}),
 * PostgreSQL for controllers that share their work ({@link #postgres(String, String, Secret)}), or
 * any database behind a {@link DataSource} or JDBC URL ({@link #builder()}). Opening a store brings
 * the database's schema up to date; a database written by a newer bm-store is refused, and stores
 * opening one database at the same moment (several processes starting together) migrate it once.
 *
 * <p><b>PostgreSQL</b>: the store keeps a few idle connections for reuse. When the server restarts,
 * the next call on a connection it cut fails with a retryable
 * {@link org.bmsdk.api.TransportException} and the one after gets a new connection; the store does
 * not retry by itself, because a write whose answer was lost may have been applied. Text cannot hold
 * U+0000 there, so a record holding it is refused with a {@link ConfigurationException}.
 *
 * <p>Every write is compare-and-set in the database itself (see
 * {@link org.bmsdk.api.store.VersionedStore}), so that threads, several stores over one database and
 * several processes sharing a PostgreSQL database never both win. Nodes are kept as JSON; a node
 * whose BMC endpoint holds inline credentials is refused with a {@link ConfigurationException} and
 * nothing is written, because credentials are never stored in clear.
 *
 * <p><b>The embedded H2 file</b> belongs to one process at a time: H2 locks it, and a second process
 * that opens it gets a {@link org.bmsdk.api.TransportException}. Several stores in one process may
 * share the file. Controllers that share their work across processes use PostgreSQL. H2's
 * {@code AUTO_SERVER} mode, which lets a second process in through a TCP port the first one opens,
 * is off because that port has no TLS; a caller who wants it passes its own URL to
 * {@link Builder#url(String)}. Each commit is written to the file before it returns
 * ({@code WRITE_DELAY=0}), so a write that returned survives a crash of the process; like any
 * database without fsync on commit, a crash of the operating system may lose the last ones.
 *
 * <p>Thread-safe. Errors of the database are thrown as {@link BareMetalException}s: a
 * {@link org.bmsdk.api.ConflictException} for a lost race or a key that exists, a
 * {@link org.bmsdk.api.TransportException} when the database cannot be reached, an
 * {@link org.bmsdk.api.IntegrityException} for a stored record that does not decode.
 *
 * <pre>{@code
 * try (JdbcStore store = JdbcStore.h2(Path.of("/var/lib/bm/state"))) {
 *     store.nodes().create(node.id(), node);
 * }
 * }</pre>
 */
public final class JdbcStore implements Store {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcStore.class);
    /** Idle server connections kept for reuse: a controller's worker threads, give or take. */
    private static final int MAX_IDLE_CONNECTIONS = 8;

    private final Database db;
    private final NodeTable nodes;
    private final int schemaVersion;

    private JdbcStore(Database db, int schemaVersion) {
        this.db = db;
        this.nodes = new NodeTable(db);
        this.schemaVersion = schemaVersion;
    }

    /**
     * Opens (and creates, if missing) an embedded H2 database in one file.
     *
     * @param file the database file; H2 names it {@code <file>.mv.db}, and a name that already ends
     *     in {@code .mv.db} is taken as it is. Missing parent directories are created.
     * @return the store
     * @throws ConfigurationException when the database's schema is newer than this code knows
     * @throws org.bmsdk.api.TransportException when another process has the file open
     */
    public static JdbcStore h2(Path file) {
        return builder().h2File(file).build();
    }

    /**
     * Opens a store over a PostgreSQL database, which several controller processes may share.
     * Connections come from PostgreSQL's JDBC driver (a runtime dependency of bm-store); the store
     * keeps a few idle ones for reuse. For a pool of the caller's, use
     * {@link Builder#dataSource(DataSource)} instead.
     *
     * @param url such as {@code jdbc:postgresql://db.example:5432/bm}, with no password in it
     * @param user the database user
     * @param password the user's password; it goes to the driver only, never into a message
     * @return the store, its schema brought up to date
     * @throws IllegalArgumentException when the URL is not a PostgreSQL one or holds a password
     * @throws ConfigurationException when the database's schema is newer than this code knows
     * @throws BareMetalException when the database cannot be reached or refuses the user
     */
    public static JdbcStore postgres(String url, String user, Secret password) {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("a PostgreSQL URL starts with jdbc:postgresql:, but was '" + JdbcUrls.redact(url) + "'");
        }
        if (JdbcUrls.holdsPassword(url)) {
            throw new IllegalArgumentException("the URL " + JdbcUrls.redact(url)
                    + " holds a password; give it as the password argument, where it cannot leak into messages");
        }
        return builder().url(url).credentials(Credentials.of(user, password)).build();
    }

    /**
     * Starts a store over a database of the caller's choice.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public VersionedStore<NodeId, Node> nodes() {
        return nodes;
    }

    @Override
    public VersionedStore<String, String> records(String namespace) {
        if (namespace == null || !InMemoryStore.NAMESPACE.matcher(namespace).matches()) {
            throw new IllegalArgumentException("namespace must match " + InMemoryStore.NAMESPACE + ", but was '" + namespace + "'");
        }
        return new RecordTable(db, namespace);
    }

    /**
     * The schema version of the database, as this store left it when it opened.
     *
     * @return the version, from 1
     */
    public int schemaVersion() {
        return schemaVersion;
    }

    /** Releases the connection pool this store made; a caller's {@link DataSource} stays open. */
    @Override
    public void close() {
        db.close();
    }

    @Override
    public String toString() {
        return "JdbcStore[" + db.displayName() + ", schema " + schemaVersion + "]";
    }

    /** Builds a {@link JdbcStore}: give exactly one of a file, a URL or a data source. */
    public static final class Builder {
        private Path h2File;
        private String url;
        private DataSource dataSource;
        private Credentials credentials;

        private Builder() {
        }

        /**
         * An embedded H2 database in one file, as {@link JdbcStore#h2(Path)} opens it.
         *
         * @param file the database file
         * @return this builder
         */
        public Builder h2File(Path file) {
            this.h2File = Objects.requireNonNull(file, "file");
            return this;
        }

        /**
         * A database by JDBC URL. An H2 URL gets H2's connection pool; any other gets connections
         * from {@link DriverManager}, of which the store keeps a few idle ones for reuse; a caller
         * who wants a full pool (limits, metrics) gives it to {@link #dataSource(DataSource)}. Put no password in the URL: it would show in
         * errors; give {@link #credentials(Credentials)} instead. Without credentials, an H2 URL
         * connects as the user that {@link JdbcStore#h2(Path)} creates files with.
         *
         * @param jdbcUrl such as {@code jdbc:h2:file:/var/lib/bm/state;WRITE_DELAY=0}
         * @return this builder
         */
        public Builder url(String jdbcUrl) {
            this.url = Objects.requireNonNull(jdbcUrl, "jdbcUrl");
            return this;
        }

        /**
         * The user and password for {@link #url(String)}.
         *
         * @param credentials the credentials
         * @return this builder
         */
        public Builder credentials(Credentials credentials) {
            this.credentials = Objects.requireNonNull(credentials, "credentials");
            return this;
        }

        /**
         * A database through the caller's data source (a pool, usually), which the store uses but
         * does not close.
         *
         * @param dataSource the data source
         * @return this builder
         */
        public Builder dataSource(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
            return this;
        }

        /**
         * Opens the store: connects, and brings the schema up to date.
         *
         * @return the store
         * @throws IllegalStateException when not exactly one of a file, a URL or a data source was given
         * @throws ConfigurationException when the database's schema is newer than this code knows
         * @throws BareMetalException when the database cannot be opened
         */
        public JdbcStore build() {
            int given = (h2File == null ? 0 : 1) + (url == null ? 0 : 1) + (dataSource == null ? 0 : 1);
            if (given != 1) {
                throw new IllegalStateException("give exactly one of h2File, url or dataSource, but " + given + " were given");
            }
            if (credentials != null && url == null) {
                throw new IllegalStateException("credentials apply to url() only; a data source brings its own");
            }
            Database db = open();
            try {
                int version = new MigrationRunner(db, Migration.bundled()).migrate();
                LOG.debug("Opened {} at schema version {}", db.displayName(), version);
                return new JdbcStore(db, version);
            } catch (RuntimeException e) {
                db.close();
                throw e;
            }
        }

        private Database open() {
            if (dataSource != null) {
                return Database.open(dataSource::getConnection, null, null);
            }
            String jdbcUrl = h2File != null ? JdbcUrls.h2File(h2File) : url;
            String display = JdbcUrls.redact(jdbcUrl);
            if (jdbcUrl.startsWith("jdbc:h2:")) {
                // The user h2(Path) creates files with, so that url() opens them too.
                String user = credentials == null ? JdbcUrls.USER : credentials.username();
                JdbcConnectionPool pool = JdbcConnectionPool.create(jdbcUrl, user,
                        credentials == null ? "" : credentials.password().reveal());
                return Database.open(pool::getConnection, pool::dispose, display);
            }
            ConnectionPool pool = new ConnectionPool(() -> {
                Properties p = new Properties();
                if (credentials != null) {
                    p.setProperty("user", credentials.username());
                    p.setProperty("password", credentials.password().reveal());
                }
                return DriverManager.getConnection(jdbcUrl, p);
            }, MAX_IDLE_CONNECTIONS);
            return Database.open(pool::get, pool, display);
        }
    }
}
