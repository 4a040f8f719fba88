package org.healthwallet.ledger.cometbft.json;

/**
 * JSON that is not what CometBFT sends: its message names the place ({@code $.result.signed_header
 * .commit.signatures[3].signature}) and what was wrong, for a person to read.
 */
public final class ParseException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String path;

    public ParseException(String path, String problem) {
        super(path + ": " + problem);
        this.path = path;
    }

    public ParseException(String path, String problem, Throwable cause) {
        super(path + ": " + problem, cause);
        this.path = path;
    }

    /** Where in the document the problem is, "$" for the document itself. */
    public String path() {
        return path;
    }
}
