package io.sigmaengine.engine.optimize;

import java.util.List;

/** Runs independent compilation tasks, possibly on several threads, and returns when all of them are done. */
@FunctionalInterface
public interface TaskRunner {

    /** Runs every task on the calling thread, in order. */
    TaskRunner SEQUENTIAL = tasks -> tasks.forEach(Runnable::run);

    /** Runs the tasks; an exception of a task is rethrown here. */
    void runAll(List<Runnable> tasks);
}
