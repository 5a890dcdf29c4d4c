package io.sigmaengine.engine.hostile;

import io.sigmaengine.api.Limits;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** SECURITY.md lists every limit of {@link Limits} with the default actually in force. */
class SecurityDocTest {

    private static final Pattern ROW = Pattern.compile("^\\| `(max\\w+)` \\| ([0-9,]+)", Pattern.MULTILINE);

    @Test
    void theLimitsTableMatchesLimitsDefaults() throws Exception {
        Map<String, Integer> documented = new TreeMap<>();
        Matcher m = ROW.matcher(Files.readString(securityMd()));
        while (m.find()) {
            documented.put(m.group(1), Integer.parseInt(m.group(2).replace(",", "")));
        }
        Map<String, Integer> actual = new TreeMap<>();
        for (Method method : Limits.class.getDeclaredMethods()) {
            if (Modifier.isPublic(method.getModifiers()) && !Modifier.isStatic(method.getModifiers())
                    && method.getParameterCount() == 0 && method.getReturnType() == int.class) {
                actual.put(method.getName(), (Integer) method.invoke(Limits.defaults()));
            }
        }
        assertEquals(actual, documented);
    }

    private static Path securityMd() throws IOException {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("SECURITY.md"))) {
                return dir.resolve("SECURITY.md");
            }
        }
        throw new IOException("SECURITY.md not found above " + Path.of("").toAbsolutePath());
    }
}
