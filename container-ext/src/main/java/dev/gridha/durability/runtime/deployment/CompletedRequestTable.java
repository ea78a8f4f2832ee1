package dev.gridha.durability.runtime.deployment;

import java.util.List;

import dev.gridha.durability.runtime.CompletedRequests;
import dev.gridha.durability.runtime.database.DatabaseTransaction;
import dev.gridha.durability.runtime.database.NamedSql;
import dev.gridha.durability.runtime.database.StateDatabase;

/**
 * Fault-tolerant clients' results kept in the state database, in the same transaction as the state the
 * request changed: a primary that restarts after committing a request whose reply it never sent finds the
 * result again, so the client's resubmission is answered, not executed a second time. Only requests that
 * changed database state are kept here (what changed only memory does not outlive a restart anyway), each
 * client's last {@link CompletedRequests#WINDOW} of them.
 */
final class CompletedRequestTable {

    private static final NamedSql CREATE = new NamedSql("CREATE TABLE IF NOT EXISTS gridha_completed_request ("
            + "group_name VARCHAR(255) NOT NULL, client_id VARCHAR(64) NOT NULL, sequence_number BIGINT NOT NULL,"
            + " result_bytes MEDIUMBLOB NOT NULL, PRIMARY KEY (group_name, client_id, sequence_number))");
    private static final NamedSql INSERT = new NamedSql("INSERT INTO gridha_completed_request"
            + " (group_name, client_id, sequence_number, result_bytes) VALUES (:arg0, :arg1, :arg2, :arg3)");
    private static final NamedSql PRUNE = new NamedSql("DELETE FROM gridha_completed_request"
            + " WHERE group_name = :arg0 AND client_id = :arg1 AND sequence_number <= :arg2");

    private final String group;

    CompletedRequestTable(String group) {
        this.group = group;
    }

    /** Creates the table if needed and puts what it holds for this group into {@code completed}. */
    void load(StateDatabase database, CompletedRequests completed) {
        database.runInTransaction(List.of(CREATE));
        String query = "SELECT client_id, sequence_number, result_bytes FROM gridha_completed_request WHERE group_name = '"
                + group.replace("'", "''") + "' ORDER BY sequence_number";
        database.query(query, row -> completed.restore(new CompletedRequests.ClientSequence(
                row.getString("client_id"), row.getLong("sequence_number")), row.getBytes("result_bytes")));
    }

    /** Adds the request's result to its transaction, and forgets the client's results beyond the window. */
    void record(DatabaseTransaction transaction, CompletedRequests.ClientSequence id, byte[] result) {
        transaction.execute(INSERT, INSERT.bind(null, new Object[] {group, id.client(), id.sequence(), result}));
        transaction.execute(PRUNE, PRUNE.bind(null, new Object[] {group, id.client(),
                id.sequence() - CompletedRequests.WINDOW}));
    }
}
