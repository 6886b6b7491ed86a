package nl.commonsledger.api.web;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.converter.json.AbstractJackson2HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The contract's "Text" rules for JSON bodies that Jackson does not enforce by itself (it reads
 * UTF-16 and UTF-32, skips a byte order mark, and decodes an escaped lone surrogate into a Java
 * string): a body must be UTF-8 without BOM, and no string or key may hold an unpaired surrogate,
 * because such text has no UTF-8 form and the digest chain (RFC 8785 hashes UTF-8) could not cover
 * it. Each is 400.
 * Duplicate keys and trailing tokens are refused by the request mapper itself ({@code LedgerJson}).
 */
@ControllerAdvice
public class StrictJsonBodies extends RequestBodyAdviceAdapter {

    private static final JsonFactory TOKENS = new JsonFactory();

    @Override
    public boolean supports(MethodParameter parameter, Type targetType,
                            Class<? extends HttpMessageConverter<?>> converterType) {
        return AbstractJackson2HttpMessageConverter.class.isAssignableFrom(converterType);
    }

    @Override
    public HttpInputMessage beforeBodyRead(HttpInputMessage input, MethodParameter parameter, Type targetType,
                                           Class<? extends HttpMessageConverter<?>> converterType) throws IOException {
        MediaType type = input.getHeaders().getContentType();
        if (type != null && type.getCharset() != null && !StandardCharsets.UTF_8.equals(type.getCharset())) {
            throw malformed("The request body must be UTF-8, not " + type.getCharset() + ".");
        }
        byte[] body;
        try {
            body = input.getBody().readAllBytes();
        } catch (BodyLimitFilter.BodyTooLarge e) {
            // As if the converter had read it: ProblemAdvice answers 413.
            throw new HttpMessageNotReadableException(e.getMessage(), e, input);
        }
        check(body);
        return new HttpInputMessage() {
            @Override
            public InputStream getBody() {
                return new ByteArrayInputStream(body);
            }

            @Override
            public HttpHeaders getHeaders() {
                return input.getHeaders();
            }
        };
    }

    static void check(byte[] body) throws IOException {
        if (body.length >= 3 && (body[0] & 0xFF) == 0xEF && (body[1] & 0xFF) == 0xBB && (body[2] & 0xFF) == 0xBF) {
            throw malformed("The request body starts with a byte order mark; send UTF-8 without one.");
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body));
        } catch (CharacterCodingException e) {
            throw malformed("The request body is not valid UTF-8.");
        }
        // A NUL byte is valid UTF-8 but never valid JSON; it is how UTF-16 and UTF-32 bodies look.
        for (byte b : body) {
            if (b == 0) {
                throw malformed("The request body is not UTF-8 JSON (it holds NUL bytes, as UTF-16 would).");
            }
        }
        try (JsonParser parser = TOKENS.createParser(body)) {
            for (JsonToken t = parser.nextToken(); t != null; t = parser.nextToken()) {
                if ((t == JsonToken.VALUE_STRING || t == JsonToken.FIELD_NAME) && unpairedSurrogate(parser.getText())) {
                    throw malformed("A string in the request body holds an unpaired surrogate (U+D800 to U+DFFF without"
                            + " its pair), which is not text.");
                }
            }
        } catch (JsonProcessingException e) {
            // Not JSON at all: the message converter refuses it with its own answer (400).
        }
    }

    static boolean unpairedSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    private static ApiProblem malformed(String message) {
        return ApiProblem.badRequest("body", message);
    }
}
