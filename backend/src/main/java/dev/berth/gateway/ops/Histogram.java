package dev.berth.gateway.ops;

import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/** A lock-free latency histogram with fixed buckets (seconds), written as Prometheus text. */
final class Histogram {
  static final double[] BUCKETS = {0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

  private final LongAdder[] counts = new LongAdder[BUCKETS.length];
  private final LongAdder total = new LongAdder();
  private final DoubleAdder sum = new DoubleAdder();

  Histogram() {
    for (int i = 0; i < counts.length; i++) {
      counts[i] = new LongAdder();
    }
  }

  void observe(long nanos) {
    double seconds = nanos / 1e9;
    for (int i = 0; i < BUCKETS.length; i++) {
      if (seconds <= BUCKETS[i]) {
        counts[i].increment();
        break;
      }
    }
    total.increment();
    sum.add(seconds);
  }

  /** Appends the _bucket, _sum and _count lines; labels is e.g. {@code method="GET",route="/x"}. */
  void write(StringBuilder out, String name, String labels) {
    long cumulative = 0;
    for (int i = 0; i < BUCKETS.length; i++) {
      cumulative += counts[i].sum();
      out.append(name).append("_bucket{").append(labels).append(",le=\"").append(BUCKETS[i])
          .append("\"} ").append(cumulative).append('\n');
    }
    long count = total.sum();
    out.append(name).append("_bucket{").append(labels).append(",le=\"+Inf\"} ").append(count).append('\n');
    out.append(name).append("_sum{").append(labels).append("} ").append(sum.sum()).append('\n');
    out.append(name).append("_count{").append(labels).append("} ").append(count).append('\n');
  }
}
