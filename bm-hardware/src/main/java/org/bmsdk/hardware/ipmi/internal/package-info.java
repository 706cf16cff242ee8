/**
 * The IPMI driver's implementation: RMCP/RMCP+ codecs, RAKP and session keys, the shared UDP
 * transport, sessions and the capabilities. Not API: it may change in any release.
 */
package org.bmsdk.hardware.ipmi.internal;
