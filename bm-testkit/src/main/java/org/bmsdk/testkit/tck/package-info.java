/**
 * Compatibility suites (TCKs): JUnit 5 test classes that any driver, ours or a user's, extends to
 * show it behaves as bm-api promises, against the simulated machines of this test kit.
 * {@link org.bmsdk.testkit.tck.PowerBehaviourTck}: NMI injection and graceful shutdown alike on
 * every driver.
 */
package org.bmsdk.testkit.tck;
