package dev.shiptrack.localaws.http;

import java.util.UUID;

/** Small helpers shared by the wire formats. */
public final class AwsErrors {

    private AwsErrors() {
    }

    public static String requestId() {
        return UUID.randomUUID().toString();
    }

    /** XML text escaping for element content. */
    public static String xml(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
