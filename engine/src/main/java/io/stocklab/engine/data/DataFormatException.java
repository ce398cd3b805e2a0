package io.stocklab.engine.data;

/** A data file that cannot be read as what it claims to be; the message names the file and, where known, the line. */
public class DataFormatException extends RuntimeException {
    public DataFormatException(String message) {
        super(message);
    }

    public DataFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
