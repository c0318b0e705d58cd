package io.flead.platform.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A prediction request, {@code {"features":{name:number,…}}}, checked against the model's feature names: every
 * feature present, none unknown, all finite numbers. Each refusal is a 400 naming the field.
 */
final class PredictInput {
    private PredictInput() {
    }

    /** The reading as a row in the model's feature order. */
    static double[] parse(String body, List<String> featureNames) {
        if (body == null || body.isBlank()) {
            throw new ApiException(400, "body", "Empty body: expected {\"features\":{\"<name>\":<number>,…}}");
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new ApiException(400, "body", "Request body is not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new ApiException(400, "body", "Request body must be a JSON object with a field 'features'");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!field.equals("features")) {
                throw new ApiException(400, field, "Unknown field '" + field + "': the body has only 'features'");
            }
        }
        JsonNode features = root.get("features");
        if (features == null || features.isNull()) {
            throw new ApiException(400, "features", "Missing field 'features'");
        }
        if (!features.isObject()) {
            throw new ApiException(400, "features", "Field 'features' must be an object of feature name to number");
        }
        return row(features, featureNames);
    }

    private static double[] row(JsonNode features, List<String> featureNames) {
        Map<String, Integer> index = new java.util.HashMap<>();
        for (int i = 0; i < featureNames.size(); i++) {
            index.put(featureNames.get(i), i);
        }
        double[] row = new double[featureNames.size()];
        boolean[] seen = new boolean[row.length];
        for (Iterator<Map.Entry<String, JsonNode>> it = features.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String field = "features." + e.getKey();
            Integer i = index.get(e.getKey());
            if (i == null) {
                throw new ApiException(400, field, "Unknown feature '" + e.getKey() + "': the model has "
                    + featureNames.size() + " features, see GET /api/models/{version}");
            }
            JsonNode v = e.getValue();
            if (!v.isNumber() || !Double.isFinite(v.doubleValue())) {
                throw new ApiException(400, field, "Feature '" + e.getKey() + "' must be a finite number, got " + v);
            }
            row[i] = v.doubleValue();
            seen[i] = true;
        }
        for (int i = 0; i < seen.length; i++) {
            if (!seen[i]) {
                throw new ApiException(400, "features." + featureNames.get(i), "Missing feature '" + featureNames.get(i)
                    + "' (" + countMissing(seen) + " of " + seen.length + " missing)");
            }
        }
        return row;
    }

    private static int countMissing(boolean[] seen) {
        int n = 0;
        for (boolean s : seen) {
            n += s ? 0 : 1;
        }
        return n;
    }
}
