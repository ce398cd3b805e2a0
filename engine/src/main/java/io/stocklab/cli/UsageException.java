package io.stocklab.cli;

/** Bad command-line input: printed as "error: …" with exit code 2. */
final class UsageException extends RuntimeException {
    UsageException(String message) {
        super(message);
    }
}
