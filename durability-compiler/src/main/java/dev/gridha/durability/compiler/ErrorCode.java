package dev.gridha.durability.compiler;

/**
 * The durability compiler's diagnostics. Codes are stable: tools and people search for them, and each has
 * a compile-testing test. Never renumber; retire a code by leaving it unused.
 */
public enum ErrorCode {
    MAPPING_NOT_FOUND("DUR-001"),
    MAPPING_INVALID("DUR-002"),
    MAPPING_FOR_ANOTHER_SERVICE("DUR-003"),
    STATE_CLASS_NOT_FOUND("DUR-010"),
    STATE_CLASS_NOT_PROXYABLE("DUR-011"),
    UPDATE_METHOD_NOT_FOUND("DUR-012"),
    SQL_ARGUMENT_OUT_OF_RANGE("DUR-013"),
    METHOD_NOT_CLASSIFIED("DUR-014"),
    RULE_NOT_FOR_MECHANISM("DUR-015"),
    METHOD_BOTH_UPDATE_AND_READ_ONLY("DUR-016"),
    RECOVERY_CALL_MISMATCH("DUR-017"),
    OVERLOAD_AMBIGUOUS("DUR-018"),
    SQL_ACCESSOR_NOT_FOUND("DUR-019"),
    STATE_FACTORY_MISSING("DUR-020"),
    NOT_SERIALIZABLE("DUR-021"),
    UPDATE_METHOD_NOT_OVERRIDABLE("DUR-022"),
    SQL_PARAMETER_UNKNOWN("DUR-023"),
    READ_ONLY_METHOD_NOT_FOUND("DUR-024"),
    RECOVERY_NOT_FOR_MECHANISM("DUR-025"),
    ALTERNATIVE_MAPPING_MISMATCH("DUR-026"),
    INTERNAL_ERROR("DUR-999");

    private final String id;

    ErrorCode(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
