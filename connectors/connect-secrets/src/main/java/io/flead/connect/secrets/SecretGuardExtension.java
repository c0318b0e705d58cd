package io.flead.connect.secrets;

import java.util.Map;
import org.apache.kafka.connect.rest.ConnectRestExtension;
import org.apache.kafka.connect.rest.ConnectRestExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Connect REST extension ({@code rest.extension.classes}) that refuses, before the worker resolves a single
 * placeholder, every connector config (validate, create, replace, patch) that puts a secret where its value could
 * come back to the caller or go to a server of the caller's choosing; see {@link SecretPlacement}.
 */
public final class SecretGuardExtension implements ConnectRestExtension {
    private static final Logger LOG = LoggerFactory.getLogger(SecretGuardExtension.class);

    private SecretPlacement placement;

    @Override
    public void configure(Map<String, ?> workerProperties) {
        placement = new SecretGuardConfig(workerProperties).placement();
    }

    @Override
    public void register(ConnectRestExtensionContext context) {
        context.configurable().register(new SecretGuardFilter(placement, context.clusterState()));
        LOG.info("Secret guard on: secrets only in {}, destinations {} from providers {}", placement.secretKeys(),
                placement.destinationKeys(), placement.publicProviders());
    }

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void close() {
    }
}
