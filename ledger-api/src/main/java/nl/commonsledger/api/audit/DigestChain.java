package nl.commonsledger.api.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.erdtman.jcs.JsonCanonicalizer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The digest chain of the contract, in one place:
 * {@code digest_n = sha256_hex(digest_{n-1} + "\n" + C(e_n))}, with {@code digest_{-1}} 64 zeros and
 * {@code C(e)} the RFC 8785 canonical JSON (UTF-8) of {@code {sequence, type, recordedAt, recordedBy,
 * payload}} exactly as {@code /events} shows them. An auditor can recompute it with any SHA-256.
 */
public final class DigestChain {

    public static final String GENESIS = "0".repeat(64);
    private static final ObjectMapper JSON = new ObjectMapper();

    private DigestChain() {
    }

    public static String next(String previous, EventHistory.Event event) {
        return link(previous, canonical(event));
    }

    /** The digest that follows {@code previous} for an event whose canonical JSON is {@code canonical}. */
    public static String link(String previous, String canonical) {
        return sha256Hex(previous + "\n" + canonical);
    }

    /** RFC 8785 canonical JSON of the hashed fields of an event (its digest is not part of it). */
    public static String canonical(EventHistory.Event event) {
        try {
            String json = JSON.writeValueAsString(event.withDigest(null));
            return new JsonCanonicalizer(json).getEncodedString();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new IllegalStateException("event is not canonicalisable JSON", e);
        }
    }

    public static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
