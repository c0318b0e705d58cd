package io.flead.connect.secrets;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;

/** The worker properties of {@link SecretGuardExtension}: which providers serve secrets, and where secrets may go. */
public final class SecretGuardConfig extends AbstractConfig {
    public static final String PUBLIC_PROVIDERS = "flead.secrets.public.providers";
    public static final String SECRET_KEYS = "flead.secrets.keys";
    public static final String DESTINATION_KEYS = "flead.secrets.destination.keys";

    private static final String GROUP = "Secret guard (worker properties)";
    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(PUBLIC_PROVIDERS, Type.LIST, "env", Importance.HIGH,
                    "Config providers that serve no secrets (the worker's env provider must be limited to non-secret "
                            + "names with allowlist.pattern): their placeholders may stand in any key, and Connect shows "
                            + "their values in validate answers and errors. Placeholders of every other provider, such "
                            + "as secret or file, are secrets.", GROUP, 1, ConfigDef.Width.MEDIUM, "Public providers")
            .define(SECRET_KEYS, Type.LIST, "connection.password", Importance.HIGH,
                    "The only connector keys where a secret placeholder is accepted. Connect shows their values as "
                            + "[hidden] only when the connector declares them of type PASSWORD.", GROUP, 2,
                    ConfigDef.Width.MEDIUM, "Secret keys")
            .define(DESTINATION_KEYS, Type.LIST, "connection.url", Importance.HIGH,
                    "Keys that say where a connector sends its secrets. In a config that uses a secret each must be one "
                            + "placeholder of a public provider, a value the worker's operator set (such as "
                            + "${env:FLEAD_JDBC_URL}), so no caller of the REST API can send a secret to a server of "
                            + "their own, not even through validate.", GROUP, 3, ConfigDef.Width.MEDIUM,
                    "Destination keys");

    public SecretGuardConfig(Map<String, ?> workerProperties) {
        super(CONFIG_DEF, workerProperties, false);
    }

    /** The placement rules these settings describe. */
    public SecretPlacement placement() {
        List<String> publicProviders = getList(PUBLIC_PROVIDERS);
        return new SecretPlacement(publicProviders, getList(SECRET_KEYS), getList(DESTINATION_KEYS));
    }
}
