package nl.commonsledger.api.write;

/**
 * A caller's claim on an Idempotency-Key, travelling with its command as metadata so that it is
 * stored in the same transaction as the events (see {@link IdempotencyInterceptor}).
 */
public record IdempotencyClaim(String caller, IdempotencyKey key, RequestFingerprint request, int status,
                               ResourceRef resource) {

    public static final String METADATA_KEY = "idempotencyClaim";
}
