package org.armstrace.common.http;

/** Whether a bearer secret belongs to a working token (for the larger rate-limit budget of token owners). */
public interface TokenCheck {

    boolean isValid(String secret);
}
