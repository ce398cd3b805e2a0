package io.stocklab.server.platform.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ProblemTypeTest {

    @Test
    void typeUrisAreUniqueAndStable() {
        assertThat(Arrays.stream(ProblemType.values()).map(ProblemType::uri).distinct())
                .hasSize(ProblemType.values().length);
        assertThat(ProblemType.VALIDATION.uri()).hasToString("urn:stocklab:problem:validation");
        assertThat(ProblemType.VALIDATION.status().value()).isEqualTo(422);
        assertThat(ProblemType.PAYLOAD_TOO_LARGE.status().value()).isEqualTo(413);
    }

    @Test
    void everyFrameworkStatusMapsToAProblemWithTheSameStatus() {
        for (int status : new int[] {400, 401, 403, 404, 405, 406, 409, 413, 415, 422, 429, 500, 503}) {
            assertThat(ProblemType.forStatus(status).status().value()).isEqualTo(status);
        }
    }

    @Test
    void tooManyRequestsRoundsRetryAfterUpToWholeSeconds() {
        assertThat(ApiException.tooManyRequests(ProblemType.RATE_LIMITED, "x", 1).headers())
                .containsEntry("Retry-After", "1");
        assertThat(ApiException.tooManyRequests(ProblemType.RATE_LIMITED, "x", 2_000_000_001L).headers())
                .containsEntry("Retry-After", "3");
    }
}
