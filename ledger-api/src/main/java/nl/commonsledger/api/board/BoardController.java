package nl.commonsledger.api.board;

import nl.commonsledger.api.security.AccessPolicy;
import nl.commonsledger.api.security.CurrentUser;
import nl.commonsledger.api.web.ApiProblem;
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
 * sign-in), served only to users who may see the project. The route is outside {@code /api}, so it
 * asks the access policy itself; a project the user may not see does not exist for it (404).
 */
@Controller
public class BoardController {

    private static final Resource PAGE = new ClassPathResource("board/board.html");

    private final AccessPolicy policy;
    private final CurrentUser currentUser;
    private final KnownProjects knownProjects;

    public BoardController(AccessPolicy policy, CurrentUser currentUser, KnownProjects knownProjects) {
        this.policy = policy;
        this.currentUser = currentUser;
        this.knownProjects = knownProjects;
    }

    @GetMapping("/board/{projectId}")
    public ResponseEntity<Resource> page(@PathVariable String projectId) {
        if (!policy.maySee(currentUser.require(), projectId)) {
            throw ApiProblem.noSuchProject(projectId);
        }
        knownProjects.require(projectId);
        return ResponseEntity.ok().contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8)).cacheControl(CacheControl.noStore()).body(PAGE);
    }
}
