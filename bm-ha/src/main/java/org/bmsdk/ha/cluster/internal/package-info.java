/** The cluster's internals: the lease record and its text form. Not an API. */
package org.bmsdk.ha.cluster.internal;
