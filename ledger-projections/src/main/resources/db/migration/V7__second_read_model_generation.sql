-- A rebuild fills a fresh generation of the read models while the current one keeps serving, and
-- then switches over in one transaction (ReadModelGenerations). The first generation is the rm_
-- tables of V2, V5 and V6_1; this is the second, table for table and column for column the same
-- (a change to one generation's tables is a change to both). Which one serves is the one row of
-- read_model_generation.
CREATE TABLE rm2_project (
    project_id  VARCHAR(64)  PRIMARY KEY,
    name        VARCHAR(400) NOT NULL,
    currency    VARCHAR(3)   NOT NULL,
    scale       INTEGER      NOT NULL,
    time_zone   VARCHAR(64)  NOT NULL,
    created_on  DATE         NOT NULL,
    last_closed VARCHAR(7),
    recorded_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE rm2_member (
    project_id VARCHAR(64)  NOT NULL,
    member_id  VARCHAR(64)  NOT NULL,
    name       VARCHAR(400) NOT NULL,
    joined_on  DATE         NOT NULL,
    left_on    DATE,
    PRIMARY KEY (project_id, member_id)
);

CREATE TABLE rm2_key_version (
    project_id     VARCHAR(64) NOT NULL,
    effective_from DATE        NOT NULL,
    method         VARCHAR(16) NOT NULL,
    weights        TEXT        NOT NULL,
    PRIMARY KEY (project_id, effective_from)
);

CREATE TABLE rm2_rate_version (
    project_id     VARCHAR(64) NOT NULL,
    effective_from DATE        NOT NULL,
    hourly_rates   TEXT        NOT NULL,
    PRIMARY KEY (project_id, effective_from)
);

CREATE TABLE rm2_period (
    project_id VARCHAR(64) NOT NULL,
    period     VARCHAR(7)  NOT NULL,
    event_count BIGINT     NOT NULL,
    digest     VARCHAR(64),
    closed_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (project_id, period)
);

CREATE TABLE rm2_contribution (
    contribution_id VARCHAR(36)   PRIMARY KEY,
    project_id      VARCHAR(64)   NOT NULL,
    list_position   BIGINT        NOT NULL,
    member_id       VARCHAR(64)   NOT NULL,
    kind            VARCHAR(8)    NOT NULL,
    amount_minor    BIGINT,
    hours           NUMERIC(9, 2),
    role            VARCHAR(400),
    business_date   DATE          NOT NULL,
    reference       VARCHAR(400),
    description     VARCHAR(4000),
    status          VARCHAR(16)   NOT NULL,
    value_minor     BIGINT        NOT NULL,
    recorded_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    recorded_by     VARCHAR(255)  NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_by      VARCHAR(255)  NOT NULL
);
CREATE INDEX ix2_contribution_project ON rm2_contribution (project_id, list_position);
CREATE INDEX ix2_contribution_date ON rm2_contribution (project_id, business_date);

CREATE TABLE rm2_contribution_event (
    contribution_id VARCHAR(36) NOT NULL,
    sequence_number BIGINT      NOT NULL,
    PRIMARY KEY (contribution_id, sequence_number)
);

CREATE TABLE rm2_allocation (
    contribution_id VARCHAR(36) NOT NULL,
    project_id      VARCHAR(64) NOT NULL,
    member_id       VARCHAR(64) NOT NULL,
    share_minor     BIGINT      NOT NULL,
    PRIMARY KEY (contribution_id, member_id)
);
CREATE INDEX ix2_allocation_project ON rm2_allocation (project_id, member_id);

CREATE TABLE rm2_settlement (
    settlement_id VARCHAR(36)  PRIMARY KEY,
    project_id    VARCHAR(64)  NOT NULL,
    list_position BIGINT       NOT NULL,
    from_member   VARCHAR(64)  NOT NULL,
    to_member     VARCHAR(64)  NOT NULL,
    amount_minor  BIGINT       NOT NULL,
    business_date DATE         NOT NULL,
    reference     VARCHAR(400),
    recorded_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    recorded_by   VARCHAR(255) NOT NULL
);
CREATE INDEX ix2_settlement_project ON rm2_settlement (project_id, business_date);

CREATE TABLE rm2_balance_bucket (
    project_id            VARCHAR(64) NOT NULL,
    member_id             VARCHAR(64) NOT NULL,
    quarter_start         DATE        NOT NULL,
    money_minor           BIGINT      NOT NULL,
    hours_minor           BIGINT      NOT NULL,
    code_minor            BIGINT      NOT NULL,
    fair_share_minor      BIGINT      NOT NULL,
    settlements_paid_minor     BIGINT NOT NULL,
    settlements_received_minor BIGINT NOT NULL,
    PRIMARY KEY (project_id, member_id, quarter_start)
);

CREATE TABLE read_model_generation (
    id      INTEGER    PRIMARY KEY,
    serving VARCHAR(8) NOT NULL
);
INSERT INTO read_model_generation (id, serving) VALUES (1, 'rm_');
