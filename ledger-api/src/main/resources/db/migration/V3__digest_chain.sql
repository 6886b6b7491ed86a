-- The digest chain: one digest per event of a project, written in the transaction that stores the
-- event, so the chain can never lag behind or run ahead of the history it seals.
CREATE TABLE event_digest (
    project_id      VARCHAR(255) NOT NULL,
    sequence_number BIGINT       NOT NULL,
    digest          VARCHAR(64)  NOT NULL,
    PRIMARY KEY (project_id, sequence_number)
);
