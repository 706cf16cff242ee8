package org.bmsdk.testkit.storage.internal;

/** Builds tgtd states for the iSCSI tests, as tgtadm would. */
public final class TgtStates {

    private TgtStates() {
    }

    /**
     * A state with one target, its LUN 1 backed by a file of the given files.
     *
     * @param files where the backing file goes (made here)
     * @param name the target name
     * @param size the LUN's size
     * @param initiator the one initiator allowed in, or ALL
     * @param chapUser a CHAP account bound to it, or null for none
     * @param chapSecret its secret
     * @return the state
     */
    public static TgtState oneTarget(HostFiles files, String name, long size, String initiator, String chapUser, String chapSecret)
            throws Exception {
        files.mkdirs("/v");
        files.createExclusive("/v/t.vol");
        files.truncate("/v/t.vol", size);
        TgtState s = new TgtState();
        s.newTarget(1, name);
        s.newLun(1, 1, "/v/t.vol", size);
        if (chapUser != null) {
            s.newAccount(chapUser, chapSecret);
            s.bindAccount(1, chapUser);
        }
        s.bindInitiator(1, initiator);
        return s;
    }
}
