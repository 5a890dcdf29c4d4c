package io.sigmaengine.cli;

/** Command-line entry point (work in progress). */
public final class SigmaCli {
    private SigmaCli() {
    }

    public static void main(String[] args) {
        System.err.println("sigma: not implemented yet");
        System.exit(2);
    }
}
