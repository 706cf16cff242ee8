package org.bmsdk.storage.iscsi.internal;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One target of a tgtd, as {@code tgtadm --op show --mode target} lists it: only what the driver
 * reads back (its LUNs, its incoming CHAP accounts and its ACL), never a secret (tgtadm shows none).
 *
 * @param tid the target id
 * @param iqn the target's name
 * @param luns its logical units, in the order shown
 * @param accounts the user names of its incoming CHAP accounts
 * @param acl the ACL entries: initiator addresses ({@code ALL}, an IP) and initiator names
 */
public record TgtTarget(int tid, String iqn, List<TgtLun> luns, List<String> accounts, List<String> acl) {

    /** Copies the lists. */
    public TgtTarget {
        luns = List.copyOf(luns);
        accounts = List.copyOf(accounts);
        acl = List.copyOf(acl);
    }

    /**
     * The initiator names in the ACL (entries bound with {@code --initiator-name}).
     *
     * @return the IQNs and EUIs, in the order shown
     */
    public List<String> initiatorNames() {
        return acl.stream().filter(TgtTarget::isInitiatorName).toList();
    }

    /**
     * A logical unit by number.
     *
     * @param number the LUN
     * @return it, if the target has it
     */
    public Optional<TgtLun> lun(int number) {
        return luns.stream().filter(l -> l.lun() == number).findFirst();
    }

    /** An address ACL entry is {@code ALL}, an IPv4/IPv6 address or a netmask; a name has a naming prefix. */
    static boolean isInitiatorName(String entry) {
        String e = entry.toLowerCase(Locale.ROOT);
        return e.startsWith("iqn.") || e.startsWith("eui.") || e.startsWith("naa.");
    }
}
