package io.flead.platform.api;

import io.flead.driftcheck.core.DriftSettings;
import io.flead.embedded.ConnectRestClient;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;

/** What the endpoints share: the database, the model registry, Kafka clients, Connect's REST client and settings (the API's and drift-check's). */
final class ApiContext implements AutoCloseable {
    final ApiSettings settings;
    final Database db;
    final ModelRegistry models;
    final DeviceCatalog devices;
    final FunctionHealth functions;
    final ConnectRestClient connect;
    /** The settings of the running drift-check function. */
    final DriftSettings drift;
    private Admin admin;
    private RoundControl rounds;

    ApiContext(ApiSettings settings, FunctionHealth functions, DriftSettings drift) {
        this.settings = settings;
        this.drift = drift;
        this.db = new Database(settings.jdbcUrl(), settings.dbUser(), settings.dbPassword());
        this.models = new ModelRegistry(db);
        this.devices = new DeviceCatalog(db);
        this.functions = functions;
        this.connect = new ConnectRestClient(settings.connectUrl());
    }

    /** The Kafka admin client, created on first use. */
    synchronized Admin admin() {
        if (admin == null) {
            Map<String, Object> props = new HashMap<>(settings.kafkaClient());
            props.put("request.timeout.ms", "5000");
            props.put("default.api.timeout.ms", "10000");
            admin = Admin.create(props);
        }
        return admin;
    }

    /** The round-control client, created on first use. */
    synchronized RoundControl rounds() {
        if (rounds == null) {
            rounds = new RoundControl(settings.kafkaClient());
        }
        return rounds;
    }

    @Override
    public synchronized void close() {
        if (rounds != null) {
            rounds.close();
        }
        if (admin != null) {
            admin.close();
        }
    }
}
