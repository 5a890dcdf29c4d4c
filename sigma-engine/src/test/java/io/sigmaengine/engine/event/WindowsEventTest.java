package io.sigmaengine.engine.event;

import io.sigmaengine.api.Event;
import io.sigmaengine.api.Limits;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Sigma-name view of nested Windows event JSON. */
class WindowsEventTest {

    private final JsonEventReader reader = new JsonEventReader(Limits.defaults());

    private static final String SYSTEM = "\"System\":{"
            + "\"Provider\":{\"#attributes\":{\"Name\":\"Microsoft-Windows-Security-Auditing\","
            + "\"Guid\":\"54849625-5478-4994-A5BA-3E3B0328C30D\"}},"
            + "\"EventID\":{\"#attributes\":{\"Qualifiers\":16384},\"#text\":4625},"
            + "\"Version\":0,\"Level\":0,\"Task\":12544,\"Opcode\":0,\"Keywords\":\"0x8010000000000000\","
            + "\"TimeCreated\":{\"#attributes\":{\"SystemTime\":\"2024-05-01T10:00:00.123Z\"}},"
            + "\"EventRecordID\":123456789012,"
            + "\"Correlation\":{\"#attributes\":{\"ActivityID\":\"A1B2\"}},"
            + "\"Execution\":{\"#attributes\":{\"ProcessID\":636,\"ThreadID\":1234}},"
            + "\"Channel\":\"Security\",\"Computer\":\"dc01.corp\",\"Security\":null}";

    private Event parse(String payload) {
        return reader.parse("{\"Event\":{\"#attributes\":{\"xmlns\":\"http://schemas.microsoft.com/win/2004/08/events/event\"},"
                + SYSTEM + (payload.isEmpty() ? "" : "," + payload) + "}}");
    }

    @Test
    void systemFieldsByTheirOwnNameWithTextUnwrapped() {
        Event e = parse("\"EventData\":{\"TargetUserName\":\"bob\"}");
        assertInstanceOf(WindowsEvent.class, e);
        assertEquals(4625, e.get("EventID"));
        assertEquals("Security", e.get("Channel"));
        assertEquals("dc01.corp", e.get("Computer"));
        assertEquals(0, e.get("Level"));
        assertEquals(12544, e.get("Task"));
        assertEquals("0x8010000000000000", e.get("Keywords"));
        assertEquals(123456789012L, e.get("EventRecordID"));
        assertEquals(0, e.get("Version"));
        assertEquals(0, e.get("Opcode"));
        assertNull(e.get("Security"), "an empty element is present with a null value");
        assertEquals("2024-05-01T10:00:00.123Z", e.get("TimeCreated"), "the flat convention's TimeCreated");
        assertInstanceOf(Map.class, e.get("Execution"), "other elements without text stay objects");
    }

    @Test
    void systemAttributesAsElementUnderscoreAttribute() {
        Event e = parse("");
        assertEquals("Microsoft-Windows-Security-Auditing", e.get("Provider_Name"));
        assertEquals("54849625-5478-4994-A5BA-3E3B0328C30D", e.get("Provider_Guid"));
        assertEquals(636, e.get("Execution_ProcessID"));
        assertEquals(1234, e.get("Execution_ThreadID"));
        assertEquals("2024-05-01T10:00:00.123Z", e.get("TimeCreated_SystemTime"));
        assertEquals("A1B2", e.get("Correlation_ActivityID"));
        assertEquals(16384, e.get("EventID_Qualifiers"));
        assertSame(Event.MISSING, e.get("Security_UserID"), "Security is empty here");
        assertSame(Event.MISSING, e.get("Provider_Nope"));
        assertSame(Event.MISSING, e.get("Provider_"));
        assertSame(Event.MISSING, e.get("_Name"));
    }

    @Test
    void fullPathsStillWork() {
        Event e = parse("\"EventData\":{\"TargetUserName\":\"bob\"}");
        assertEquals(Map.of("#attributes", Map.of("Qualifiers", 16384), "#text", 4625), e.get("Event.System.EventID"));
        assertEquals(4625, e.get("Event.System.EventID.#text"));
        assertEquals("bob", e.get("Event.EventData.TargetUserName"));
        assertInstanceOf(Map.class, e.get("Event"));
    }

    @Test
    void eventDataByNameAndWithSpacesRemoved() {
        Event e = parse("\"EventData\":{\"Threat Name\":\"EICAR\",\"Process Name\":{\"#text\":\"C:\\\\x.exe\"},"
                + "\"LogonType\":3,\"Empty\":null,\"Text\":{\"#text\":\"t\"}}");
        assertEquals("EICAR", e.get("ThreatName"));
        assertEquals("EICAR", e.get("Threat Name"));
        assertEquals("C:\\x.exe", e.get("ProcessName"));
        assertEquals(3, e.get("LogonType"));
        assertNull(e.get("Empty"));
        assertEquals("t", e.get("Text"));
        assertSame(Event.MISSING, e.get("Threat"));
    }

    @Test
    void literalNameWinsOverTheSpacelessFormOfAnother() {
        Event e = parse("\"EventData\":{\"Threat Name\":\"spaced\",\"ThreatName\":\"literal\"}");
        assertEquals("literal", e.get("ThreatName"));
    }

    @Test
    void namedDataItemsInAnArray() {
        Event e = parse("\"EventData\":{\"Data\":["
                + "{\"#attributes\":{\"Name\":\"SubjectUserSid\"},\"#text\":\"S-1-5-18\"},"
                + "{\"#attributes\":{\"Name\":\"LogonType\"},\"#text\":3},"
                + "{\"#attributes\":{\"Name\":\"Empty\"}},"
                + "{\"#attributes\":{\"Name\":\"Threat Name\"},\"#text\":\"EICAR\"}]}");
        assertEquals("S-1-5-18", e.get("SubjectUserSid"));
        assertEquals(3, e.get("LogonType"));
        assertNull(e.get("Empty"), "an empty Data element is present with a null value");
        assertEquals("EICAR", e.get("ThreatName"));
        assertEquals("EICAR", e.get("Threat Name"));
        assertSame(Event.MISSING, e.get("Data"), "no unnamed items");
    }

    @Test
    void aSingleNamedDataItem() {
        Event e = parse("\"EventData\":{\"Data\":{\"#attributes\":{\"Name\":\"ScriptBlockText\"},\"#text\":\"iex\"}}");
        assertEquals("iex", e.get("ScriptBlockText"));
        assertSame(Event.MISSING, e.get("Data"));
    }

    @Test
    void unnamedDataItemsAreData() {
        assertEquals("only", parse("\"EventData\":{\"Data\":\"only\"}").get("Data"));
        assertEquals(List.of("a", "b"), parse("\"EventData\":{\"Data\":[\"a\",\"b\"]}").get("Data"));
        assertEquals(List.of("Stopped", "Available", "NewEngineState=Stopped"),
                parse("\"EventData\":{\"Data\":{\"#text\":[\"Stopped\",\"Available\",\"NewEngineState=Stopped\"]}}")
                        .get("Data"), "texts merged by the converter");
        Event mixed = parse("\"EventData\":{\"Data\":[{\"#attributes\":{\"Name\":\"X\"},\"#text\":\"x\"},"
                + "{\"#text\":\"u1\"},\"u2\"],\"Binary\":\"00AA\"}");
        assertEquals("x", mixed.get("X"));
        assertEquals(List.of("u1", "u2"), mixed.get("Data"));
        assertEquals("00AA", mixed.get("Binary"));
    }

    @Test
    void userDataLeavesByTheirOwnName() {
        Event e = parse("\"UserData\":{\"LogFileCleared\":{\"#attributes\":{\"xmlns\":\"http://x\"},"
                + "\"SubjectUserName\":\"admin\",\"Channel\":\"Security\",\"Nested\":{\"Deep\":{\"#text\":\"d\"},"
                + "\"Param\":[\"p1\",\"p2\"],\"Empty\":{\"#attributes\":{\"a\":1}}},\"Param\":\"p3\"}}");
        assertEquals("admin", e.get("SubjectUserName"));
        assertEquals("d", e.get("Deep"));
        assertEquals(List.of("p1", "p2", "p3"), e.get("Param"), "repeated names become a list, in document order");
        assertNull(e.get("Empty"));
        assertSame(Event.MISSING, e.get("xmlns"), "attributes are not leaves");
        assertEquals("Security", e.get("Channel"), "System wins for the plain name...");
        assertEquals("Security", e.get("UserData_Channel"), "...the payload keeps the prefixed one");
        assertEquals("admin", e.get("Event.UserData.LogFileCleared.SubjectUserName"));
    }

    @Test
    void payloadNamesClashingWithSystemAreReachableWithAPrefix() {
        Event e = parse("\"EventData\":{\"Channel\":\"payload\",\"Computer Name\":\"pc\",\"Data\":"
                + "[{\"#attributes\":{\"Name\":\"Level\"},\"#text\":\"high\"}]}");
        assertEquals("Security", e.get("Channel"));
        assertEquals("payload", e.get("EventData_Channel"));
        assertEquals(0, e.get("Level"));
        assertEquals("high", e.get("EventData_Level"));
        assertEquals("pc", e.get("EventData_ComputerName"));
        assertSame(Event.MISSING, e.get("EventData_Nothing"));
        assertSame(Event.MISSING, e.get("UserData_Channel"));
    }

    @Test
    void eventDataWinsOverUserDataAndOtherSections() {
        Event e = parse("\"EventData\":{\"Name\":\"ed\"},\"UserData\":{\"X\":{\"Name\":\"ud\",\"Only\":1}},"
                + "\"RenderingInfo\":{\"#attributes\":{\"Culture\":\"en-US\"},\"Message\":\"An account logged on.\","
                + "\"Name\":\"ri\",\"Keywords\":{\"Keyword\":[\"Audit Success\"]}}");
        assertEquals("ed", e.get("Name"));
        assertEquals(1, e.get("Only"));
        assertEquals("An account logged on.", e.get("Message"), "other payload sections come last");
        assertEquals("Audit Success", e.get("Keyword"));
        assertEquals("ud", e.get("UserData_Name"));
    }

    @Test
    void visitValuesCoversTheWholeDocument() {
        Event e = parse("\"EventData\":{\"Data\":[{\"#attributes\":{\"Name\":\"CommandLine\"},\"#text\":\"whoami\"}]}");
        List<Object> seen = new ArrayList<>();
        assertTrue(e.visitValues(seen::add));
        assertTrue(seen.contains("whoami"));
        assertTrue(seen.contains(4625));
        assertTrue(seen.contains("Microsoft-Windows-Security-Auditing"));
        assertEquals(1, seen.stream().filter("CommandLine"::equals).count(), "attribute values are values");
        assertFalse(seen.contains("EventData"), "keys are not");
    }

    @Test
    void theWindowsShapeNeedsEventWithASystemObject() {
        assertInstanceOf(MapEvent.class, reader.parse("{\"Event\":{\"EventData\":{\"a\":1}}}"));
        assertInstanceOf(MapEvent.class, reader.parse("{\"Event\":{\"System\":\"x\"}}"));
        assertInstanceOf(MapEvent.class, reader.parse("{\"Event\":[1]}"));
        Event minimal = reader.parse("{\"Event\":{\"System\":{}}}");
        assertInstanceOf(WindowsEvent.class, minimal);
        assertSame(Event.MISSING, minimal.get("EventID"));
        assertSame(Event.MISSING, minimal.get("Data"));
    }

    @Test
    void topLevelKeysComeFirst() {
        Event e = reader.parse("{\"EventID\":1,\"Event\":{\"System\":{\"EventID\":2}}}");
        assertEquals(1, e.get("EventID"));
        assertEquals(2, e.get("Event.System.EventID"));
    }

    @Test
    void callerMapsGetTheWindowsViewToo() {
        Map<String, Object> system = new LinkedHashMap<>();
        system.put("EventID", Map.of("#text", "4688"));
        system.put("Provider", Map.of("#attributes", Map.of("Name", "P")));
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("System", system);
        event.put("EventData", Map.of("Data", Arrays.asList(
                Map.of("#attributes", Map.of("Name", "NewProcessName"), "#text", "C:\\a.exe"), "free")));
        Event e = reader.fromMap(Map.of("Event", event));
        assertInstanceOf(WindowsEvent.class, e);
        assertEquals("4688", e.get("EventID"));
        assertEquals("P", e.get("Provider_Name"));
        assertEquals("C:\\a.exe", e.get("NewProcessName"));
        assertEquals("free", e.get("Data"));
    }
}
