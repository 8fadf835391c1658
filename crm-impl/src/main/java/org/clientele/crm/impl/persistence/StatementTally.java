package org.clientele.crm.impl.persistence;

/**
 * The SQL statement counts open on each thread. Static because the two places that count cannot be injected: the
 * JPA provider instantiates {@link StatementCountingListener} itself, and {@link Jdbc#connection} is a static
 * helper. When no count is open (counting disabled: the normal case) recording is one thread-local read.
 */
public final class StatementTally {

  private static final ThreadLocal<Count> CURRENT = new ThreadLocal<>();

  private StatementTally() {}

  /** Opens a count on this thread; an open count around it also sees what this one counts. */
  public static Count open() {
    Count count = new Count(CURRENT.get(), Thread.currentThread());
    CURRENT.set(count);
    return count;
  }

  /** Whether a count is open on this thread. */
  public static boolean counting() {
    return CURRENT.get() != null;
  }

  /** One statement executed on this thread: counted by every open count. */
  public static void record() {
    for (Count count = CURRENT.get(); count != null; count = count.outer) {
      count.statements++;
    }
  }

  /** One count; closed on the thread that opened it. */
  public static final class Count implements AutoCloseable {

    private final Count outer;
    private final Thread thread;
    private long statements;
    private boolean closed;

    private Count(Count outer, Thread thread) {
      this.outer = outer;
      this.thread = thread;
    }

    public long statements() {
      return statements;
    }

    /**
     * Stops counting. Counts opened inside this one and left open are closed with it; closing twice, or on
     * another thread than the one that opened it, does nothing.
     */
    @Override
    public void close() {
      if (closed || Thread.currentThread() != thread) {
        return;
      }
      closed = true;
      for (Count c = CURRENT.get(); c != null; c = c.outer) {
        if (c == this) {
          if (outer == null) {
            CURRENT.remove();
          } else {
            CURRENT.set(outer);
          }
          return;
        }
      }
    }
  }
}
