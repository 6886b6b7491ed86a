package nl.commonsledger.api.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import jakarta.servlet.http.HttpServletRequest;
import nl.commonsledger.api.config.ReadYourWrites;
import nl.commonsledger.api.metrics.LedgerMetrics;
import nl.commonsledger.api.projection.ParkedProjects;
import nl.commonsledger.api.security.AccessPolicy;
import nl.commonsledger.api.web.ApiProblem;
import nl.commonsledger.core.project.ProjectCommand;
import nl.commonsledger.api.security.Caller;
import nl.commonsledger.api.web.Causes;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.util.ContentCachingRequestWrapper;
import org.springframework.web.util.WebUtils;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Every POST and PUT that books goes through here: it sends the command (with the caller's claim on
 * the Idempotency-Key, stored atomically with the events), waits until the read models show the
 * write, and answers with the resource as it now reads. A retry with the same key and body gets the
 * first answer again, marked {@code Idempotent-Replayed: true}; the same key with another body or
 * on another path is 422. Only successful answers are remembered: a refused request leaves no trace.
 */
@Component
public class IdempotentWrites {

    private static final Logger log = LoggerFactory.getLogger(IdempotentWrites.class);

    public static final String HEADER = "Idempotency-Key";
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");

    private final CommandGateway commands;
    private final JdbcTemplate jdbc;
    private final ReadYourWrites readYourWrites;
    private final Caller caller;
    private final ObjectMapper json;
    private final ObjectMapper canonical;
    private final AccessPolicy access;
    private final ParkedProjects parked;
    private final ProjectLocks locks;
    private final LedgerMetrics metrics;

    public IdempotentWrites(CommandGateway commands, JdbcTemplate jdbc, ReadYourWrites readYourWrites, Caller caller,
                            ObjectMapper json, AccessPolicy access, ParkedProjects parked, ProjectLocks locks,
                            LedgerMetrics metrics) {
        this.metrics = metrics;
        this.access = access;
        this.parked = parked;
        this.locks = locks;
        this.commands = commands;
        this.jdbc = jdbc;
        this.readYourWrites = readYourWrites;
        this.caller = caller;
        this.json = json;
        this.canonical = json.copy().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    }

    /**
     * @param command  the command to send
     * @param status   the status of a successful answer
     * @param resource what the answer shows, e.g. {@code contribution:<project>:<id>}
     * @param render   renders a resource as the body of the answer
     */
    public ResponseEntity<Object> write(HttpServletRequest request, ProjectCommand command, HttpStatus status,
                                        String resource, Function<String, Object> render) {
        // Whose object is it? Checked here because every command a client sends passes this way.
        access.authorize(caller.user(), command);
        String key = request.getHeader(HEADER);
        if (key == null) {
            return send(command, MetaData.emptyInstance(), status, resource, render, null);
        }
        if (!KEY.matcher(key).matches()) {
            throw ApiProblem.badRequest(HEADER, "Idempotency-Key must be 1 to 255 visible ASCII characters.");
        }
        String path = request.getRequestURI();
        String hash = requestHash(request);
        ResponseEntity<Object> replay = replay(key, request.getMethod(), path, hash, render);
        if (replay != null) {
            return replay;
        }
        IdempotencyClaim claim = new IdempotencyClaim(caller.id(), key, request.getMethod(), path, hash,
                status.value(), resource);
        try {
            return send(command, MetaData.with(IdempotencyClaim.METADATA_KEY, claim), status, resource, render, claim);
        } catch (RuntimeException e) {
            if (Causes.find(e, DataIntegrityViolationException.class) == null
                    && Causes.find(e, PessimisticLockingFailureException.class) == null) {
                throw e;
            }
            // Another request with this key won the race; answer as it did.
            ResponseEntity<Object> raced = replay(key, request.getMethod(), path, hash, render);
            if (raced != null) {
                return raced;
            }
            throw ApiProblem.conflict("A request with this Idempotency-Key is still being handled; retry shortly.");
        }
    }

    private ResponseEntity<Object> send(ProjectCommand command, MetaData metaData, HttpStatus status, String resource,
                                        Function<String, Object> render, IdempotencyClaim claim) {
        long before = readYourWrites.head();
        locks.withLock(command.projectId(),
                () -> commands.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(metaData)));
        // From here on the write is stored: whatever the read models say, the answer is a success. If they
        // cannot show it (behind, parked, or unreachable), the answer says it is pending, and the stored
        // answer stays empty, so that a retry with the key renders the resource once it is visible.
        ResponseEntity<Object> pending = ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
                .body(PendingWrite.of(command));
        try {
            long waitStart = System.nanoTime();
            boolean visible = readYourWrites.awaitProjection(before, readYourWrites.head());
            metrics.readYourWritesWait(Duration.ofNanos(System.nanoTime() - waitStart), visible);
            if (!visible || parked.isParked(command.projectId())) {
                return pending;
            }
            Object body = render.apply(resource);
            if (claim != null) {
                jdbc.update("UPDATE idempotency_record SET response_body = ? WHERE caller = ? AND idem_key = ?",
                        toJson(body), claim.caller(), claim.key());
            }
            return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
        } catch (RuntimeException e) {
            log.warn("{} was stored, but its answer could not be read back; answered as pending",
                    command.getClass().getSimpleName(), e);
            return pending;
        }
    }

    private ResponseEntity<Object> replay(String key, String method, String path, String hash,
                                          Function<String, Object> render) {
        List<Map<String, Object>> rows = jdbc.queryForList("SELECT http_method, request_path, request_hash, status, "
                + "resource, response_body FROM idempotency_record WHERE caller = ? AND idem_key = ?", caller.id(), key);
        if (rows.isEmpty()) {
            return null;
        }
        Map<String, Object> row = rows.get(0);
        if (!method.equals(row.get("http_method"))
                || !path.equals(row.get("request_path"))) {
            throw ApiProblem.invalid(HEADER, "This Idempotency-Key was already used for another request ("
                    + row.get("http_method") + " " + row.get("request_path") + "); use a new key.");
        }
        if (!hash.equals(row.get("request_hash"))) {
            throw ApiProblem.invalid(HEADER, "This Idempotency-Key was already used with a different body; use a new key.");
        }
        int status = ((Number) row.get("status")).intValue();
        Object stored = row.get("response_body");
        Object body;
        if (stored != null) {
            body = readJson(stored.toString());
        } else {
            // Booked, but the answer is not saved yet (the first request is still answering, or the
            // service stopped right after the commit, or the read models were behind): render it once
            // the read models show it, and until then answer that it is pending.
            String projectId = projectOf(path);
            boolean visible = readYourWrites.awaitProjection(-1, readYourWrites.head())
                    && (projectId == null || !parked.isParked(projectId));
            body = visible ? render.apply((String) row.get("resource")) : PendingWrite.inProject(projectId);
        }
        metrics.idempotentReplay();
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
                .header("Idempotent-Replayed", "true").body(body);
    }

    /** The project a write's path names ({@code /api/projects/{projectId}/...}), or null. */
    private static String projectOf(String path) {
        String[] parts = path.split("/");
        return parts.length > 4 && "api".equals(parts[1]) && "projects".equals(parts[2]) ? parts[3] : null;
    }

    /** SHA-256 of the body as canonical JSON (key order and white space do not matter). */
    private String requestHash(HttpServletRequest request) {
        ContentCachingRequestWrapper wrapper = WebUtils.getNativeRequest(request, ContentCachingRequestWrapper.class);
        byte[] body = wrapper == null ? new byte[0] : wrapper.getContentAsByteArray();
        byte[] text;
        try {
            JsonNode tree = json.readTree(body);
            text = tree == null ? body : canonical.writeValueAsBytes(json.treeToValue(tree, Object.class));
        } catch (java.io.IOException e) {
            text = body;
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String toJson(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Object readJson(String text) {
        try {
            return json.readTree(text.getBytes(StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
