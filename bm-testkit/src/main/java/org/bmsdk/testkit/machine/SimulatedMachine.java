package org.bmsdk.testkit.machine;

import org.bmsdk.api.bmc.BootOverride;
import org.bmsdk.api.bmc.HealthStatus;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.bmsdk.api.bmc.PowerState;
import org.bmsdk.api.model.HardwareInventory;
import org.bmsdk.testkit.machine.internal.HeartbeatServer;
import org.bmsdk.testkit.machine.internal.SerialDispatcher;
import org.bmsdk.testkit.time.ManualClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running simulated machine: the host behind a BMC, speaking no protocol. The Redfish and IPMI
 * simulators, simulated switches and storage hosts all drive and observe one of these.
 *
 * <p>Power and host: {@link #powerOn()} starts POST, which after the spec's POST time chooses a
 * boot device (the {@linkplain #setBootOverride boot override}, consumed if it is for one boot, or
 * the default) and boots it; after the boot time the host is {@link OsState#RUNNING}.
 * {@link #requestSoftOff()} asks the OS to shut down, which it does after the shutdown time
 * unless the spec says it ignores ACPI or {@link MachineFaults#hangOnShutdown()} is set.
 * {@link #injectNmi()} makes a loaded kernel write a panic and crash-dump message to the console
 * and halt in {@link OsState#PANICKED}, powered on, until reset or power off.
 *
 * <p>The host is {@linkplain #isHostUp() up} while an operating system runs: the tenant OS booted
 * from disk, or the service ramdisk. Its {@linkplain #heartbeat() heartbeat} port accepts
 * connections only then, which is what a health monitor probes.
 *
 * <p>Time comes from the clock given at creation. With a {@link ManualClock} nothing happens
 * between the test's {@code advance} calls, and each call runs every transition due, so tests
 * never sleep. With a real clock a shared daemon thread wakes the machine at its next transition.
 * Either way, state is also brought up to date on every call.
 *
 * <p>Thread-safe. Power operations return whether they were carried out, so that a protocol
 * simulator can answer "already on" without a race between checking and acting.
 */
public final class SimulatedMachine implements AutoCloseable {

    /** How long a kernel that panicked while booting waits before rebooting itself (Linux {@code panic=5}). */
    public static final Duration PANIC_REBOOT_DELAY = Duration.ofSeconds(5);

    private static final Logger LOG = LoggerFactory.getLogger(SimulatedMachine.class);

    private final MachineSpec spec;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final SerialDispatcher dispatcher = new SerialDispatcher();
    private final List<MachineListener> listeners = new CopyOnWriteArrayList<>();
    private final ConsoleLog console;
    private final SimulatedEventLog eventLog;
    private final SimulatedBios bios;
    private final List<SimulatedDisk> disks;
    private final MachineFaults faults;
    private final Lifecycle lifecycle;
    private final Alarm alarm;
    private volatile HealthStatus healthOverride;
    private boolean closed;
    private HeartbeatServer heartbeat;

    private SimulatedMachine(MachineSpec spec, Clock clock) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.console = ConsoleLog.create(spec.consoleCapacity());
        this.eventLog = new SimulatedEventLog(clock, spec.eventLogCapacity());
        this.bios = new SimulatedBios(spec.biosDefaults());
        this.disks = spec.disks().stream().map(SimulatedDisk::new).toList();
        this.faults = new MachineFaults(this);
        this.lifecycle = new Lifecycle(spec, bios, faults, new Effects());
        this.alarm = new Alarm(clock, this::sync);
    }

    /**
     * Creates a powered-off machine running on real time ({@link Clock#systemUTC()}).
     *
     * @param spec what to simulate
     * @return the machine
     */
    public static SimulatedMachine create(MachineSpec spec) {
        return create(spec, Clock.systemUTC());
    }

    /**
     * Creates a powered-off machine whose time comes from a clock, normally a {@link ManualClock}.
     *
     * @param spec what to simulate
     * @param clock the time source
     * @return the machine
     */
    public static SimulatedMachine create(MachineSpec spec, Clock clock) {
        SimulatedMachine machine = new SimulatedMachine(spec, clock);
        machine.alarm.listen();
        return machine;
    }

    /** @return what this machine simulates */
    public MachineSpec spec() {
        return spec;
    }

    /** @return the machine's name */
    public String name() {
        return spec.name();
    }

    /** @return the machine's time source */
    public Clock clock() {
        return clock;
    }

    /** @return the power state: {@link PowerState#ON} or {@link PowerState#OFF} */
    public PowerState powerState() {
        return read(Lifecycle::power);
    }

    /** @return what the host is doing */
    public OsState osState() {
        return read(Lifecycle::os);
    }

    /** @return the whole state, read at one instant */
    public MachineStatus status() {
        return read(lc -> lc.status(clock.instant()));
    }

    /** @return when the next timed transition (end of POST, boot or shutdown) is due, if one is */
    public Optional<Instant> nextTransitionAt() {
        return read(Lifecycle::deadline);
    }

    /**
     * Powers on and starts POST.
     *
     * @return false when it was already on
     */
    public boolean powerOn() {
        return act(lc -> lc.powerOn(clock.instant()));
    }

    /**
     * Powers off at once, as pulling the plug does, whatever the OS is doing.
     *
     * @return false when it was already off
     */
    public boolean powerOff() {
        return act(lc -> lc.powerOff(clock.instant()));
    }

    /**
     * Presses the power button briefly (ACPI soft-off): a running OS that honours it shuts down and
     * powers off after the shutdown time. Firmware, a booting, hung or panicked host ignores it.
     *
     * @return false when the machine was off; true means the request reached the host, not that it acts
     */
    public boolean requestSoftOff() {
        return act(lc -> lc.softOff(clock.instant()));
    }

    /**
     * Resets at once (warm reset): POST starts again, applying pending BIOS changes.
     *
     * @return false when the machine was off, which a reset does not change
     */
    public boolean reset() {
        return act(lc -> lc.reset(clock.instant()));
    }

    /**
     * Powers off and on again at once, as IPMI's power cycle does.
     *
     * @return false when the machine was off, which a power cycle does not change
     */
    public boolean powerCycle() {
        return act(lc -> lc.powerCycle(clock.instant()));
    }

    /**
     * Injects a non-maskable interrupt. A loaded kernel (booting, running, shutting down or hung)
     * writes a kernel panic and crash-dump message to the console and halts in
     * {@link OsState#PANICKED}, with the power on; firmware ignores it. Either way the event log
     * records it.
     *
     * @return false when the machine was off
     */
    public boolean injectNmi() {
        return act(lc -> lc.injectNmi(clock.instant()));
    }

    /**
     * Whether an operating system is up and answering: the host is {@link OsState#RUNNING} a kernel
     * (the tenant OS or the service ramdisk), not firmware setup.
     *
     * @return true while the host is up
     */
    public boolean isHostUp() {
        return read(lc -> isUp(lc.os(), lc.currentBoot()));
    }

    /**
     * The host's heartbeat: a TCP port on 127.0.0.1 that accepts connections while the host is
     * {@linkplain #isHostUp() up} and refuses them otherwise, as a health monitor's probe of a real
     * host's service port sees it. The port is chosen on the first call and kept until
     * {@link #close()}; machines whose heartbeat is never asked for hold no socket.
     *
     * @return 127.0.0.1 and the port
     */
    public InetSocketAddress heartbeat() {
        HeartbeatServer server;
        lock.lock();
        try {
            if (heartbeat == null) {
                if (closed) {
                    throw new IllegalStateException("machine " + name() + " is closed");
                }
                heartbeat = new HeartbeatServer(name());
                HeartbeatServer created = heartbeat;
                // Each event re-reads the state rather than trusting the event's, which may be stale by now.
                addListener(event -> created.setUp(isHostUp()));
            }
            server = heartbeat;
        } finally {
            lock.unlock();
        }
        server.setUp(isHostUp());
        return server.address();
    }

    /** Whether a host in this state with this boot is up: a kernel runs, not firmware setup. */
    static boolean isUp(OsState os, Optional<BootInfo> boot) {
        return os == OsState.RUNNING && boot.isPresent() && boot.get().image() != BootedImage.FIRMWARE_SETUP;
    }

    /** @return the boot override the BMC holds, until a boot consumes a one-time override */
    public Optional<BootOverride> bootOverride() {
        return read(Lifecycle::bootOverride);
    }

    /**
     * Sets the boot override used from the next boot on.
     *
     * @param override the override
     */
    public void setBootOverride(BootOverride override) {
        Objects.requireNonNull(override, "override");
        update(() -> lifecycle.setBootOverride(override));
    }

    /** Removes the boot override: boots follow the spec's default device again. */
    public void clearBootOverride() {
        update(() -> lifecycle.setBootOverride(null));
    }

    /** @return the boot running now, from {@link OsState#BOOTING} on; empty while off or in POST */
    public Optional<BootInfo> currentBoot() {
        return read(Lifecycle::currentBoot);
    }

    /** @return the latest boot, even once the machine is off again */
    public Optional<BootInfo> lastBoot() {
        return read(Lifecycle::lastBoot);
    }

    /** @return the URI of the image inserted as virtual media */
    public Optional<String> virtualMedia() {
        return read(Lifecycle::media);
    }

    /**
     * Inserts an image as virtual media, replacing any; a CD-ROM boot then boots it.
     *
     * @param imageUri where the BMC would fetch the image from
     */
    public void insertVirtualMedia(String imageUri) {
        Objects.requireNonNull(imageUri, "imageUri");
        update(() -> lifecycle.setMedia(imageUri));
    }

    /** Ejects the virtual media; a host already booted from it keeps running. */
    public void ejectVirtualMedia() {
        update(() -> lifecycle.setMedia(null));
    }

    /** @return the SAN target a network boot chains to, as set by {@link #setSanBootTarget(String)} */
    public Optional<String> sanBootTarget() {
        return read(Lifecycle::sanTarget);
    }

    /**
     * Makes network boots (PXE, UEFI HTTP) boot the tenant OS from a remote volume, as the iPXE
     * script bm-storage's {@code IpxeSanboot} writes does ({@code sanboot iscsi:...}), rather than the
     * service ramdisk: the boot is {@link BootedImage#VOLUME_OS}, its console shows the SAN boot and
     * then the OS's banner, and the host is {@linkplain #isHostUp() up} once it runs.
     *
     * @param target the SAN target, such as {@code iscsi:10.0.0.5::3260:1:iqn.2024-01.org.bmsdk:vol1}
     */
    public void setSanBootTarget(String target) {
        Objects.requireNonNull(target, "target");
        update(() -> lifecycle.setSanTarget(target));
    }

    /** Network boots bring the service ramdisk up again. */
    public void clearSanBootTarget() {
        update(() -> lifecycle.setSanTarget(null));
    }

    /** @return the BIOS attributes, current and pending */
    public SimulatedBios bios() {
        return bios;
    }

    /** @return the disks, in the spec's order */
    public List<SimulatedDisk> disks() {
        return disks;
    }

    /**
     * A disk by name.
     *
     * @param name the disk's name in the spec
     * @return the disk
     * @throws IllegalArgumentException naming the known disks when there is none of that name
     */
    public SimulatedDisk disk(String name) {
        return disks.stream().filter(d -> d.name().equals(name)).findFirst().orElseThrow(
                () -> new IllegalArgumentException("machine " + name() + " has no disk '" + name + "'; it has "
                        + disks.stream().map(SimulatedDisk::name).toList()));
    }

    /** @return the NICs and their cabling */
    public List<NicSpec> nics() {
        return spec.nics();
    }

    /** @return the hardware as inspection reports it */
    public HardwareInventory inventory() {
        return spec.toInventory();
    }

    /** @return the serial console */
    public ConsoleLog console() {
        sync();
        return console;
    }

    /** @return the system event log */
    public SimulatedEventLog eventLog() {
        sync();
        return eventLog;
    }

    /** @return the health set by {@link #overrideHealth}, else the worst severity in the event log */
    public HealthStatus health() {
        HealthStatus override = healthOverride;
        return override != null ? override : eventLog().worstSeverity();
    }

    /**
     * Fixes the reported health, whatever the event log says, as a failing sensor would.
     *
     * @param health the health to report
     */
    public void overrideHealth(HealthStatus health) {
        healthOverride = Objects.requireNonNull(health, "health");
    }

    /** Goes back to deriving health from the event log. */
    public void clearHealthOverride() {
        healthOverride = null;
    }

    /** @return the host faults that tests inject */
    public MachineFaults faults() {
        return faults;
    }

    /**
     * Registers a listener for power and host state changes.
     *
     * @param listener the listener
     * @return closing it unregisters the listener
     */
    public Subscription addListener(MachineListener listener) {
        Objects.requireNonNull(listener, "listener");
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /**
     * Stops the machine's timers, ends console streams and closes its heartbeat port. The machine keeps its last state, which
     * can still be read; operations that change it throw {@link IllegalStateException}.
     */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            alarm.cancel();
        } finally {
            lock.unlock();
        }
        console.close();
        if (heartbeat != null) {
            heartbeat.close();
        }
    }

    @Override
    public String toString() {
        return "SimulatedMachine[" + name() + "]";
    }

    boolean crash() {
        return act(lc -> lc.crash(clock.instant()));
    }

    /** Runs a change under the lock, after catching up with the clock; for fault settings too. */
    void update(Runnable change) {
        act(lc -> {
            change.run();
            return null;
        });
    }

    private <T> T act(Function<Lifecycle, T> operation) {
        return run(operation, true);
    }

    private <T> T read(Function<Lifecycle, T> query) {
        return run(query, false);
    }

    private void sync() {
        run(lc -> null, false);
    }

    private <T> T run(Function<Lifecycle, T> body, boolean mutates) {
        try {
            lock.lock();
            try {
                if (mutates && closed) {
                    throw new IllegalStateException("machine " + name() + " is closed");
                }
                Instant now = clock.instant();
                lifecycle.catchUp(now);
                T result = body.apply(lifecycle);
                // A zero-length POST or boot is due at once; run it now rather than on the next call.
                lifecycle.catchUp(now);
                alarm.setFor(lifecycle.deadline().orElse(null));
                return result;
            } finally {
                lock.unlock();
            }
        } finally {
            // Outside the lock, so listeners may call back; even after a failure, so nothing waits.
            dispatcher.drain();
        }
    }

    /** Sends the state machine's output through the dispatcher, so that it leaves the lock in order. */
    private final class Effects implements Lifecycle.Effects {
        @Override
        public void console(String text) {
            dispatcher.enqueue(() -> console.write(text));
        }

        @Override
        public void log(Instant at, HealthStatus severity, String message) {
            eventLog.add(at, severity, message);
        }

        @Override
        public void event(MachineEvent event) {
            LOG.debug("{}", event);
            for (MachineListener listener : listeners) {
                dispatcher.enqueue(() -> listener.onEvent(event));
            }
        }
    }
}
