package nl.commonsledger.api.board;

import nl.commonsledger.api.security.Access;
import nl.commonsledger.api.security.Operation;
import nl.commonsledger.api.web.KnownProjects;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The board page of a project: a static page (its script reads the API's JSON with the browser's own
 * sign-in), served only to users who may see the project: it declares READ like every read of a
 * project, so a project the user may not see does not exist for it (404).
 */
@Controller
public class BoardController {

    private static final Resource PAGE = new ClassPathResource("board/board.html");

    private final KnownProjects knownProjects;

    public BoardController(KnownProjects knownProjects) {
        this.knownProjects = knownProjects;
    }

    @Access(Operation.READ)
    @GetMapping("/board/{projectId}")
    public ResponseEntity<Resource> page(@PathVariable String projectId) {
        knownProjects.require(projectId);
        return ResponseEntity.ok().contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8)).cacheControl(CacheControl.noStore()).body(PAGE);
    }
}
