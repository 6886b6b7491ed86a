package nl.commonsledger.api.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.erdtman.jcs.JsonCanonicalizer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RFC 8785 (JSON Canonicalization Scheme) as the service computes it: the canonicaliser it uses
 * against the RFC's own examples, and {@link DigestChain} against a digest worked out by hand.
 */
class CanonicalJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static String jcs(String json) throws Exception {
        return new JsonCanonicalizer(json).getEncodedString();
    }

    /** RFC 8785 section 3.2.2, the "Sample" (written with ~ for a backslash, to keep Java's escapes out of it). */
    @Test
    void theRfcSample() throws Exception {
        String input = """
                {
                  "numbers": [333333333.33333329, 1E30, 4.50,
                              2e-3, 0.000000000000000000000000001],
                  "string": "~u20ac$~u000F~u000aA'~u0042~u0022~u005c~~~"~/",
                  "literals": [null, true, false]
                }""".replace('~', '\\');
        String expected = "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
                + "\"string\":\"\u20ac$~u000f~nA'B~\"~~~~~\"/\"}".replace('~', '\\');
        assertThat(jcs(input)).isEqualTo(expected);
        // Section 3.2.4: the UTF-8 of that output, byte for byte.
        String hex = "7b226c69746572616c73223a5b6e756c6c2c747275652c66616c73655d2c226e756d62657273223a5b3333"
                + "333333333333332e333333333333332c31652b33302c342e352c302e3030322c31652d32375d2c22737472696e6722"
                + "3a22e282ac245c75303030665c6e4127425c225c5c5c5c5c222f227d";
        assertThat(HexFormat.of().formatHex(new JsonCanonicalizer(input).getEncodedUTF8())).isEqualTo(hex);
        assertThat(new JsonCanonicalizer(input).getEncodedUTF8()).isEqualTo(expected.getBytes(StandardCharsets.UTF_8));
    }

    /** RFC 8785 section 3.2.3: properties sorted by their UTF-16 code units, recursively, not by code points. */
    @Test
    void propertiesSortedByUtf16CodeUnits() throws Exception {
        String input = """
                {
                  "~u20ac": "Euro Sign",
                  "~r": "Carriage Return",
                  "~ufb33": "Hebrew Letter Dalet With Dagesh",
                  "1": "One",
                  "~ud83d~ude00": "Emoji: Grinning Face",
                  "~u0080": "Control",
                  "~u00f6": "Latin Small Letter O With Diaeresis"
                }""".replace('~', '\\');
        String canonical = jcs(input);
        Map<String, String> order = new LinkedHashMap<>();
        JSON.readTree(canonical).fields().forEachRemaining(e -> order.put(e.getKey(), e.getValue().asText()));
        assertThat(order.values()).containsExactly("Carriage Return", "One", "Control",
                "Latin Small Letter O With Diaeresis", "Euro Sign", "Emoji: Grinning Face",
                "Hebrew Letter Dalet With Dagesh");
        assertThat(canonical).isEqualTo("{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\","
                + "\"\u00f6\":\"Latin Small Letter O With Diaeresis\",\"\u20ac\":\"Euro Sign\","
                + "\"\ud83d\ude00\":\"Emoji: Grinning Face\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}");

        // Nested objects are sorted too; arrays keep their order; white space goes.
        assertThat(jcs("{ \"b\" : [ 3 , {\"z\":1, \"a\":2} ], \"a\" : { \"d\" : null, \"c\" : \"x\" } }"))
                .isEqualTo("{\"a\":{\"c\":\"x\",\"d\":null},\"b\":[3,{\"a\":2,\"z\":1}]}");
    }

    /** RFC 8785 appendix B: numbers as ECMAScript writes them (IEEE 754 bits → JSON text). */
    @Test
    void numbersAsEcmaScriptWritesThem() throws Exception {
        String[][] table = {
                {"0000000000000000", "0"},
                {"8000000000000000", "0"},
                {"0000000000000001", "5e-324"},
                {"8000000000000001", "-5e-324"},
                {"7fefffffffffffff", "1.7976931348623157e+308"},
                {"ffefffffffffffff", "-1.7976931348623157e+308"},
                {"4340000000000000", "9007199254740992"},
                {"c340000000000000", "-9007199254740992"},
                {"4430000000000000", "295147905179352830000"},
                {"44b52d02c7e14af5", "9.999999999999997e+22"},
                {"44b52d02c7e14af6", "1e+23"},
                {"44b52d02c7e14af7", "1.0000000000000001e+23"},
                {"444b1ae4d6e2ef4e", "999999999999999700000"},
                {"444b1ae4d6e2ef4f", "999999999999999900000"},
                {"444b1ae4d6e2ef50", "1e+21"},
                {"3eb0c6f7a0b5ed8c", "9.999999999999997e-7"},
                {"3eb0c6f7a0b5ed8d", "0.000001"},
                {"41b3de4355555553", "333333333.3333332"},
                {"41b3de4355555554", "333333333.33333325"},
                {"41b3de4355555555", "333333333.3333333"},
                {"41b3de4355555556", "333333333.3333334"},
                {"41b3de4355555557", "333333333.33333343"},
                {"becbf647612f3696", "-0.0000033333333333333333"},
                {"43143ff3c1cb0959", "1424953923781206.2"},
        };
        for (String[] row : table) {
            double d = Double.longBitsToDouble(Long.parseUnsignedLong(row[0], 16));
            assertThat(jcs("[" + Double.toString(d) + "]")).as("%s (%s)", row[0], d).isEqualTo("[" + row[1] + "]");
        }
    }

    /** The digest chain's canonical form of an event: the five hashed fields, sorted, compact, digest left out. */
    @Test
    void digestChainHashesTheCanonicalFormOfAnEvent() throws Exception {
        JsonNode payload = JSON.readTree("""
                {"projectId":"p1","memberId":"a","kind":"MONEY","amount":"1250.00","hours":null,
                 "description":"Caf\\u00e9 \\"quoted\\" \\\\ \\u20ac\\n"}""");
        EventHistory.Event event = new EventHistory.Event(7, "ContributionRecorded", "2026-04-05T10:00:00.120Z",
                "ann@acme", payload, "0123");
        String expected = "{\"payload\":{\"amount\":\"1250.00\",\"description\":\"Caf\u00e9 \\\"quoted\\\" \\\\ \u20ac\\n\","
                + "\"hours\":null,\"kind\":\"MONEY\",\"memberId\":\"a\",\"projectId\":\"p1\"},"
                + "\"recordedAt\":\"2026-04-05T10:00:00.120Z\",\"recordedBy\":\"ann@acme\",\"sequence\":7,"
                + "\"type\":\"ContributionRecorded\"}";
        assertThat(DigestChain.canonical(event)).isEqualTo(expected);
        assertThat(DigestChain.canonical(event.withDigest(null))).isEqualTo(expected);
        // The independent canonicalisation of the API tests agrees.
        assertThat(AuditSupport.canonical(JSON.valueToTree(event))).isEqualTo(expected);

        assertThat(DigestChain.GENESIS).isEqualTo(AuditSupport.GENESIS);
        // FIPS 180-2 test vector, then the chain step written out.
        assertThat(DigestChain.sha256Hex("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        String first = DigestChain.next(DigestChain.GENESIS, event);
        assertThat(first).isEqualTo(AuditSupport.sha256Hex(AuditSupport.GENESIS + "\n" + expected)).matches("[0-9a-f]{64}");
        assertThat(DigestChain.next(first, event)).isEqualTo(AuditSupport.sha256Hex(first + "\n" + expected));
        // One character anywhere changes it.
        EventHistory.Event other = new EventHistory.Event(7, "ContributionRecorded", "2026-04-05T10:00:00.121Z",
                "ann@acme", payload, "0123");
        assertThat(DigestChain.next(DigestChain.GENESIS, other)).isNotEqualTo(first);
    }
}
