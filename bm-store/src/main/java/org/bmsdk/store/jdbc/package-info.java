/**
 * The durable {@link org.bmsdk.api.store.Store} over JDBC: {@link org.bmsdk.store.jdbc.JdbcStore},
 * with an embedded H2 file as the default.
 */
package org.bmsdk.store.jdbc;
