package org.bmsdk.api.capability;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.bmsdk.api.model.Cpu;
import org.bmsdk.api.model.Disk;
import org.bmsdk.api.model.Nic;

/** Checks parsed conditions against a machine, and says in words which ones fail. */
final class Matcher {

    /** An explanation lists the devices it looked at, but a machine may have dozens of disks. */
    private static final int DEVICES_SHOWN = 8;

    private Matcher() {
    }

    static boolean matches(List<Condition> conditions, Subject machine) {
        for (Condition c : conditions) {
            if (!isDeviceCondition(c) && !holds(c, machine)) {
                return false;
            }
        }
        return groupHolds(group(conditions, Field.Scope.DISK), machine)
                && groupHolds(group(conditions, Field.Scope.NIC), machine);
    }

    static List<String> unmet(List<Condition> conditions, Subject machine) {
        List<String> unmet = new ArrayList<>();
        Set<Field.Scope> groupsSeen = new LinkedHashSet<>();
        for (Condition c : conditions) {
            if (isDeviceCondition(c)) {
                Field.Scope scope = ((Condition.Comparison) c).field().scope();
                List<Condition.Comparison> group = group(conditions, scope);
                if (groupsSeen.add(scope) && !groupHolds(group, machine)) {
                    unmet.add(explainGroup(group, scope, machine));
                }
            } else if (!holds(c, machine)) {
                unmet.add(c + ": " + explain(c, machine));
            }
        }
        return unmet;
    }

    private static boolean isDeviceCondition(Condition c) {
        return c instanceof Condition.Comparison cmp
                && (cmp.field().scope() == Field.Scope.DISK || cmp.field().scope() == Field.Scope.NIC);
    }

    /** All top-level conditions on one kind of device, which one device must satisfy together. */
    private static List<Condition.Comparison> group(List<Condition> conditions, Field.Scope scope) {
        List<Condition.Comparison> group = new ArrayList<>();
        for (Condition c : conditions) {
            if (c instanceof Condition.Comparison cmp && cmp.field().scope() == scope) {
                group.add(cmp);
            }
        }
        return group;
    }

    private static boolean groupHolds(List<Condition.Comparison> group, Subject machine) {
        if (group.isEmpty()) {
            return true;
        }
        return count(group.get(0).field().scope(), group, machine) > 0;
    }

    private static long count(Field.Scope scope, List<Condition.Comparison> filter, Subject machine) {
        if (scope == Field.Scope.DISK) {
            return machine.inventory().disks().stream().filter(d -> filter.stream().allMatch(c -> c.test(c.field().read(d)))).count();
        }
        return machine.inventory().nics().stream().filter(n -> filter.stream().allMatch(c -> c.test(c.field().read(n)))).count();
    }

    private static boolean holds(Condition condition, Subject machine) {
        if (condition instanceof Condition.HasTrait t) {
            return machine.inventory().traits().contains(t.trait()) == t.present();
        }
        if (condition instanceof Condition.Count c) {
            return c.op().test(Kind.COUNT, Value.of(count(c.scope(), c.filter(), machine)), c.values());
        }
        Condition.Comparison c = (Condition.Comparison) condition;
        switch (c.field().scope()) {
            case MACHINE:
                return c.test(c.field().read(machine));
            case CPU:
                // An empty socket list must not satisfy cpu.arch != x86_64 by default.
                List<Cpu> cpus = machine.inventory().cpus();
                return !cpus.isEmpty() && cpus.stream().allMatch(cpu -> c.test(c.field().read(cpu)));
            default:
                return groupHolds(List.of(c), machine);
        }
    }

    private static String explain(Condition condition, Subject machine) {
        if (condition instanceof Condition.HasTrait t) {
            return t.present() ? "missing" : "present";
        }
        if (condition instanceof Condition.Count c) {
            return "found " + count(c.scope(), c.filter(), machine);
        }
        Condition.Comparison c = (Condition.Comparison) condition;
        Kind kind = c.field().kind();
        if (c.field().scope() == Field.Scope.CPU) {
            List<Cpu> cpus = machine.inventory().cpus();
            return cpus.isEmpty() ? "found no CPU"
                    : "found " + cpus.stream().map(cpu -> kind.render(c.field().read(cpu))).distinct().collect(Collectors.joining(", "));
        }
        Value actual = c.field().read(machine);
        if (c.field() == Field.RESOURCE_CLASS && actual.equals(Value.of(""))) {
            return "found none";
        }
        return "found " + kind.render(actual);
    }

    private static String explainGroup(List<Condition.Comparison> group, Field.Scope scope, Subject machine) {
        String conditions = group.stream().map(Condition.Comparison::toString).collect(Collectors.joining(" and "));
        String devices = scope == Field.Scope.DISK
                ? list(machine.inventory().disks(), Matcher::describe, "disks")
                : list(machine.inventory().nics(), Matcher::describe, "NICs");
        return conditions + ": no single " + (scope == Field.Scope.DISK ? "disk" : "NIC") + " has " + (group.size() == 1 ? "it" : "all of these") + "; found " + devices;
    }

    private static <T> String list(List<T> devices, Function<T, String> describe, String plural) {
        if (devices.isEmpty()) {
            return "no " + plural;
        }
        String shown = devices.stream().limit(DEVICES_SHOWN).map(describe).collect(Collectors.joining(", "));
        return devices.size() > DEVICES_SHOWN ? shown + " and " + (devices.size() - DEVICES_SHOWN) + " more" : shown;
    }

    private static String describe(Disk d) {
        return Units.formatBytes(d.sizeBytes()) + " " + Field.DISK_MEDIA.kind().render(Field.DISK_MEDIA.read(d)) + " "
                + Field.DISK_PROTOCOL.kind().render(Field.DISK_PROTOCOL.read(d));
    }

    private static String describe(Nic n) {
        return Units.formatSpeed(n.speedMbps()) + " " + Field.NIC_TYPE.kind().render(Field.NIC_TYPE.read(n))
                + (n.roceCapable() ? " RoCE" : "");
    }
}
