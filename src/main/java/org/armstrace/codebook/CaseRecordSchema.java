package org.armstrace.codebook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import org.armstrace.common.http.Contract;
import org.armstrace.common.http.ContractSchemas;

/** The JSON Schema of a case record, built once from the contract's {@code CaseRecord}, so the two never disagree. */
@ApplicationScoped
public class CaseRecordSchema {

    private final JsonNode schema;

    public CaseRecordSchema(Contract contract) {
        ObjectNode standalone = ContractSchemas.standalone(
                contract, contract.schema("CaseRecord"), "/v1/codebook/schema", "ArmsTrace case record");
        // a published record holds exactly these fields (the contract leaves responses open for generators)
        standalone.put("additionalProperties", false);
        this.schema = standalone;
    }

    public JsonNode document() {
        return schema;
    }
}
