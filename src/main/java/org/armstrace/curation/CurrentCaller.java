package org.armstrace.curation;

import jakarta.enterprise.context.RequestScoped;
import org.armstrace.api.model.Role;
import org.armstrace.common.error.ApiProblem;
import org.armstrace.common.error.ProblemType;

/** The authenticated caller of the current request, set by {@link AuthFilter}. */
@RequestScoped
public class CurrentCaller {

    private Caller caller;

    void set(Caller caller) {
        this.caller = caller;
    }

    public Caller get() {
        if (caller == null) {
            throw new IllegalStateException("no authenticated caller on this request");
        }
        return caller;
    }

    /** Refuses (403) unless the caller's role is at least {@code needed}; {@code what} says what needs it. */
    public Caller require(Role needed, String what) {
        Caller c = get();
        if (!c.hasAtLeast(needed)) {
            throw new ApiProblem(ProblemType.FORBIDDEN, what + " needs the " + needed + " role; this token is a "
                    + c.role() + "'s.");
        }
        return c;
    }
}
