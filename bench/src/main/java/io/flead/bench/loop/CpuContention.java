package io.flead.bench.loop;

import java.util.ArrayList;
import java.util.List;

/** Busy-spinning threads, one per core, competing with the platform for the CPU until closed. */
final class CpuContention implements AutoCloseable {
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;
    private volatile long sink;

    private CpuContention(int threadCount) {
        for (int i = 0; i < threadCount; i++) {
            Thread t = new Thread(this::spin, "loop-bench-spinner-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    /** {@code threadCount} spinning threads; 0 for none. */
    static CpuContention start(int threadCount) {
        return new CpuContention(threadCount);
    }

    int threads() {
        return threads.size();
    }

    private void spin() {
        long x = 1;
        while (running) {
            x = x * 6364136223846793005L + 1442695040888963407L;
        }
        sink = x;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Thread t : threads) {
            t.join(5000);
        }
    }
}
