package io.stocklab.server.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WebhookUrlPolicyTest {
    final WebhookUrlPolicy strict = new WebhookUrlPolicy(false);
    final WebhookUrlPolicy testing = new WebhookUrlPolicy(true);

    @Test
    void httpsToAPublicHostIsAccepted() throws Exception {
        assertThat(strict.check("https://hooks.example.com/stocklab?x=1", false).toString())
                .isEqualTo("https://hooks.example.com/stocklab?x=1");
        assertThat(strict.check("https://93.184.216.34/hook", false).getHost()).isEqualTo("93.184.216.34");
    }

    @Test
    void otherSchemesAndPlainHttpAreRejected() {
        assertRejected(strict, "http://hooks.example.com/x", "https");
        assertRejected(strict, "ftp://hooks.example.com/x", "scheme 'ftp'");
        assertRejected(strict, "file:///etc/passwd", "https");
        assertRejected(strict, "javascript:alert(1)", "https");
        assertRejected(strict, "not a url", "valid URL");
        assertRejected(strict, "", "blank");
        assertRejected(strict, "https://user:pw@hooks.example.com/", "user name");
        // the test flag lets plain http through only for localhost
        assertRejected(testing, "http://hooks.example.com/x", "https");
    }

    @Test
    void loopbackPrivateAndLinkLocalTargetsAreRejected() {
        for (String url : new String[] {"https://localhost/x", "https://127.0.0.1/x", "https://127.1.2.3/x",
                "https://[::1]/x", "https://10.0.0.5/x", "https://172.16.3.4/x", "https://192.168.1.1/x",
                "https://169.254.169.254/latest/meta-data", "https://0.0.0.0/x", "https://100.64.0.1/x",
                "https://[fd00::1]/x", "https://[fe80::1]/x", "https://[::ffff:10.0.0.1]/x",
                "https://metadata.internal/x", "https://printer.local/x"}) {
            assertThatThrownBy(() -> strict.check(url, false)).as(url)
                    .isInstanceOf(WebhookUrlPolicy.Rejected.class);
        }
    }

    @Test
    void theTestFlagLetsLocalhostThrough() throws Exception {
        assertThat(testing.check("http://localhost:8089/hook", false).getPort()).isEqualTo(8089);
        assertThat(testing.check("http://127.0.0.1:8089/hook", false).getHost()).isEqualTo("127.0.0.1");
        assertThatThrownBy(() -> strict.check("http://localhost:8089/hook", false))
                .isInstanceOf(WebhookUrlPolicy.Rejected.class);
    }

    private static void assertRejected(WebhookUrlPolicy policy, String url, String reason) {
        assertThatThrownBy(() -> policy.check(url, false)).as(url)
                .isInstanceOf(WebhookUrlPolicy.Rejected.class).hasMessageContaining(reason);
    }
}
