package io.sigmaengine.engine.program;

/**
 * The rules an event can match once the routing tree has placed it (e.g. all rules for one event id and channel),
 * and which field scans they need.
 *
 * <p>After the scans, a rule of the bucket is a candidate if one of its trigger atoms was hit; rules without
 * triggers are in {@link #always}. Candidates are then decided by running their code.
 */
public final class Bucket {

    /** Every rule of the bucket, ascending. */
    public final int[] rules;
    /** Membership bit set over rule indexes: triggers of rules outside the bucket are ignored. */
    public final long[] members;
    /** Rules run on every event of the bucket (no trigger could be derived), ascending. */
    public final int[] always;
    /** Field slots to scan (with {@link Program#scans}) for this bucket's rules. */
    public final int[] scanSlots;
    /**
     * The scan of every value of the event for the keyword literals of this bucket's rules, or {@code null} when
     * none of them has keywords. Per bucket, so an event only looks for the keywords of rules it can match.
     */
    public final FieldScan keywordScan;

    public Bucket(int[] rules, long[] members, int[] always, int[] scanSlots, FieldScan keywordScan) {
        this.rules = rules;
        this.members = members;
        this.always = always;
        this.scanSlots = scanSlots;
        this.keywordScan = keywordScan;
    }

    public boolean contains(int rule) {
        return (members[rule >>> 6] & (1L << rule)) != 0;
    }
}
