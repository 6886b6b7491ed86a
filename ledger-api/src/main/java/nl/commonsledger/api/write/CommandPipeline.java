package nl.commonsledger.api.write;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import jakarta.servlet.http.HttpServletRequest;
import nl.commonsledger.api.config.ReadYourWrites;
import nl.commonsledger.api.metrics.LedgerMetrics;
import nl.commonsledger.api.projection.ParkedProjects;
import nl.commonsledger.api.security.AccessPolicy;
import nl.commonsledger.api.security.Caller;
import nl.commonsledger.api.web.ApiProblem;
import nl.commonsledger.api.web.Causes;
import nl.commonsledger.api.write.IdempotencyRecords.StoredWrite;
import nl.commonsledger.core.project.ProjectCommand;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * Every POST and PUT that books goes through here, in four steps: <b>authorise</b> the command's
 * object (whose contribution, who pays), <b>send</b> it (one command per project at a time, with the
 * caller's claim on the Idempotency-Key stored atomically with the events), <b>await</b> the read
 * models, and <b>render</b> the resource as it now reads. A retry with the same key and body gets the
 * first answer again, marked {@code Idempotent-Replayed: true}; the same key with another body or on
 * another route is 422. Only successful answers are remembered: a refused request leaves no trace.
 *
 * <p>The parts: {@link IdempotencyKey} (the header's syntax), {@link RequestFingerprint} (what makes
 * a retry the same request), {@link IdempotencyRecords} (the table), {@link ResourceRef} (what the
 * answer shows), {@link PendingWrite} (the answer while the read models are behind).
 */
@Component
public class CommandPipeline {

    private static final Logger log = LoggerFactory.getLogger(CommandPipeline.class);

    private final CommandGateway commands;
    private final IdempotencyRecords records;
    private final ReadYourWrites readYourWrites;
    private final Caller caller;
    private final ObjectMapper json;
    private final ObjectMapper sortedJson;
    private final AccessPolicy access;
    private final ParkedProjects parked;
    private final ProjectLocks locks;
    private final LedgerMetrics metrics;

    public CommandPipeline(CommandGateway commands, IdempotencyRecords records, ReadYourWrites readYourWrites,
                           Caller caller, ObjectMapper json, AccessPolicy access, ParkedProjects parked,
                           ProjectLocks locks, LedgerMetrics metrics) {
        this.commands = commands;
        this.records = records;
        this.readYourWrites = readYourWrites;
        this.caller = caller;
        this.json = json;
        this.sortedJson = json.copy().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
        this.access = access;
        this.parked = parked;
        this.locks = locks;
        this.metrics = metrics;
    }

    /**
     * @param command  the command to send
     * @param status   the status of a successful answer
     * @param resource what the answer shows; also what a replay renders when no answer was saved
     * @param render   renders the resource as the body of the answer
     */
    public <R extends ResourceRef> ResponseEntity<Object> write(HttpServletRequest request, ProjectCommand command,
                                                                HttpStatus status, R resource,
                                                                Function<? super R, Object> render) {
        // Whose object is it? Checked here because every command a client sends passes this way.
        access.authorize(caller.user(), command);
        Optional<IdempotencyKey> key = IdempotencyKey.of(request);
        if (key.isEmpty()) {
            return send(command, MetaData.emptyInstance(), status, resource, render, null);
        }
        RequestFingerprint fingerprint = RequestFingerprint.of(request, json, sortedJson);
        ResponseEntity<Object> replay = replay(key.get(), fingerprint, resource, render);
        if (replay != null) {
            return replay;
        }
        IdempotencyClaim claim = new IdempotencyClaim(caller.id(), key.get(), fingerprint, status.value(), resource);
        try {
            return send(command, MetaData.with(IdempotencyClaim.METADATA_KEY, claim), status, resource, render, claim);
        } catch (RuntimeException e) {
            if (Causes.find(e, DataIntegrityViolationException.class) == null
                    && Causes.find(e, PessimisticLockingFailureException.class) == null) {
                throw e;
            }
            // Another request with this key won the race; answer as it did.
            ResponseEntity<Object> raced = replay(key.get(), fingerprint, resource, render);
            if (raced != null) {
                return raced;
            }
            throw ApiProblem.conflict("A request with this Idempotency-Key is still being handled; retry shortly.");
        }
    }

    /** Send, await, render: the write itself, once it is known not to be a retry. */
    private <R extends ResourceRef> ResponseEntity<Object> send(ProjectCommand command, MetaData metaData,
                                                                HttpStatus status, R resource,
                                                                Function<? super R, Object> render,
                                                                IdempotencyClaim claim) {
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
                records.saveAnswer(claim, toJson(body));
            }
            return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
        } catch (RuntimeException e) {
            log.warn("{} was stored, but its answer could not be read back; answered as pending",
                    command.getClass().getSimpleName(), e);
            return pending;
        }
    }

    /** The first answer to this key, or null if the key is new. */
    private <R extends ResourceRef> ResponseEntity<Object> replay(IdempotencyKey key, RequestFingerprint request,
                                                                  R resource, Function<? super R, Object> render) {
        Optional<StoredWrite> found = records.find(caller.id(), key);
        if (found.isEmpty()) {
            return null;
        }
        StoredWrite stored = found.get();
        if (!stored.request().sameRoute(request)) {
            throw ApiProblem.invalid(IdempotencyKey.HEADER, "This Idempotency-Key was already used for another request ("
                    + stored.request().method() + " " + stored.request().path() + "); use a new key.");
        }
        if (!stored.request().bodySha256().equals(request.bodySha256())) {
            throw ApiProblem.invalid(IdempotencyKey.HEADER,
                    "This Idempotency-Key was already used with a different body; use a new key.");
        }
        Object body;
        if (stored.answerJson() != null) {
            body = readJson(stored.answerJson());
        } else {
            // Booked, but the answer is not saved yet (the first request is still answering, or the
            // service stopped right after the commit, or the read models were behind): render it once
            // the read models show it, and until then answer that it is pending.
            String projectId = projectOf(request.path());
            boolean visible = readYourWrites.awaitProjection(-1, readYourWrites.head())
                    && (projectId == null || !parked.isParked(projectId));
            body = visible ? render.apply(sameKind(resource, stored.resource()))
                    : stored.resource() != null ? PendingWrite.of(stored.resource()) : PendingWrite.inProject(projectId);
        }
        metrics.idempotentReplay();
        return ResponseEntity.status(stored.status()).contentType(MediaType.APPLICATION_JSON)
                .header("Idempotent-Replayed", "true").body(body);
    }

    /**
     * The stored resource, as the kind this route renders. One route always stores one kind, and a
     * replay is of the same route, so another kind means a stored record this code cannot read.
     */
    @SuppressWarnings("unchecked")
    private static <R extends ResourceRef> R sameKind(R expected, ResourceRef stored) {
        if (!expected.getClass().isInstance(stored)) {
            throw new IllegalStateException("A stored " + stored + " where this route stores a "
                    + expected.getClass().getSimpleName());
        }
        return (R) stored;
    }

    /** The project a write's path names ({@code /api/projects/{projectId}/...}), or null. */
    private static String projectOf(String path) {
        String[] parts = path.split("/");
        return parts.length > 4 && "api".equals(parts[1]) && "projects".equals(parts[2]) ? parts[3] : null;
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
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
