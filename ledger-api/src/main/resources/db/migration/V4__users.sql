-- Users of the service. Passwords are stored only as BCrypt hashes.
CREATE TABLE ledger_user (
    username      VARCHAR(64)  PRIMARY KEY,
    password_hash VARCHAR(100) NOT NULL,
    organisation  VARCHAR(64),
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by    VARCHAR(64)  NOT NULL
);

CREATE TABLE ledger_user_role (
    username VARCHAR(64) NOT NULL,
    role     VARCHAR(16) NOT NULL,
    PRIMARY KEY (username, role)
);

CREATE TABLE ledger_user_project (
    username   VARCHAR(64) NOT NULL,
    project_id VARCHAR(64) NOT NULL,
    PRIMARY KEY (username, project_id)
);
