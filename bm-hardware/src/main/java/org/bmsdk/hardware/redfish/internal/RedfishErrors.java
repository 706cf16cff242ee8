package org.bmsdk.hardware.redfish.internal;

import com.fasterxml.jackson.databind.JsonNode;
import org.bmsdk.api.AuthenticationException;
import org.bmsdk.api.BareMetalException;
import org.bmsdk.api.ConflictException;
import org.bmsdk.api.DeviceException;
import org.bmsdk.api.ErrorContext;

/**
 * Turns a Redfish error answer into the bm-api exception for it, keeping the BMC's message id as
 * the device code so that callers and the quirk table can match on it.
 */
final class RedfishErrors {

    private RedfishErrors() {
    }

    /**
     * What a Redfish error body says: the first extended message, else the error's code.
     *
     * @param messageId such as {@code Base.1.8.PropertyValueNotInList}, or {@code ""}
     * @param message the readable message, clipped, or {@code ""}
     */
    record Detail(String messageId, String message) {
    }

    /**
     * Reads an error body; never throws, whatever the body is.
     *
     * @param r the answer
     * @return what it says
     */
    static Detail detail(HttpResult r) {
        JsonNode n = r.body().length == 0 ? null : Json.parse(r.body());
        if (n == null || !n.isObject()) {
            return new Detail("", "");
        }
        JsonNode error = n.has("error") ? n.get("error") : n;
        JsonNode infos = error.get("@Message.ExtendedInfo");
        if (infos != null && infos.isArray()) {
            for (JsonNode info : infos) {
                String id = textOf(info.get("MessageId"));
                if (!id.isEmpty()) {
                    return new Detail(id, Text.clip(textOf(info.get("Message")), 300));
                }
            }
        }
        return new Detail(textOf(error.get("code")), Text.clip(textOf(error.get("message")), 300));
    }

    /**
     * Whether any extended message of an error answer matches.
     *
     * @param r the answer
     * @param quirks the quirk table entry
     * @return true when one of its message ids means "busy"
     */
    static boolean isBusy(HttpResult r, Quirks quirks) {
        return anyMessage(r, quirks::isBusy);
    }

    /**
     * Whether an error answer says a licence is missing.
     *
     * @param r the answer
     * @param quirks the quirk table entry
     * @return true when one of its message ids means "not licensed"
     */
    static boolean isLicence(HttpResult r, Quirks quirks) {
        return anyMessage(r, quirks::isLicence);
    }

    private static boolean anyMessage(HttpResult r, java.util.function.Predicate<String> test) {
        if (r.body().length == 0) {
            return false;
        }
        JsonNode n = Json.parse(r.body());
        if (n == null || !n.isObject()) {
            return false;
        }
        JsonNode error = n.has("error") ? n.get("error") : n;
        JsonNode infos = error.get("@Message.ExtendedInfo");
        if (infos != null && infos.isArray()) {
            for (JsonNode info : infos) {
                if (test.test(textOf(info.get("MessageId")))) {
                    return true;
                }
            }
        }
        return test.test(textOf(error.get("code")));
    }

    /**
     * The exception for an error answer.
     *
     * @param r the answer (not 2xx)
     * @param ctx where
     * @param quirks to recognise licence messages
     * @return the exception to throw
     */
    static BareMetalException of(HttpResult r, ErrorContext ctx, Quirks quirks) {
        Detail d = detail(r);
        String code = d.messageId().isEmpty() ? "HTTP " + r.status() : d.messageId();
        String text = r.describe() + (d.messageId().isEmpty() ? "" : " " + d.messageId()) + (d.message().isEmpty() ? "" : ": " + d.message());
        int s = r.status();
        if (s == 401) {
            return new AuthenticationException(text + " (credentials refused)", ctx);
        }
        if (isLicence(r, quirks)) {
            return new LicenceRequiredException(text, ctx, code);
        }
        if (s == 403) {
            return new AuthenticationException(text + " (the account lacks the privilege)", ctx);
        }
        if (s == 409 || s == 412) {
            return new ConflictException(text, ctx);
        }
        boolean retryable = s == 429 || s == 502 || s == 503 || s == 504 || isBusy(r, quirks);
        return new DeviceException(text, ctx, code, retryable, null);
    }

    private static String textOf(JsonNode n) {
        return n != null && n.isTextual() ? n.textValue() : "";
    }
}
