package io.flead.platform.api;

/** Every route of the REST API. */
final class Endpoints {
    private Endpoints() {
    }

    static Router routes(ApiContext c) {
        AnomalyResource anomalies = new AnomalyResource(c.db);
        ModelResource models = new ModelResource(c.db);
        PredictResource predict = new PredictResource(c.models);
        DriftResource drift = new DriftResource(c.db, c.models, c.drift);
        DeviceResource devices = new DeviceResource(c.db, c.devices);
        PipelineResource pipeline = new PipelineResource(c);
        BenchResource bench = new BenchResource(c.settings.benchDir());
        return new Router()
            .add("GET", "/api/health", r -> java.util.Map.of("status", "UP"))
            .add("GET", "/api/anomalies/latest", anomalies::latest)
            .add("GET", "/api/anomalies/count", anomalies::count)
            .add("POST", "/api/predict", predict::predict)
            .add("GET", "/api/models", models::list)
            .add("GET", "/api/models/{version}", models::one)
            .add("POST", "/api/drift/check", drift::check)
            .add("POST", "/api/rounds/close", r -> RoundResource.close(c, r))
            .add("GET", "/api/rejections", r -> RejectionResource.afterLatest(c, r))
            .add("GET", "/api/devices", devices::list)
            .add("GET", "/api/devices/{id}", devices::one)
            .add("GET", "/api/devices/{id}/telemetry", devices::telemetry)
            .add("GET", "/api/pipeline", pipeline::snapshot)
            .add("GET", "/api/bench/latency", bench::latency)
            .add("GET", "/api/bench/latency/cdf.svg", bench::svg);
    }
}
