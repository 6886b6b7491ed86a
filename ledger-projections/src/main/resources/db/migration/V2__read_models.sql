-- Read models of ledger-projections. Everything here can be dropped and rebuilt from the event store.
-- Money is kept in integer minor units (BIGINT); hours with their two decimals.
CREATE TABLE rm_project (
    project_id  VARCHAR(64)  PRIMARY KEY,
    name        VARCHAR(200) NOT NULL,
    currency    VARCHAR(3)   NOT NULL,
    scale       INTEGER      NOT NULL,
    time_zone   VARCHAR(64)  NOT NULL,
    created_on  DATE         NOT NULL,
    last_closed VARCHAR(7),
    recorded_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE rm_member (
    project_id VARCHAR(64)  NOT NULL,
    member_id  VARCHAR(64)  NOT NULL,
    name       VARCHAR(200) NOT NULL,
    joined_on  DATE         NOT NULL,
    left_on    DATE,
    PRIMARY KEY (project_id, member_id)
);

CREATE TABLE rm_key_version (
    project_id     VARCHAR(64) NOT NULL,
    effective_from DATE        NOT NULL,
    method         VARCHAR(16) NOT NULL,
    weights        TEXT        NOT NULL,
    PRIMARY KEY (project_id, effective_from)
);

CREATE TABLE rm_rate_version (
    project_id     VARCHAR(64) NOT NULL,
    effective_from DATE        NOT NULL,
    hourly_rates   TEXT        NOT NULL,
    PRIMARY KEY (project_id, effective_from)
);

CREATE TABLE rm_period (
    project_id VARCHAR(64) NOT NULL,
    period     VARCHAR(7)  NOT NULL,
    event_count BIGINT     NOT NULL,
    digest     VARCHAR(64),
    closed_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (project_id, period)
);

CREATE TABLE rm_contribution (
    contribution_id VARCHAR(36)   PRIMARY KEY,
    project_id      VARCHAR(64)   NOT NULL,
    list_position   BIGINT        NOT NULL,
    member_id       VARCHAR(64)   NOT NULL,
    kind            VARCHAR(8)    NOT NULL,
    amount_minor    BIGINT,
    hours           NUMERIC(9, 2),
    role            VARCHAR(200),
    business_date   DATE          NOT NULL,
    reference       VARCHAR(200),
    description     VARCHAR(2000),
    status          VARCHAR(16)   NOT NULL,
    value_minor     BIGINT        NOT NULL,
    recorded_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    recorded_by     VARCHAR(255)  NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_by      VARCHAR(255)  NOT NULL
);
CREATE INDEX ix_contribution_project ON rm_contribution (project_id, list_position);
CREATE INDEX ix_contribution_date ON rm_contribution (project_id, business_date);

-- The events of each contribution, by their per-project sequence, for its history.
CREATE TABLE rm_contribution_event (
    contribution_id VARCHAR(36) NOT NULL,
    sequence_number BIGINT      NOT NULL,
    PRIMARY KEY (contribution_id, sequence_number)
);

CREATE TABLE rm_allocation (
    contribution_id VARCHAR(36) NOT NULL,
    project_id      VARCHAR(64) NOT NULL,
    member_id       VARCHAR(64) NOT NULL,
    share_minor     BIGINT      NOT NULL,
    PRIMARY KEY (contribution_id, member_id)
);
CREATE INDEX ix_allocation_project ON rm_allocation (project_id, member_id);

CREATE TABLE rm_settlement (
    settlement_id VARCHAR(36)  PRIMARY KEY,
    project_id    VARCHAR(64)  NOT NULL,
    list_position BIGINT       NOT NULL,
    from_member   VARCHAR(64)  NOT NULL,
    to_member     VARCHAR(64)  NOT NULL,
    amount_minor  BIGINT       NOT NULL,
    business_date DATE         NOT NULL,
    reference     VARCHAR(200),
    recorded_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    recorded_by   VARCHAR(255) NOT NULL
);
CREATE INDEX ix_settlement_project ON rm_settlement (project_id, business_date);
