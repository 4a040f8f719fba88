package org.healthwallet.node.rpc;

/**
 * A JSON-RPC error as CometBFT reports it: a standard code and message, and in {@code data} the
 * sentence that says what went wrong ("height 20 must be less than or equal to …").
 */
public final class RpcException extends Exception {
    private static final long serialVersionUID = 1L;

    public static final int PARSE_ERROR = -32700;
    public static final int INVALID_REQUEST = -32600;
    public static final int METHOD_NOT_FOUND = -32601;
    public static final int INVALID_PARAMS = -32602;
    public static final int INTERNAL_ERROR = -32603;

    private final int code;
    private final String data;

    private RpcException(int code, String message, String data) {
        super(message + ": " + data);
        this.code = code;
        this.data = data;
    }

    public static RpcException parseError(String data) {
        return new RpcException(PARSE_ERROR, "Parse error. Invalid JSON", data);
    }

    public static RpcException invalidRequest(String data) {
        return new RpcException(INVALID_REQUEST, "Invalid Request", data);
    }

    public static RpcException methodNotFound(String method) {
        return new RpcException(METHOD_NOT_FOUND, "Method not found", "no method \"" + method + "\"");
    }

    public static RpcException invalidParams(String data) {
        return new RpcException(INVALID_PARAMS, "Invalid params", data);
    }

    /** What CometBFT answers when a method fails (unknown height, unknown tx, full mempool, …). */
    public static RpcException internal(String data) {
        return new RpcException(INTERNAL_ERROR, "Internal error", data);
    }

    public int code() {
        return code;
    }

    /** CometBFT's short message for the code. */
    public String rpcMessage() {
        return getMessage().substring(0, getMessage().length() - data.length() - 2);
    }

    public String data() {
        return data;
    }
}
