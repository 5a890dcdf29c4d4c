package io.sigmaengine.api;

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
}
