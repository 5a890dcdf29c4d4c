package io.sigmaengine.api;

/**
 * Counters of a {@link Detector} since it was created (or restored: a snapshot carries them).
 *
 * @param events          events processed
 * @param matches         stand-alone single-event matches reported
 * @param alerts          correlation alerts reported
 * @param lateEvents      events left out of correlations because they were later than the lateness bound
 * @param untimedEvents   events left out of correlations because they had no readable timestamp
 * @param liveGroups      correlation groups currently held
 * @param bufferedEvents  events currently held back to be put in time order
 * @param expiredGroups   groups dropped because event time moved past their window (normal operation)
 * @param evictedGroups   groups dropped early to stay within {@link DetectorOptions#maxGroups()}
 * @param rejectedGroups  events not counted because a new group was refused under
 *                        {@link DetectorOptions.EvictionPolicy#REJECT_NEW}
 * @param droppedEntries  window entries dropped to stay within {@link DetectorOptions#maxEventsPerGroup()}
 * @param forcedReleases  events released from the reordering buffer before their lateness bound had passed, to stay
 *                        within {@link DetectorOptions#maxBufferedEvents()}
 */
public record DetectorStats(long events, long matches, long alerts, long lateEvents, long untimedEvents,
                            long liveGroups, long bufferedEvents, long expiredGroups, long evictedGroups,
                            long rejectedGroups, long droppedEntries, long forcedReleases) {
}
