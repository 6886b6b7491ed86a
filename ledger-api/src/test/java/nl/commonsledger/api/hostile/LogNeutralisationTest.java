package nl.commonsledger.api.hostile;

import nl.commonsledger.api.http.ApiTestBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Values from a request reach the log without any control or line-separator character: a user name
 * with ANSI escapes, U+2028, U+0085 or a carriage return shows as one plain line; no header value
 * (not even a refused Idempotency-Key) is logged.
 */
@ExtendWith(OutputCaptureExtension.class)
class LogNeutralisationTest extends ApiTestBase {

    @Test
    void controlCharactersInAUserNameAreNeutralised(CapturedOutput output) {
        RawHttp raw = new RawHttp(port);
        String marker = UUID.randomUUID().toString().substring(0, 8);
        for (String trick : List.of("\u001b[31mred\u001b[0m", "line\u2028sep", "next\u0085line", "para\u2029x",
                "cr\rreturn", "del\u007fx", "csi\u009bx", "nul\u0000x")) {
            String name = marker + trick;
            raw.send("GET", "/api/users/me", null, "Authorization: " + RawHttp.basic(name, "wrong-password"));
        }
        String log = output.getAll();
        List<String> lines = log.lines().filter(l -> l.contains(marker)).toList();
        assertThat(lines).as("one log line per failed sign-in").hasSize(8);
        for (String line : lines) {
            assertThat(line).as(line).doesNotContain("\u001b").doesNotContain("\u2028").doesNotContain("\u2029")
                    .doesNotContain("\u0085").doesNotContain("\r").doesNotContain("\u007f").doesNotContain("\u009b")
                    .doesNotContain("\u0000");
        }
        assertThat(log).contains(marker + "_[31mred_[0m").contains(marker + "line_sep").contains(marker + "next_line");
    }

    @Test
    void refusedHeaderValuesAreNotLogged(CapturedOutput output) {
        String key = "caf\u00e9-" + UUID.randomUUID();
        RawHttp raw = new RawHttp(port);
        raw.send("POST", "/api/projects", ("{\"projectId\":\"logged-" + UUID.randomUUID().toString().substring(0, 8)
                + "\",\"name\":\"x\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8), "Authorization: " + RawHttp.basic("admin",
                nl.commonsledger.api.http.support.Http.ADMIN_PASSWORD), "Content-Type: application/json",
                "Idempotency-Key: " + key);
        String marker = UUID.randomUUID().toString();
        raw.send("GET", "/api/projects", null, "X-Trace: " + marker, "User-Agent: " + marker);
        String log = output.getAll();
        assertThat(log).doesNotContain(key.substring(5)).doesNotContain(marker);
    }
}
