package org.bmsdk.storage.backup.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.bmsdk.api.BareMetalException;
import org.bmsdk.api.ConflictException;
import org.bmsdk.api.ErrorContext;
import org.bmsdk.api.storage.BackupRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A repository's writer lock as one object in an object store: a lease taken with a create-only
 * put ({@code If-None-Match: *}), renewed and released only by its holder with compare-and-swap
 * puts ({@code If-Match: ETAG}), and taken over once it lapsed (its expiry has passed, or its holder
 * ran on this host and its process is gone) by a compare-and-swap on the lapsed version, so that of
 * two processes racing for it exactly one wins.
 *
 * <p>A holder renews its lease every third of the lease time in the background. Before it writes
 * a manifest it renews at once ({@link Held#confirm()}), and before any other change it renews when
 * its last renewal is older than half the lease ({@link Held#ensureHeld()}); either fails with a
 * {@link ConflictException} once another process has taken the lease over. So a writer that stalled
 * past its lease (a suspended VM, a cut network) cannot write a manifest naming chunks that the new
 * holder's prune deleted meanwhile. This holds while the hosts' clocks differ by less than half the
 * lease time.
 */
public final class LeaseLock {

    private static final Logger LOG = LoggerFactory.getLogger(LeaseLock.class);
    private static final int ATTEMPTS = 4;

    private final ObjectStore store;
    private final String key;
    private final Duration lease;
    private final Clock clock;
    private final ScheduledExecutorService timer;
    private final ErrorContext context;
    private final String localHost;
    private final long pid;
    private final Instant processStart;

    /**
     * A lock object.
     *
     * @param store where it is
     * @param key its key
     * @param lease how long a lease lasts without renewal
     * @param clock the clock leases are dated by
     * @param timer runs the background renewals, or null for none (tests renew by hand)
     * @param context the repository's error context
     */
    public LeaseLock(ObjectStore store, String key, Duration lease, Clock clock, ScheduledExecutorService timer,
            ErrorContext context) {
        this(store, key, lease, clock, timer, context, LockRecord.localHost(), ProcessHandle.current().pid(),
                ProcessHandle.current().info().startInstant().orElse(null));
    }

    /**
     * A lock object, for a holder identity given by the caller (tests simulate other processes).
     *
     * @param store where it is
     * @param key its key
     * @param lease how long a lease lasts without renewal
     * @param clock the clock leases are dated by
     * @param timer runs the background renewals, or null for none
     * @param context the repository's error context
     * @param localHost this holder's host
     * @param pid this holder's process id
     * @param processStart when this holder's process started, or null
     */
    public LeaseLock(ObjectStore store, String key, Duration lease, Clock clock, ScheduledExecutorService timer,
            ErrorContext context, String localHost, long pid, Instant processStart) {
        if (lease.compareTo(Duration.ofSeconds(3)) < 0) {
            throw new IllegalArgumentException("lock lease must be at least 3 s, but was " + lease);
        }
        this.store = store;
        this.key = key;
        this.lease = lease;
        this.clock = clock;
        this.timer = timer;
        this.context = context.withOperation("lock");
        this.localHost = localHost;
        this.pid = pid;
        this.processStart = processStart;
    }

    /**
     * Takes the lock.
     *
     * @param purpose what for, shown to whoever finds it taken
     * @return the held lock
     * @throws ConflictException when another live holder has it, naming that holder
     */
    public Held acquire(String purpose) {
        return acquire(purpose, false);
    }

    /**
     * Takes the lock.
     *
     * @param purpose what for, shown to whoever finds it taken
     * @param exclusive whether the holder also keeps readers out (recorded for them to see)
     * @return the held lock
     * @throws ConflictException when another live holder has it, naming that holder
     */
    public Held acquire(String purpose, boolean exclusive) {
        Instant now = clock.instant();
        LockRecord mine = new LockRecord(UUID.randomUUID().toString(), localHost, pid, processStart, purpose, now,
                now.plus(lease), exclusive);
        String seen = "a holder that released it while we looked";
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<String> etag = store.putIfAbsent(key, mine.encode());
            if (etag.isPresent()) {
                return new Held(mine, etag.get());
            }
            Optional<ObjectStore.Stored> current = store.get(key);
            if (current.isEmpty()) {
                continue; // released between our put and our read: try again
            }
            Optional<LockRecord> holder = LockRecord.decode(current.get().data());
            if (holder.isEmpty()) {
                throw new ConflictException("the lock object " + store.describe(key) + " is not a lock record; if no "
                        + "backup or prune runs, delete it", context);
            }
            seen = holder.get().toString();
            boolean dead = holder.get().holderDeadOn(localHost);
            if (!isLapsed(holder.get())) {
                throw new ConflictException("repository is locked by another backup or prune (" + seen + ")", context);
            }
            mine = mine.renewedUntil(clock.instant().plus(lease));
            etag = store.putIfMatch(key, mine.encode(), current.get().etag());
            if (etag.isPresent()) {
                LOG.warn("Took over the lock of {} from a holder that {}: {}", store.describe(key),
                        dead ? "died" : "let its lease lapse", seen);
                return new Held(mine, etag.get());
            }
            // Another process renewed or took it over first: look again.
        }
        throw new ConflictException("repository is locked by another backup or prune (" + seen + ")", context);
    }

    /**
     * Whether a lease no longer binds anyone: past its expiry by this lock's clock, or held by a
     * process of this host that is gone.
     *
     * @param record the lease
     * @return true when it may be taken over or deleted
     */
    public boolean isLapsed(LockRecord record) {
        return clock.instant().isAfter(record.expires()) || record.holderDeadOn(localHost);
    }

    /** A held lease. */
    public final class Held implements BackupRepository.Lock {

        private LockRecord record;
        private String etag;
        private Instant renewed;
        private boolean lost;
        private boolean closed;
        private final ScheduledFuture<?> renewal;

        private Held(LockRecord record, String etag) {
            this.record = record;
            this.etag = etag;
            this.renewed = clock.instant();
            long every = Math.max(1, lease.toMillis() / 3);
            this.renewal = timer == null ? null : timer.scheduleWithFixedDelay(this::renewQuietly, every, every, TimeUnit.MILLISECONDS);
        }

        /** @return the holder's record as last written */
        public synchronized LockRecord record() {
            return record;
        }

        /**
         * Checks the lease before a change: renews it when the last renewal is older than half the
         * lease time.
         *
         * @throws ConflictException when the lease was lost to another process
         */
        public synchronized void ensureHeld() {
            check();
            if (clock.instant().isAfter(renewed.plus(lease.dividedBy(2)))) {
                renew();
            }
        }

        /**
         * Renews the lease now: a successful renewal proves nobody took it over.
         *
         * @throws ConflictException when the lease was lost to another process
         */
        public synchronized void confirm() {
            check();
            renew();
        }

        private void check() {
            if (closed) {
                throw new IllegalStateException("the lock of " + store.describe(key) + " was released");
            }
            if (lost) {
                throw lostError();
            }
        }

        private void renew() {
            LockRecord next = record.renewedUntil(clock.instant().plus(lease));
            Optional<String> tag = store.putIfMatch(key, next.encode(), etag);
            if (tag.isEmpty()) {
                lost = true;
                throw lostError();
            }
            record = next;
            etag = tag.get();
            renewed = clock.instant();
        }

        private synchronized void renewQuietly() {
            if (closed || lost) {
                return;
            }
            try {
                renew();
            } catch (ConflictException e) {
                LOG.error("{}", e.getMessage());
            } catch (BareMetalException e) {
                // Tried again at the next tick; a change checks the lease itself before it writes.
                LOG.warn("Could not renew the lock of {}: {}", store.describe(key), e.getMessage());
            }
        }

        private ConflictException lostError() {
            return new ConflictException("lost the lock of " + store.describe(key) + " (" + record
                    + "): another process took it over after its lease lapsed; this run stops before changing more",
                    context);
        }

        /** Releases the lease, unless it was lost (then it is someone else's). */
        @Override
        public synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            if (renewal != null) {
                renewal.cancel(false);
            }
            if (lost) {
                return;
            }
            try {
                // S3 honours If-Match on deletes; servers that ignore it leave a window of one round
                // trip between this check and the delete.
                if (store.head(key).filter(etag::equals).isPresent()) {
                    store.deleteIfMatch(key, etag);
                }
            } catch (BareMetalException e) {
                LOG.warn("Could not release the lock of {} (it lapses at {}): {}", store.describe(key), record.expires(),
                        e.getMessage());
            }
        }
    }
}
