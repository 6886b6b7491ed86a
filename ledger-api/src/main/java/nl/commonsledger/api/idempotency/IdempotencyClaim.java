package nl.commonsledger.api.idempotency;

/**
 * A caller's claim on an Idempotency-Key, travelling with its command as metadata so that it is
 * stored in the same transaction as the events (see {@link IdempotencyInterceptor}).
 */
public record IdempotencyClaim(String caller, String key, String method, String path, String requestHash,
                               int status, String resource) {

    public static final String METADATA_KEY = "idempotencyClaim";
}
