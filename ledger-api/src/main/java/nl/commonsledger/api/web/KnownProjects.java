package nl.commonsledger.api.web;

import nl.commonsledger.projections.project.ProjectQueries;
import org.springframework.stereotype.Component;

/** The one check that a project in a path exists, with the one sentence that says it does not. */
@Component
public class KnownProjects {

    private final ProjectQueries projects;

    public KnownProjects(ProjectQueries projects) {
        this.projects = projects;
    }

    public void require(String projectId) {
        if (!projects.exists(projectId)) {
            throw ApiProblem.noSuchProject(projectId);
        }
    }
}
