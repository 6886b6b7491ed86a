package nl.commonsledger.api.board;

import com.fasterxml.jackson.databind.JsonNode;
import nl.commonsledger.api.http.ApiTestBase;
import nl.commonsledger.api.http.support.Http;
import nl.commonsledger.api.http.support.Http.Response;
import nl.commonsledger.api.http.support.RequiresPrograms;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static nl.commonsledger.api.http.support.Ledger.base;
import static nl.commonsledger.api.http.support.Ledger.json;
import static nl.commonsledger.api.http.support.Ledger.quarter;
import static nl.commonsledger.api.http.support.Ledger.uid;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The board page in a real browser: Debian's Chromium, headless, through chromedriver, signed in as
 * a board member with HTTP Basic. Outside CI a machine without Chromium skips this test and says so;
 * in CI ({@code CI=true}, where {@code .ci/run} installs both) a missing browser fails the build.
 */
@RequiresPrograms({"/usr/bin/chromium", "/usr/bin/chromedriver"})
class BoardPageBrowserTest extends ApiTestBase {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String PASSWORD = "a-long-enough-test-password";
    private static final List<String> FIELDS = List.of("openingBalance", "contributed.MONEY", "contributed.HOURS",
            "contributed.CODE", "contributed.total", "fairShare", "settlementsPaid", "settlementsReceived",
            "closingBalance");

    private ChromeDriver browser;
    private Path profile;

    /** Starts headless Chromium (present: {@link RequiresPrograms} skipped or failed the class otherwise). */
    private void startBrowser() throws Exception {
        profile = Files.createTempDirectory("chromium-profile");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().window().setSize(new Dimension(1366, 1300));
    }

    @AfterEach
    void close() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    private String user(String role, String organisation, List<String> projects) {
        String username = uid("board-" + role.toLowerCase());
        Response r = http.post("/api/users", json("username", username, "password", PASSWORD,
                "roles", List.of(role), "organisation", organisation, "projects", projects));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return username;
    }

    /** Signs the browser in with HTTP Basic on every request it makes, the page's own fetches included. */
    private void signIn(String username) {
        browser.executeCdpCommand("Network.enable", Map.of());
        browser.executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers", Map.of("Authorization",
                "Basic " + Base64.getEncoder().encodeToString((username + ":" + PASSWORD)
                        .getBytes(StandardCharsets.UTF_8)))));
    }

    private void waitUntilShown(String period) {
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> {
            WebElement body = d.findElement(By.tagName("body"));
            String error = d.findElement(By.id("error")).getText();
            if (!error.isEmpty()) {
                throw new AssertionError("the page shows an error: " + error);
            }
            return "true".equals(body.getAttribute("data-ready"))
                    && period.equals(d.findElement(By.id("statement-period")).getText());
        });
    }

    /** A file the browser saves, once it is complete. */
    private static byte[] downloaded(Path file) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (!Files.exists(file) && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertThat(file).as("downloaded by the browser").exists();
        return Files.readAllBytes(file);
    }

    private static String figure(JsonNode line, String name) {
        JsonNode n = line;
        for (String part : name.split("\\.")) {
            n = n.path(part);
        }
        return n.asText();
    }

    /** The page's statement table against the API's statement, figure by figure. */
    private void assertTableShows(JsonNode statement) {
        List<WebElement> rows = browser.findElements(By.cssSelector("#statement tbody tr"));
        List<String> members = new ArrayList<>();
        rows.forEach(r -> members.add(r.getAttribute("data-member")));
        assertThat(members).isEqualTo(statement.path("members").findValuesAsText("memberId"));
        for (JsonNode m : statement.path("members")) {
            WebElement row = browser.findElement(By.cssSelector("#statement tbody tr[data-member='"
                    + m.path("memberId").asText() + "']"));
            for (String f : FIELDS) {
                assertThat(row.findElement(By.cssSelector("[data-field='" + f + "']")).getText())
                        .as("%s %s", m.path("memberId").asText(), f).isEqualTo(figure(m, f));
            }
        }
        WebElement total = browser.findElement(By.cssSelector("#statement tfoot tr"));
        for (String f : FIELDS.subList(1, 8)) {
            assertThat(total.findElement(By.cssSelector("[data-field='" + f + "']")).getText()).as("TOTAL %s", f)
                    .isEqualTo(figure(statement.path("totals"), f));
        }
        assertThat(browser.findElement(By.id("statement-status")).getText()).isEqualTo(statement.path("status").asText());
        assertThat(browser.findElement(By.id("statement-digest")).getText())
                .isEqualTo(statement.has("digest") ? statement.path("digest").asText() : "none yet");
        assertThat(browser.findElement(By.id("statement-total-value")).getText())
                .isEqualTo(statement.path("totalValue").asText());
        // The balance chart has a bar per member (ECharts draws SVG paths).
        assertThat(browser.findElements(By.cssSelector("#balance-chart svg path")).size())
                .isGreaterThanOrEqualTo(statement.path("members").size());
    }

    @Test
    void aBoardMemberReviewsClosedAndOpenQuartersWithTheApisFigures() throws Exception {
        startBrowser();
        String p = api.projectWith("board", List.of("gm0363", "gm0518", "gm0599"), "developer", "95.00");
        LocalDate b = base();
        String q0 = quarter(b);
        String q1 = quarter(b.plusMonths(3));
        api.money(p, "gm0363", "12000.00", b.plusDays(3), "INV-1");
        api.hours(p, "gm0518", "HOURS", "40", "developer", b.plusDays(4), null);
        api.hours(p, "gm0599", "CODE", "12.5", "developer", b.plusDays(5), "MR-1");
        assertThat(http.post("/api/projects/" + p + "/settlements", json("from", "gm0599", "to", "gm0363",
                "amount", "2500.00", "date", b.plusDays(6))).status()).isEqualTo(201);
        assertThat(http.post("/api/projects/" + p + "/periods/" + q0 + "/close", "").status()).isEqualTo(200);
        api.money(p, "gm0518", "3100.50", b.plusMonths(3).plusDays(2), "INV-2");
        String board = user("BOARD", null, List.of(p));
        Http asBoard = http.as(board, PASSWORD);

        signIn(board);
        String page = "http://localhost:" + port + "/board/" + p;
        browser.get(page);
        // With no quarter asked for, the page opens on the latest closed one.
        waitUntilShown(q0);
        assertThat(browser.findElement(By.id("project-id")).getText()).isEqualTo(p);
        assertTableShows(asBoard.get("/api/projects/" + p + "/periods/" + q0 + "/statement").json());
        List<String> suggested = new ArrayList<>();
        asBoard.get("/api/projects/" + p + "/settlements/suggested").json().path("transfers")
                .forEach(t -> suggested.add(t.path("amount").asText()));
        List<WebElement> shown = browser.findElements(By.cssSelector("#suggestions li"));
        assertThat(shown).hasSize(suggested.size());
        for (int i = 0; i < suggested.size(); i++) {
            assertThat(shown.get(i).getText()).contains(" " + suggested.get(i) + " EUR");
        }
        assertThat(browser.findElement(By.id("download-pdf")).getAttribute("href"))
                .endsWith("/api/projects/" + p + "/periods/" + q0 + "/statement");
        Files.createDirectories(Path.of("target"));
        Files.write(Path.of("target", "board-page.png"), browser.getScreenshotAs(OutputType.BYTES));

        // The download links fetch the statement with the Accept header a plain link cannot send.
        Path downloads = Files.createDirectories(profile.resolve("downloads"));
        browser.executeCdpCommand("Page.setDownloadBehavior", Map.of("behavior", "allow",
                "downloadPath", downloads.toString()));
        browser.findElement(By.id("download-pdf")).click();
        byte[] pdf = downloaded(downloads.resolve(p + "-" + q0 + "-statement.pdf"));
        assertThat(new String(pdf, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        browser.findElement(By.id("download-csv-nl")).click();
        String csv = new String(downloaded(downloads.resolve(p + "-" + q0 + "-statement.csv")), StandardCharsets.UTF_8);
        assertThat(csv).isEqualTo(asBoard.get("/api/projects/" + p + "/periods/" + q0 + "/statement?csv=nl",
                "Accept", "text/csv").body());
        assertThat(csv).startsWith("\uFEFFmemberId;openingBalance;");

        // Switching quarters shows the open quarter's provisional statement.
        new Select(browser.findElement(By.id("period"))).selectByValue(q1);
        waitUntilShown(q1);
        assertTableShows(asBoard.get("/api/projects/" + p + "/periods/" + q1 + "/statement").json());
        assertThat(browser.findElement(By.id("statement-status")).getText()).isEqualTo("OPEN");
        Files.write(Path.of("target", "board-page-open-quarter.png"), browser.getScreenshotAs(OutputType.BYTES));

        // Nothing came from anywhere but the ledger itself.
        @SuppressWarnings("unchecked")
        List<String> loaded = (List<String>) browser.executeScript(
                "return performance.getEntriesByType('resource').map(e => e.name)");
        assertThat(loaded).isNotEmpty().allSatisfy(url -> assertThat(url).startsWith("http://localhost:" + port + "/"));
        assertThat(loaded).anySatisfy(url -> assertThat(url).contains("/webjars/echarts/"));
    }

    @Test
    void theSameSignInAndVisibilityAsTheApi() {
        String p = api.projectWith("board-vis", List.of("gm0001"));
        String outsider = user("FINANCE", "gm9999", null);
        Response page = http.as(user("AUDITOR", null, List.of(p)), PASSWORD).get("/board/" + p);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body()).doesNotContain("https://").doesNotContain("http://");
        assertThat(http.as(outsider, PASSWORD).get("/board/" + p).status()).as("invisible project").isEqualTo(404);
        assertThat(http.get("/board/no-such-" + System.nanoTime()).status()).isEqualTo(404);
        assertThat(http.as(null, null).get("/board/" + p).status()).isEqualTo(401);
    }
}
