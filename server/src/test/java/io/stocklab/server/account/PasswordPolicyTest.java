package io.stocklab.server.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocklab.server.platform.error.FieldProblem;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PasswordPolicyTest {

    private static Optional<String> problem(String password) {
        return PasswordPolicy.check("password", password, "Ada@Example.com", "ada_l").map(FieldProblem::message);
    }

    @Test
    void acceptsReasonablePasswords() {
        assertThat(problem("correct horse battery")).isEmpty();
        assertThat(problem("0123456789x")).isEmpty();
        assertThat(problem("ünïcødé-pässwörd")).isEmpty();
    }

    @Test
    void refusesShortLongAndGuessablePasswords() {
        assertThat(problem(null)).get().asString().contains("at least 10");
        assertThat(problem("123456789")).get().asString().contains("at least 10");
        assertThat(problem("x".repeat(73))).get().asString().contains("72 bytes");
        assertThat(problem("é".repeat(37))).get().asString().contains("72 bytes");
        assertThat(problem("ada@example.com")).get().asString().contains("email");
        assertThat(problem("ADA@EXAMPLE.COM")).get().asString().contains("email");
        assertThat(problem("zzzzzzzzzzzz")).get().asString().contains("repeated");
        assertThat(problem("Password123")).get().asString().contains("common");
        assertThat(PasswordPolicy.check("password", "Grace_Hopper", "g@x.example", "grace_hopper"))
                .get().extracting(FieldProblem::message).asString().contains("nickname");
    }
}
