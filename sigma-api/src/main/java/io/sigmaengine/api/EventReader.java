package io.sigmaengine.api;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * Turns JSON text and Java maps into {@link Event}s. Thread-safe.
 *
 * <p>Two shapes are understood without any configuration:
 * <ul>
 *   <li><b>Flat or nested JSON</b> such as {@code {"EventID": 1, "Image": "C:\\x.exe"}} or ECS documents. A field
 *       name is looked up as a literal key first; a dotted name {@code a.b.c} then walks nested objects.</li>
 *   <li><b>Windows event JSON</b> as written by EVTX-to-JSON tools: {@code {"Event": {"System": {...},
 *       "EventData": {...}}}} with XML attributes under {@code #attributes}. Its fields are exposed under the names
 *       Sigma rules use: {@code EventData} and {@code UserData} entries by their own name ({@code Image},
 *       {@code CommandLine}), {@code System} entries by theirs ({@code EventID}, {@code Channel},
 *       {@code Computer}), and System attributes as {@code Element_Attribute} ({@code Provider_Name},
 *       {@code Execution_ProcessID}, {@code TimeCreated_SystemTime}). Full paths such as
 *       {@code Event.System.EventID} work too.</li>
 * </ul>
 */
public interface EventReader {

    /**
     * Parses one JSON object.
     *
     * @throws EventException if the text is not one valid JSON object or exceeds the {@link Limits}
     */
    Event parse(String json);

    /** Parses one JSON object from UTF-8 bytes. */
    Event parse(byte[] utf8, int offset, int length);

    /**
     * Wraps a map (with nested maps and lists) as an event, without copying it. Values follow
     * {@link Event#get(String)}.
     */
    Event fromMap(Map<String, ?> map);

    /**
     * Reads a stream of JSON objects to its end: JSON Lines, or objects one after another (pretty-printed or not),
     * plain or gzip-compressed (recognised by its first bytes), as {@code bin/sigma scan} reads files. Every record
     * is reported in order with the 1-based line where it starts, as an event or as an error; a bad record never
     * takes the next line's record with it, and no record is dropped without being reported. The stream is not
     * closed.
     *
     * @param sourceName a name for the input, used in error reasons
     * @throws IOException only if reading the stream fails, never because of its content
     */
    ReadSummary read(String sourceName, InputStream in, RecordListener listener) throws IOException;

    /** Receives the records of a stream, in order; an exception thrown here ends {@code read} with it. */
    interface RecordListener {
        /** A record that parsed; {@code line} is the 1-based line where it starts. */
        void onEvent(Event event, long line);

        /** A record that did not parse; {@code reason} says why and where. */
        void onError(long line, String reason);
    }

    /** What a stream held: {@code records == events + errors}. */
    record ReadSummary(long records, long events, long errors) {
    }
}
