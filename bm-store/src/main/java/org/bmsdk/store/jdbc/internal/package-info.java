/** The insides of the JDBC store: SQL, schema migrations and the JSON form of nodes. Not an API. */
package org.bmsdk.store.jdbc.internal;
