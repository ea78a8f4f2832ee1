package dev.gridha.container.replication.socket;

/** A frame's MAC did not verify: the peer does not hold the secret, or the frame was altered or replayed. */
public class AuthenticationFailedException extends Exception {

    private static final long serialVersionUID = 1L;

    public AuthenticationFailedException(String message) {
        super(message);
    }
}
