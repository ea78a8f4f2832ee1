package dev.gridha.durability.runtime.database;

/**
 * The state database cannot be reached or refused a statement. A request that meets it fails with a fault
 * and leaves nothing behind; requests succeed again once the database is back.
 */
public class DatabaseUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DatabaseUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
