package io.stocklab.server.platform.security;

/** What an account may do. {@code ADMIN} adds the admin API to everything a {@code USER} can do. */
public enum Role {
    USER,
    ADMIN;

    /** The Spring Security authority of this role. */
    public String authority() {
        return "ROLE_" + name();
    }
}
