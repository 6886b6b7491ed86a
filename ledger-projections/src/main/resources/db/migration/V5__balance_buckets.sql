-- Balances per member and quarter, kept incrementally by the projector, so that a balance (now, or
-- through a quarter) sums a few rows per member instead of every allocation of the project's history.
CREATE TABLE rm_balance_bucket (
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
