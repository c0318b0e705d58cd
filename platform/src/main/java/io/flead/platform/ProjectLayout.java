package io.flead.platform;

import io.flead.embedded.Checkout;
import java.nio.file.Path;

/** Where the FLEAD checkout is: the directory holding {@code connect-configs/} and the connector modules. */
public final class ProjectLayout {
    private ProjectLayout() {
    }

    /** {@code FLEAD_HOME} when set, else the nearest directory upwards from the working directory with connect-configs/. */
    public static Path root() {
        return Checkout.root();
    }

    public static Path connectConfigs() {
        return root().resolve("connect-configs");
    }
}
