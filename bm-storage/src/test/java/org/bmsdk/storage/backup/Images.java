package org.bmsdk.storage.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** Seeded disk images for the backup tests. */
final class Images {

    private Images() {
    }

    /**
     * Random bytes.
     *
     * @param seed the seed
     * @param size the length
     * @return the image
     */
    static byte[] random(long seed, int size) {
        byte[] image = new byte[size];
        new Random(seed).nextBytes(image);
        return image;
    }

    /**
     * Overwrites {@code places} regions at random offsets that together make {@code fraction} of the
     * image with new random bytes.
     *
     * @return the changed copy
     */
    static byte[] change(byte[] image, double fraction, int places, long seed) {
        byte[] changed = image.clone();
        Random r = new Random(seed);
        int region = (int) (image.length * fraction / places);
        for (int i = 0; i < places; i++) {
            int at = r.nextInt(image.length - region);
            byte[] fresh = new byte[region];
            r.nextBytes(fresh);
            System.arraycopy(fresh, 0, changed, at, region);
        }
        return changed;
    }

    static Path write(Path file, byte[] image) throws IOException {
        return Files.write(file, image);
    }
}
