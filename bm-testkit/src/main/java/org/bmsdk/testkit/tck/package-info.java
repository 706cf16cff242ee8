/**
 * Compatibility suites (TCKs): JUnit 5 test classes that any driver, ours or a user's, extends to
 * show it behaves as bm-api promises, against the simulators of this test kit.
 *
 * <ul>
 *   <li>{@link org.bmsdk.testkit.tck.PowerBehaviourTck}: NMI injection and graceful shutdown alike on
 *       every BMC driver;</li>
 *   <li>{@link org.bmsdk.testkit.tck.SwitchDriverTck}: a switch driver against a simulated switch of
 *       its dialect: an unknown host key and a wrong password refused, VLANs and a port's access,
 *       trunk and idle states read back as the switch holds them, a port the switch does not have
 *       refused, save, close;</li>
 *   <li>{@link org.bmsdk.testkit.tck.BmcConnectionTck}: connecting to a BMC: a wrong password refused
 *       without showing it, a silent peer given up on within the endpoint's timeouts, a closed client;
 *       and {@link org.bmsdk.testkit.tck.TlsBmcConnectionTck} for a driver over TLS: also a
 *       certificate of another CA refused unless insecure mode is asked for;</li>
 *   <li>{@link org.bmsdk.testkit.tck.StoreTck}: a {@link org.bmsdk.api.store.Store}: versions,
 *       compare-and-set between instances, ordering, namespaces, concurrent writers.</li>
 * </ul>
 */
package org.bmsdk.testkit.tck;
