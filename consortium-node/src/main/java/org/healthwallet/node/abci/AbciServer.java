package org.healthwallet.node.abci;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.google.protobuf.InvalidProtocolBufferException;

import org.healthwallet.node.abci.proto.Abci.Request;
import org.healthwallet.node.abci.proto.Abci.Response;

/**
 * CometBFT's ABCI socket protocol on TCP: each message is a protobuf {@code Request} or
 * {@code Response} preceded by its length as an unsigned varint. CometBFT opens four connections
 * (consensus, mempool, query, snapshot); each gets a thread and is answered in order. Responses are
 * flushed on {@code Flush} and whenever no further request is already waiting.
 */
public final class AbciServer implements AutoCloseable {
    /** CometBFT's own limit on one ABCI message. */
    static final int MAX_MESSAGE_BYTES = 104_857_600;
    private static final System.Logger LOG = System.getLogger(AbciServer.class.getName());

    private final AbciApp app;
    private final ServerSocket listener;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;
    private volatile boolean closed;

    /**
     * Binds {@code host:port} (port 0 picks a free one) and starts accepting connections. The ABCI
     * protocol has no authentication: whoever connects can feed the ledger blocks, so like the RPC
     * server it listens on loopback unless told explicitly to do otherwise.
     *
     * @param allowNonLoopback bind a non-loopback address (exposes the ledger's state machine to the network)
     * @throws IllegalArgumentException if the host is not loopback and that is not allowed
     */
    public AbciServer(AbciApp app, String host, int port, boolean allowNonLoopback) throws IOException {
        InetAddress address = InetAddress.getByName(host);
        if (!address.isLoopbackAddress() && !allowNonLoopback) {
            throw new IllegalArgumentException("The ABCI server listens on loopback only (127.0.0.1 or ::1), where "
                    + "CometBFT runs beside it; " + host + " would let anyone on the network drive the ledger. "
                    + "Allow it explicitly to do that.");
        }
        this.app = app;
        this.listener = new ServerSocket();
        listener.setReuseAddress(true);
        listener.bind(new InetSocketAddress(address, port));
        this.acceptor = new Thread(this::acceptLoop, "abci-accept-" + listener.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return listener.getLocalPort();
    }

    private void acceptLoop() {
        int count = 0;
        while (!closed) {
            try {
                Socket socket = listener.accept();
                socket.setTcpNoDelay(true);
                connections.add(socket);
                Thread t = new Thread(() -> serve(socket), "abci-conn-" + port() + "-" + (++count));
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                if (!closed) LOG.log(Level.WARNING, "ABCI listener failed: " + e.getMessage());
                return;
            }
        }
    }

    private void serve(Socket socket) {
        LOG.log(Level.DEBUG, "ABCI connection from " + socket.getRemoteSocketAddress());
        try (socket;
             InputStream in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
             OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024)) {
            while (!closed) {
                byte[] frame = readFrame(in);
                if (frame == null) return;
                Request request;
                Response response;
                try {
                    request = Request.parseFrom(frame);
                    response = answer(request);
                } catch (InvalidProtocolBufferException e) {
                    request = null;
                    response = AbciApp.exception("The request is not a valid ABCI message: " + e.getMessage());
                }
                writeFrame(out, response.toByteArray());
                boolean flush = request == null || request.getValueCase() == Request.ValueCase.FLUSH || in.available() == 0;
                if (flush) out.flush();
                if (response.getValueCase() == Response.ValueCase.EXCEPTION) {
                    out.flush();
                    return; // CometBFT treats an exception as fatal for the connection
                }
            }
        } catch (SocketException | EOFException e) {
            LOG.log(Level.DEBUG, "ABCI connection closed: " + e.getMessage());
        } catch (IOException e) {
            if (!closed) LOG.log(Level.WARNING, "ABCI connection failed: " + e.getMessage());
        } finally {
            connections.remove(socket);
        }
    }

    private Response answer(Request request) {
        try {
            return app.handle(request);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "ABCI " + request.getValueCase() + " failed", e);
            return AbciApp.exception(request.getValueCase() + " failed: " + e.getMessage());
        }
    }

    /** Reads one uvarint-length-prefixed frame; null at a clean end of stream. */
    static byte[] readFrame(InputStream in) throws IOException {
        long length = 0;
        int shift = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (shift == 0) return null;
                throw new EOFException("stream ended inside a length prefix");
            }
            length |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) break;
            shift += 7;
            if (shift > 63) throw new IOException("length prefix is longer than 10 bytes");
        }
        if (length > MAX_MESSAGE_BYTES) throw new IOException("message of " + length + " bytes exceeds " + MAX_MESSAGE_BYTES);
        byte[] frame = in.readNBytes((int) length);
        if (frame.length != length) throw new EOFException("stream ended inside a message");
        return frame;
    }

    static void writeFrame(OutputStream out, byte[] message) throws IOException {
        long length = message.length;
        while ((length & ~0x7FL) != 0) {
            out.write((int) ((length & 0x7F) | 0x80));
            length >>>= 7;
        }
        out.write((int) length);
        out.write(message);
    }

    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "closing ABCI listener: " + e.getMessage());
        }
        for (Socket socket : connections) {
            try {
                socket.close();
            } catch (IOException e) {
                LOG.log(Level.DEBUG, "closing ABCI connection: " + e.getMessage());
            }
        }
        try {
            acceptor.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
