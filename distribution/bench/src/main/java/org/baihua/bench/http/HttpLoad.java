package org.baihua.bench.http;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A closed-loop HTTP/1.1 load generator on plain sockets: each connection has its own thread and
 * keep-alive socket and sends the same POST as soon as the previous answer is read, for a fixed
 * time. Plain sockets keep the generator's own cost low, so more of the two cores go to the host.
 */
final class HttpLoad {

    /** What one run measured. */
    record Result(int connections, long requests, long errors, double seconds, Latencies latencies, String firstError) {
        double throughput() {
            return requests / seconds;
        }

        /** This run and {@code other} as one (same level, consecutive rounds). */
        Result plus(Result other) {
            return new Result(connections, requests + other.requests, errors + other.errors, seconds + other.seconds,
                    Latencies.merge(List.of(latencies, other.latencies)), firstError != null ? firstError : other.firstError);
        }
    }

    private final String host;
    private final int port;
    private final byte[] request;

    HttpLoad(String host, int port, String path, String key, byte[] body) {
        this.host = host;
        this.port = port;
        byte[] head = ("POST " + path + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nAuthorization: Bearer " + key
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        request = new byte[head.length + body.length];
        System.arraycopy(head, 0, request, 0, head.length);
        System.arraycopy(body, 0, request, head.length, body.length);
    }

    Result run(int connections, double warmupSeconds, double seconds) throws InterruptedException {
        long start = System.nanoTime();
        long measureFrom = start + (long) (warmupSeconds * 1e9);
        long end = measureFrom + (long) (seconds * 1e9);
        AtomicLong requests = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        String[] firstError = new String[1];
        List<Latencies> latencies = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            Latencies mine = new Latencies();
            latencies.add(mine);
            Thread thread = new Thread(() -> {
                Connection connection = null;
                try {
                    while (System.nanoTime() < end) {
                        try {
                            if (connection == null) {
                                connection = new Connection(new Socket(host, port));
                            }
                            long sent = System.nanoTime();
                            int status = connection.exchange(request);
                            long done = System.nanoTime();
                            if (sent >= measureFrom && done <= end) {
                                if (status == 200) {
                                    requests.incrementAndGet();
                                    mine.add(done - sent);
                                } else {
                                    errors.incrementAndGet();
                                    note(firstError, "HTTP " + status);
                                }
                            }
                        } catch (IOException e) {
                            long now = System.nanoTime();
                            if (now >= measureFrom && now <= end) {
                                errors.incrementAndGet();
                                note(firstError, e.toString());
                            }
                            close(connection);
                            connection = null;
                        }
                    }
                } finally {
                    close(connection);
                }
            }, "load-" + c);
            thread.start();
            threads.add(thread);
        }
        for (Thread t : threads) {
            t.join();
        }
        return new Result(connections, requests.get(), errors.get(), seconds, Latencies.merge(latencies), firstError[0]);
    }

    private static void note(String[] firstError, String error) {
        synchronized (firstError) {
            if (firstError[0] == null) {
                firstError[0] = error;
            }
        }
    }

    /** One keep-alive connection: writes a request, reads the status and skips the body of the answer. */
    private static final class Connection implements AutoCloseable {
        private final Socket socket;
        private final OutputStream out;
        private final InputStream in;

        Connection(Socket socket) throws IOException {
            this.socket = socket;
            socket.setTcpNoDelay(true);
            out = socket.getOutputStream();
            in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
        }

        int exchange(byte[] request) throws IOException {
            out.write(request);
            out.flush();
            String statusLine = line();
            if (statusLine.length() < 12 || !statusLine.startsWith("HTTP/1.1 ")) {
                throw new IOException("Not an HTTP/1.1 answer: '" + statusLine + "'");
            }
            int status = Integer.parseInt(statusLine.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            boolean closes = false;
            for (String header = line(); !header.isEmpty(); header = line()) {
                String lower = header.toLowerCase(java.util.Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Long.parseLong(lower.substring(15).trim());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                } else if (lower.startsWith("connection:") && lower.contains("close")) {
                    closes = true;
                }
            }
            if (chunked) {
                for (long size = Long.parseLong(line().trim(), 16); size > 0; size = Long.parseLong(line().trim(), 16)) {
                    skip(size);
                    line();
                }
                line();
            } else if (length >= 0) {
                skip(length);
            } else {
                throw new IOException("Answer without Content-Length or chunked encoding");
            }
            if (closes) {
                throw new IOException("The host closed the connection after HTTP " + status);
            }
            return status;
        }

        private void skip(long bytes) throws IOException {
            long left = bytes;
            while (left > 0) {
                long skipped = in.skip(left);
                if (skipped <= 0) {
                    if (in.read() < 0) {
                        throw new IOException("Connection closed inside a body");
                    }
                    skipped = 1;
                }
                left -= skipped;
            }
        }

        private String line() throws IOException {
            StringBuilder line = new StringBuilder(64);
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    throw new IOException("Connection closed by the host");
                }
                if (b != '\r') {
                    line.append((char) b);
                }
            }
            return line.toString();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private static void close(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (IOException e) {
                // closing after an error: nothing left to do with this socket
            }
        }
    }
}
