package org.armstrace.testing;

import io.restassured.RestAssured;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Registered for the whole suite (META-INF/services, autodetection on): every REST Assured request of
 * every test goes through {@link ContractValidationFilter}.
 */
public class ContractValidationExtension implements BeforeEachCallback {

    @Override
    public void beforeEach(ExtensionContext context) {
        if (!RestAssured.filters().contains(ContractValidationFilter.INSTANCE)) {
            RestAssured.filters(ContractValidationFilter.INSTANCE);
        }
    }
}
