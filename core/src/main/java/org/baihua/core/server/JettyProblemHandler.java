package org.baihua.core.server;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * Answers the errors Jetty raises before a request reaches the app (a malformed request line, a
 * {@code %00} or ambiguous path) with problem+json like every other error, instead of an HTML page.
 */
final class JettyProblemHandler extends ErrorHandler {

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(new HttpField(HttpHeader.CONTENT_TYPE, Problem.CONTENT_TYPE));
        return ByteBuffer.wrap(json(status, reason, null).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    protected void generateAcceptableResponse(Request baseRequest, HttpServletRequest request, HttpServletResponse response, int code,
                                              String message) throws IOException {
        baseRequest.setHandled(true);
        response.setContentType(Problem.CONTENT_TYPE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(json(code, message, null));
    }

    private static String json(int status, String reason, String instance) {
        String title = HttpStatus.getMessage(status);
        String detail = reason == null || reason.isBlank() ? title : "The request is malformed: " + reason;
        Problem problem = Problem.of(status, title, detail, instance, null);
        return "{\"type\":" + quote(problem.type()) + ",\"title\":" + quote(problem.title()) + ",\"status\":" + status
                + ",\"detail\":" + quote(problem.detail()) + "}";
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
