package nl.commonsledger.api.write;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The only owner of {@code idempotency_record}: every statement on that table is here. A record is
 * inserted with its command (by {@link IdempotencyInterceptor}, in the command's transaction), read
 * when a request arrives with a key, and completed with the answer once it is rendered.
 */
@Repository
public class IdempotencyRecords {

    /** A remembered write: the request it answered, its status, what it showed and, once saved, its answer. */
    public record StoredWrite(RequestFingerprint request, int status, ResourceRef resource, String answerJson) {
    }

    private final JdbcTemplate jdbc;

    public IdempotencyRecords(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores a claim; a second claim on the same (caller, key) fails on the primary key. */
    void insert(IdempotencyClaim claim, Instant createdAt) {
        jdbc.update("INSERT INTO idempotency_record (caller, idem_key, http_method, request_path, request_hash, "
                        + "status, resource, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                claim.caller(), claim.key().value(), claim.request().method(), claim.request().path(),
                claim.request().bodySha256(), claim.status(), claim.resource().stored(), Timestamp.from(createdAt));
    }

    Optional<StoredWrite> find(String caller, IdempotencyKey key) {
        List<StoredWrite> rows = jdbc.query("SELECT http_method, request_path, request_hash, status, resource, "
                        + "response_body FROM idempotency_record WHERE caller = ? AND idem_key = ?",
                (rs, n) -> new StoredWrite(
                        new RequestFingerprint(rs.getString("http_method"), rs.getString("request_path"),
                                rs.getString("request_hash")),
                        rs.getInt("status"), ResourceRef.parse(rs.getString("resource")), rs.getString("response_body")),
                caller, key.value());
        return rows.stream().findFirst();
    }

    /** Keeps the rendered answer, so that a retry answers exactly it. */
    void saveAnswer(IdempotencyClaim claim, String answerJson) {
        jdbc.update("UPDATE idempotency_record SET response_body = ? WHERE caller = ? AND idem_key = ?",
                answerJson, claim.caller(), claim.key().value());
    }
}
