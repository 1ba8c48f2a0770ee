package org.armstrace.testing;

import java.util.List;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Registered for the whole suite (META-INF/services, autodetection on): every REST Assured request of
 * every test goes through {@link ContractValidationFilter}.
 *
 * <p>JUnit loads this extension with the application class loader, but a {@code @QuarkusTest} class and
 * the REST Assured it calls are loaded by Quarkus's class loader: the filter is registered with the
 * REST Assured of the test class's own class loader, or it would never see a response.
 */
public class ContractValidationExtension implements BeforeEachCallback {

    @Override
    public void beforeEach(ExtensionContext context) throws ReflectiveOperationException {
        ClassLoader loader = context.getRequiredTestClass().getClassLoader();
        Class<?> restAssured = Class.forName("io.restassured.RestAssured", true, loader);
        Object filter = Class.forName(ContractValidationFilter.class.getName(), true, loader)
                .getField("INSTANCE")
                .get(null);
        List<?> filters = (List<?>) restAssured.getMethod("filters").invoke(null);
        if (!filters.contains(filter)) {
            restAssured.getMethod("filters", List.class).invoke(null, List.of(filter));
        }
    }
}
