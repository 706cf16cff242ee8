/**
 * Several controller instances sharing the monitored nodes through the {@link org.bmsdk.api.store.Store},
 * as Ironic's conductors do: each holds a lease it renews ({@link ClusterMember}), the live set is
 * read back from the store, and a {@link HashRing} over it says which instance monitors which node
 * ({@link ClusterView#owner}).
 */
package org.bmsdk.ha.cluster;
