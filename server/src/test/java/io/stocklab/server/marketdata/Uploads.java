package io.stocklab.server.marketdata;

import io.stocklab.server.support.Api;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;

/** Multipart uploads to the import endpoint, and the admin's token. */
final class Uploads {
    private Uploads() {
    }

    static String adminToken(Api api, String adminEmail) {
        Api.Response login = api.post("/api/v1/auth/login", Api.body("email", adminEmail, "password", Api.PASSWORD), null);
        if (login.status() != 200) {
            api.registerEmail(adminEmail);
            login = api.post("/api/v1/auth/login", Api.body("email", adminEmail, "password", Api.PASSWORD), null);
        }
        return login.json().path("accessToken").asString();
    }

    static Api.Response upload(Api api, String token, Map<String, String> fields, String fileName, byte[] content) {
        String boundary = "----stocklab" + UUID.randomUUID().toString().replace("-", "");
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try {
            for (Map.Entry<String, String> f : fields.entrySet()) {
                body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f.getKey() + "\"\r\n\r\n"
                        + f.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
            }
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                    + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.write(content);
            body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return api.raw("POST", "/api/v1/data/imports", HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()),
                "multipart/form-data; boundary=" + boundary, token == null ? Map.of() : Map.of("Authorization", "Bearer " + token));
    }

    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
