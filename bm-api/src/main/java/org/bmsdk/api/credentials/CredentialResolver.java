package org.bmsdk.api.credentials;

import org.bmsdk.api.ConfigurationException;

/**
 * Turns a {@link CredentialRef} into {@link Credentials} at the moment they are needed.
 *
 * <p>Implementations must not cache clear credentials longer than the call needs them, must not log
 * them, and must throw {@link ConfigurationException} (naming the reference, never a value) when a
 * reference cannot be resolved. {@link #standard()} handles {@code env:}, {@code file:} and inline
 * references; {@link StandardCredentialResolver#builder()} adds resolvers for other schemes.
 */
@FunctionalInterface
public interface CredentialResolver {

    /**
     * Resolves a reference.
     *
     * @param ref the reference
     * @return the credentials
     * @throws ConfigurationException when it cannot be resolved
     */
    Credentials resolve(CredentialRef ref);

    /**
     * The standard resolver over the process environment and the file system.
     *
     * @return the resolver
     */
    static CredentialResolver standard() {
        return StandardCredentialResolver.builder().build();
    }
}
