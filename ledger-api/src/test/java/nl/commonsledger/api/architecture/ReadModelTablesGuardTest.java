package nl.commonsledger.api.architecture;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ledger-api reads the read models only through ledger-projections' query classes: those know which
 * generation serves (it switches after a rebuild), how a row maps to a view, and own the tables'
 * SQL beside the projector that writes them. So no main source file of ledger-api may name a
 * read-model table ({@code rm_…} or {@code rm2_…}) in a string; a query it needs is a method of a
 * {@code *Queries} class.
 */
class ReadModelTablesGuardTest {

    /** A read-model table's name inside a Java string literal. */
    private static final Pattern TABLE_IN_STRING = Pattern.compile("\"[^\"\\n]*\\brm2?_[a-z_]+");

    private static final Path MAIN = Path.of("src/main/java");

    @Test
    void noMainSourceOfLedgerApiNamesAReadModelTable() throws IOException {
        assertThat(MAIN).isDirectory();
        List<String> offenders = new ArrayList<>();
        int files;
        try (Stream<Path> sources = Files.walk(MAIN)) {
            List<Path> java = sources.filter(p -> p.toString().endsWith(".java")).toList();
            files = java.size();
            for (Path file : java) {
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    Matcher m = TABLE_IN_STRING.matcher(lines.get(i));
                    if (m.find()) {
                        offenders.add(MAIN.relativize(file) + ":" + (i + 1) + ": " + lines.get(i).strip());
                    }
                }
            }
        }
        assertThat(files).as("ledger-api's main sources were found").isGreaterThan(50);
        assertThat(offenders).as("SQL naming read-model tables in ledger-api (move it into a *Queries class)")
                .isEmpty();
    }

    @Test
    void thePatternFindsATableInSqlAndNotElsewhere() {
        assertThat(TABLE_IN_STRING.matcher("jdbc.query(\"SELECT x FROM rm_member WHERE y = ?\")").find()).isTrue();
        assertThat(TABLE_IN_STRING.matcher("String sql = \"UPDATE rm2_contribution SET\";").find()).isTrue();
        assertThat(TABLE_IN_STRING.matcher("long form_minor = 0; // \"perform_x\"").find()).isFalse();
        assertThat(TABLE_IN_STRING.matcher("String term = \"norm_x\";").find()).isFalse();
    }
}
