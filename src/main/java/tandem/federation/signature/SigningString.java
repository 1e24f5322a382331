package tandem.federation.signature;

import java.util.List;
import java.util.function.Function;

/** Builds the draft-cavage signing string: one {@code name: value} line per signed header, joined by newlines. */
public final class SigningString {
    private SigningString() {}

    /**
     * @param headers signed header names, lower case, in the order signed
     * @param requestTarget {@code <method> <path>} for {@code (request-target)}
     * @param header header lookup by lower-case name
     */
    public static String build(List<String> headers, String requestTarget, Function<String, String> header,
                        Long created, Long expires) {
        StringBuilder out = new StringBuilder();
        for (String name : headers) {
            if (!out.isEmpty()) {
                out.append('\n');
            }
            out.append(name).append(": ").append(value(name, requestTarget, header, created, expires));
        }
        return out.toString();
    }

    private static String value(String name, String requestTarget, Function<String, String> header,
                                Long created, Long expires) {
        return switch (name) {
            case "(request-target)" -> requestTarget;
            case "(created)" -> pseudo(name, created);
            case "(expires)" -> pseudo(name, expires);
            default -> {
                String value = header.apply(name);
                if (value == null) {
                    throw new SignatureException("signed header " + name + " is missing from the request");
                }
                yield value.strip();
            }
        };
    }

    private static String pseudo(String name, Long value) {
        if (value == null) {
            throw new SignatureException("malformed Signature header: " + name + " is signed but its parameter is missing");
        }
        return value.toString();
    }
}
