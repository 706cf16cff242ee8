/**
 * The IPMI v2.0 (RMCP+) BMC driver: {@link org.bmsdk.hardware.ipmi.IpmiDriverProvider} and its
 * {@link org.bmsdk.hardware.ipmi.IpmiOptions}. Cipher suites 17 and 3 only; cipher suite 0,
 * "none" algorithms and anonymous logins are refused. The protocol implementation in
 * {@code org.bmsdk.hardware.ipmi.internal} is not API.
 */
package org.bmsdk.hardware.ipmi;
