package org.healthwallet.node.relay;

/** A request the relay refuses before touching anything, with the HTTP status and a sentence for the caller. */
final class BadRequestException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int status;

    BadRequestException(int status, String message) {
        super(message);
        this.status = status;
    }

    int status() {
        return status;
    }

    Reply reply() {
        return Reply.error(status, getMessage());
    }
}
