package nl.commonsledger.projections.ledger;

/**
 * The statements that add a row to a read-model table, in the first generation's names
 * ({@link nl.commonsledger.projections.generation.Generation#sql}): one text per row shape, shared
 * by the live projector and the rebuild's writer, which must write the same rows.
 */
public final class ReadModelRows {

    public static final String KEY_VERSION =
            "INSERT INTO rm_key_version (project_id, effective_from, method, weights) VALUES (?, ?, ?, ?)";

    public static final String RATE_VERSION =
            "INSERT INTO rm_rate_version (project_id, effective_from, hourly_rates) VALUES (?, ?, ?)";

    public static final String CONTRIBUTION = "INSERT INTO rm_contribution (contribution_id, project_id, "
            + "list_position, member_id, kind, amount_minor, hours, role, business_date, reference, description, "
            + "status, value_minor, allocation, recorded_at, recorded_by, updated_at, updated_by, event_sequences) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    public static final String SETTLEMENT = "INSERT INTO rm_settlement (settlement_id, project_id, list_position, "
            + "from_member, to_member, amount_minor, business_date, reference, recorded_at, recorded_by) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    public static final String BALANCE_BUCKET = "INSERT INTO rm_balance_bucket (project_id, member_id, "
            + "quarter_start, money_minor, hours_minor, code_minor, fair_share_minor, settlements_paid_minor, "
            + "settlements_received_minor) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private ReadModelRows() {
    }
}
