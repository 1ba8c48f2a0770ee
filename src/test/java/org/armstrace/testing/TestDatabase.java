package org.armstrace.testing;

import io.quarkus.test.common.QuarkusTestResource;

/** Every {@code @QuarkusTest} of the suite runs against one embedded PostgreSQL started for the run. */
@QuarkusTestResource(value = EmbeddedPostgresResource.class, restrictToAnnotatedClass = false)
public final class TestDatabase {

    private TestDatabase() {}
}
