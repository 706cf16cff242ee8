package org.bmsdk.hardware.ipmi;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.bmsdk.api.ConfigurationException;

/**
 * A named deviation from the IPMI v2.0 specification that some BMCs need, switched on per driver
 * as FreeIPMI's {@code -W} flags are, instead of guessing from vendor ids. Each has a short token
 * ({@link #token()}) for configuration files: {@code IpmiWorkaround.parse("opensesspriv,bootreadback")}.
 *
 * <p>None weakens authentication: with each of them every session packet is still verified with
 * its integrity code.
 */
public enum IpmiWorkaround {

    /**
     * {@code opensesspriv}: send the requested privilege level in the Open Session Request instead
     * of 0 ("the highest level matching the proposed algorithms"). Needed by OpenIPMI's ipmi_sim
     * and by BMCs that hash the session keys with the Open Session privilege (FreeIPMI's flag of
     * the same name).
     */
    OPEN_SESSION_PRIVILEGE("opensesspriv"),

    /**
     * {@code integritycheckvalue}: accept a RAKP Message 4 integrity check value longer than the
     * cipher suite's (some BMCs send the whole HMAC); its first bytes are still checked.
     */
    INTEGRITY_CHECK_VALUE("integritycheckvalue"),

    /**
     * {@code authcap}: ignore what Get Channel Authentication Capabilities says about IPMI v2.0
     * support, for BMCs that speak RMCP+ but do not claim it.
     */
    AUTHENTICATION_CAPABILITIES("authcap"),

    /**
     * {@code nochecksumcheck}: ignore wrong IPMI message checksums in session replies (the RMCP+
     * integrity code still vouches for the bytes).
     */
    NO_CHECKSUM_CHECK("nochecksumcheck"),

    /**
     * {@code bootreadback}: the BMC keeps only the boot device of the boot flags. On read-back it
     * leaves the valid bit clear (OpenIPMI ipmi_sim), or drops the persistent and EFI bits
     * (ipmi_sim and pyghmi), so the read-back check compares the device alone.
     */
    BOOT_FLAGS_READBACK("bootreadback");

    private final String token;

    IpmiWorkaround(String token) {
        this.token = token;
    }

    /** @return the short name, such as {@code opensesspriv} */
    public String token() {
        return token;
    }

    /**
     * Parses a comma-separated list of tokens or constant names, case-insensitive.
     *
     * @param text such as {@code "opensesspriv,bootreadback"}; blank means none
     * @return the workarounds
     * @throws ConfigurationException naming an unknown token and listing the known ones
     */
    public static Set<IpmiWorkaround> parse(String text) {
        Set<IpmiWorkaround> out = EnumSet.noneOf(IpmiWorkaround.class);
        if (text == null || text.isBlank()) {
            return out;
        }
        for (String part : text.split(",")) {
            String p = part.strip().toLowerCase(Locale.ROOT);
            if (p.isEmpty()) {
                continue;
            }
            out.add(Arrays.stream(values()).filter(w -> w.token.equals(p) || w.name().equalsIgnoreCase(p)).findFirst()
                    .orElseThrow(() -> new ConfigurationException("unknown IPMI workaround '" + part.strip() + "'; known: "
                            + Arrays.stream(values()).map(IpmiWorkaround::token).collect(Collectors.joining(", ")))));
        }
        return out;
    }
}
