package org.armstrace.testing;

import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.restassured.response.ValidatableResponse;

/** The one shape every error answer has (RFC 9457), asserted the same way everywhere. */
public final class ProblemAssertions {

    private ProblemAssertions() {}

    /** Asserts a problem answer of the given status and type, and returns it for more checks. */
    public static ValidatableResponse assertProblem(ValidatableResponse response, int status, String type) {
        ValidatableResponse checked = response.statusCode(status)
                .contentType(startsWith("application/problem+json"))
                .body("type", equalTo("/problems/" + type))
                .body("title", not(emptyOrNullString()))
                .body("status", equalTo(status))
                .body("detail", not(emptyOrNullString()))
                .body("errors", notNullValue());
        String body = checked.extract().asString();
        assertFalse(
                body.contains("Exception") || body.contains("org.armstrace") || body.contains("\tat "),
                "a problem answer must not leak internals: " + body);
        return checked;
    }

    /** Asserts a problem answer naming the given parameter or field with the given rule. */
    public static ValidatableResponse assertProblemNames(
            ValidatableResponse response, int status, String type, String name, String rule) {
        return assertProblem(response, status, type)
                .body("errors.findAll { it.name == '" + name + "' }.rule", hasItem(rule));
    }

    /** Asserts a problem answer naming the given parameter or field, whatever the rule. */
    public static ValidatableResponse assertProblemNames(
            ValidatableResponse response, int status, String type, String name) {
        return assertProblem(response, status, type).body("errors.name", hasItem(name));
    }
}
