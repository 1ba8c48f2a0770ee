package org.armstrace.common.http;

import jakarta.ws.rs.NameBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the resources whose operations may take a large streamed body (curation, for its imports), so that {@link StreamedBodyLimit} counts
 * their bodies and no other request pays for the filter (JSON bodies are read with their own, smaller, bound).
 */
@NameBinding
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface StreamedBody {}
