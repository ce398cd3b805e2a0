package io.stocklab.server.notification;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Which webhook URLs the server will call: HTTPS only, no credentials in the URL, and never a loopback,
 * private-network, link-local or otherwise internal address (server-side request forgery). With
 * {@code allowInsecureLocalhost} (tests, local development) plain HTTP to localhost/127.0.0.1 and internal
 * targets are let through. Checked when the user saves the URL and again before every delivery (DNS may change).
 */
final class WebhookUrlPolicy {
    private final boolean allowInsecureLocalhost;

    WebhookUrlPolicy(boolean allowInsecureLocalhost) {
        this.allowInsecureLocalhost = allowInsecureLocalhost;
    }

    /** Thrown with a message for the user. */
    static final class Rejected extends Exception {
        Rejected(String message) {
            super(message, null, false, false);
        }
    }

    /** The parsed URL, or {@link Rejected} with the reason. {@code resolve}: look the host up (deliveries). */
    URI check(String url, boolean resolve) throws Rejected {
        if (url == null || url.isBlank()) throw new Rejected("must not be blank");
        if (url.length() > 1000) throw new Rejected("must be at most 1000 characters");
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new Rejected("is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost();
        if (!uri.isAbsolute() || host == null || host.isEmpty()) throw new Rejected("must be an absolute https:// URL");
        if (uri.getRawUserInfo() != null) throw new Rejected("must not contain a user name or password");
        if (uri.getRawFragment() != null) throw new Rejected("must not contain a fragment");
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) h = h.substring(1, h.length() - 1);
        boolean localhostName = h.equals("localhost") || h.equals("127.0.0.1") || h.equals("::1");
        if (scheme.equals("http")) {
            if (!(allowInsecureLocalhost && localhostName)) {
                throw new Rejected("must use https:// (plain http is not allowed)");
            }
        } else if (!scheme.equals("https")) {
            throw new Rejected("must use https:// (scheme '" + scheme + "' is not allowed)");
        }
        if (allowInsecureLocalhost) return uri;
        if (localhostName || h.endsWith(".localhost") || h.endsWith(".local") || h.endsWith(".internal")) {
            throw new Rejected("must not point to a local or internal host");
        }
        InetAddress literal = literalAddress(h);
        if (literal != null) {
            if (internal(literal)) throw new Rejected("must not point to a private-network or loopback address");
            return uri;
        }
        if (resolve) {
            try {
                for (InetAddress a : InetAddress.getAllByName(h)) {
                    if (internal(a)) throw new Rejected("resolves to a private-network or loopback address");
                }
            } catch (UnknownHostException e) {
                throw new Rejected("host '" + h + "' cannot be resolved");
            }
        }
        return uri;
    }

    /** An IP literal (v4 dotted quad or v6) without a DNS lookup; null for a host name. */
    static InetAddress literalAddress(String host) {
        boolean v4 = host.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
        boolean v6 = host.indexOf(':') >= 0 && host.matches("[0-9a-f:.%]+");
        if (!v4 && !v6) return null;
        try {
            return InetAddress.getByName(host); // a literal: no lookup
        } catch (UnknownHostException e) {
            return null;
        }
    }

    static boolean internal(InetAddress a) {
        if (a.isAnyLocalAddress() || a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int b0 = b[0] & 0xff;
            int b1 = b[1] & 0xff;
            return b0 == 0 || (b0 == 100 && b1 >= 64 && b1 < 128) // carrier-grade NAT
                    || (b0 == 192 && b1 == 0 && (b[2] & 0xff) == 0) || b0 >= 240;
        }
        if (a instanceof Inet6Address) {
            int b0 = b[0] & 0xff;
            if ((b0 & 0xfe) == 0xfc) return true; // unique local fc00::/7
            boolean mapped = true; // ::ffff:a.b.c.d
            for (int i = 0; i < 10; i++) mapped &= b[i] == 0;
            mapped &= (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
            if (mapped) {
                try {
                    return internal(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
                } catch (UnknownHostException e) {
                    return true;
                }
            }
        }
        return false;
    }
}
