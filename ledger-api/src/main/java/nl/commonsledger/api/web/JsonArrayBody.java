package nl.commonsledger.api.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;

/** A request body that must be a JSON array of rows (an import, a member's books); anything else is 400. */
public final class JsonArrayBody {

    private JsonArrayBody() {
    }

    /** @param notAnArray what the body should have been, for the client who sent something else */
    public static JsonNode read(ObjectMapper json, byte[] body, String notAnArray) {
        JsonNode array;
        try {
            array = json.readTree(body);
        } catch (IOException e) {
            throw ApiProblem.badRequest("body", "The request body is not valid JSON.");
        }
        if (array == null || !array.isArray()) {
            throw ApiProblem.badRequest("body", notAnArray);
        }
        return array;
    }
}
