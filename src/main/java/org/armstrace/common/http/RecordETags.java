package org.armstrace.common.http;

import java.util.Arrays;
import java.util.List;
import org.armstrace.api.model.ProblemError;
import org.armstrace.common.error.ApiProblem;
import org.armstrace.common.error.ProblemType;

/**
 * ETags of records ({@code "v3"} for version 3) and the {@code If-Match} rule of writes: required
 * (428 without it), compared strongly with the current version (412 when stale).
 */
public final class RecordETags {

    private RecordETags() {}

    public static String of(int version) {
        return entityTag(version, false).toString();
    }

    /** The record's entity tag: strong for curation (If-Match), weak on public answers (they may be compressed). */
    public static jakarta.ws.rs.core.EntityTag entityTag(int version, boolean weak) {
        return new jakarta.ws.rs.core.EntityTag("v" + version, weak);
    }

    /** Refuses the write unless {@code ifMatch} names the record's current version. */
    public static void requireCurrent(String ifMatch, int currentVersion) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
            throw new ApiProblem(
                    ProblemType.PRECONDITION_REQUIRED,
                    "Send If-Match with the record's ETag, so that no one's change is overwritten.",
                    List.of(error("required", "is required and must carry the record's ETag")));
        }
        String current = of(currentVersion);
        List<String> tags = Arrays.stream(ifMatch.split(",")).map(String::strip).toList();
        if (!tags.contains(current)) {
            throw new ApiProblem(
                    ProblemType.PRECONDITION_FAILED,
                    "The record is at " + current + ", not " + ifMatch.strip()
                            + ". Read it again and reapply your change.",
                    List.of(error("current_version", "the record is at " + current)));
        }
    }

    private static ProblemError error(String rule, String detail) {
        return ApiProblem.error("If-Match", ProblemError.InEnum.HEADER, rule, detail);
    }
}
