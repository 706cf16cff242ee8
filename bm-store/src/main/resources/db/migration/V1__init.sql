-- bm-store schema version 1: nodes and namespaced records, each with a compare-and-set version.
-- Plain SQL with IF NOT EXISTS, so that a migration cut short on a database whose DDL is not
-- transactional (H2) can be run again. ${LARGE_TEXT} is the dialect's unbounded text type.

CREATE TABLE IF NOT EXISTS nodes (
    id VARCHAR(64) NOT NULL PRIMARY KEY,
    version BIGINT NOT NULL,
    provision_state VARCHAR(32) NOT NULL,
    owner VARCHAR(255),
    data ${LARGE_TEXT} NOT NULL
);

CREATE INDEX IF NOT EXISTS nodes_provision_state ON nodes (provision_state);

CREATE INDEX IF NOT EXISTS nodes_owner ON nodes (owner);

-- KEY and VALUE are reserved words in H2 and elsewhere, hence record_key and record_value.
CREATE TABLE IF NOT EXISTS records (
    namespace VARCHAR(64) NOT NULL,
    record_key VARCHAR(512) NOT NULL,
    version BIGINT NOT NULL,
    record_value ${LARGE_TEXT} NOT NULL,
    PRIMARY KEY (namespace, record_key)
);
