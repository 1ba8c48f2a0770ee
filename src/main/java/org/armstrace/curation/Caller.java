package org.armstrace.curation;

import org.armstrace.api.model.Role;

/** Who is making a curation request: the token's id, name and role. */
public record Caller(long tokenId, String tokenName, Role role) {

    private static final java.util.List<Role> RANKS = java.util.List.of(Role.CURATOR, Role.EDITOR, Role.ADMIN);

    /** Whether this caller's role is {@code needed} or above it (curator < editor < admin). */
    public boolean hasAtLeast(Role needed) {
        return RANKS.indexOf(role) >= RANKS.indexOf(needed);
    }
}
