package dev.gridha.durability.compiler.model;

import java.util.List;
import java.util.Optional;

/**
 * How one update method's effect is made durable: SQL statements (database), repeating the call on the
 * backups, or shipping the serialized object (replication).
 *
 * @param parameterTypes the method's parameter types as written in the mapping, present only to pick one of
 *                       several overloads
 */
public record UpdateRule(String method, Optional<List<String>> parameterTypes, Kind kind, List<Sql> statements,
                         Position position) {

    public enum Kind { SQL, REPEAT, SERIALIZE }

    public UpdateRule {
        parameterTypes = parameterTypes.map(List::copyOf);
        statements = List.copyOf(statements);
    }
}
