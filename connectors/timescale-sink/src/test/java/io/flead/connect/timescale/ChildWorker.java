package io.flead.connect.timescale;

import io.flead.embedded.ConnectSettings;
import io.flead.embedded.EmbeddedConnect;
import java.nio.file.Path;

/** Run in a child JVM by {@link SinkITCases}: a Connect worker that the test kills with SIGKILL mid-stream. */
public final class ChildWorker {
    private ChildWorker() {
    }

    /** Arguments: bootstrap servers, plugin directory, Connect group id. */
    public static void main(String[] args) throws Exception {
        EmbeddedConnect connect = EmbeddedConnect.start(ConnectSettings.builder(args[0]).pluginDir(Path.of(args[1]))
                .groupId(args[2])
                // a SIGKILLed worker's sink consumers must leave the group quickly for the next worker
                .override("consumer.session.timeout.ms", "6000")
                .override("consumer.heartbeat.interval.ms", "1000")
                // no offset commit before the kill: everything written so far is redelivered to the next worker
                .override("offset.flush.interval.ms", "60000")
                .build());
        System.out.println("REST " + connect.restUrl());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
