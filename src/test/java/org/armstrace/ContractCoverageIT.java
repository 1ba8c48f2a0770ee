package org.armstrace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.armstrace.testing.ContractCoverage;
import org.armstrace.testing.ContractOperations;
import org.armstrace.testing.ContractOperations.Operation;
import org.junit.jupiter.api.Test;

/**
 * Every operation of the contract, and every status it declares, is exercised by the API tests: the
 * contract filter records each (operationId, status) it validated in {@link ContractCoverage#FILE}, and
 * this test (run by failsafe, after every surefire test) lists the pairs never seen. The {@code default}
 * response is not a status and is not counted; nothing else is left out.
 */
class ContractCoverageIT {

    @Test
    void everyOperationAndEveryDeclaredStatusIsExercised() throws Exception {
        assertTrue(
                Files.exists(ContractCoverage.FILE),
                ContractCoverage.FILE + " is missing: the API tests write it; run the whole suite (./mvnw verify)");
        ContractCoverage.Seen seen = ContractCoverage.read();
        String run = System.getProperty(ContractCoverage.RUN_PROPERTY);
        if (run != null && !run.isBlank()) {
            assertEquals(run.strip(), seen.run(), ContractCoverage.FILE + " was written by another run of the suite");
        }
        List<String> missing = new ArrayList<>();
        int declared = 0;
        int unseen = 0;
        for (Operation operation : ContractOperations.load().all()) {
            List<Integer> never = new ArrayList<>();
            for (int status : operation.statuses()) {
                declared++;
                if (!seen.pairs().contains(operation.id() + " " + status)) {
                    never.add(status);
                    unseen++;
                }
            }
            if (never.size() == operation.statuses().size()) {
                missing.add(operation + ": never called (" + never + ")");
            } else if (!never.isEmpty()) {
                missing.add(operation + ": " + never);
            }
        }
        if (!missing.isEmpty()) {
            fail("The suite never exercises these operations and declared statuses (" + declared
                    + " pairs declared, " + (declared - unseen)
                    + " seen):\n  " + String.join("\n  ", missing));
        }
    }
}
