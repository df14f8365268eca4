package dev.portico.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RotatingFileTest {
    @TempDir
    Path dir;

    @Test
    void rotatesBeforeALineWouldPassTheSizeAndKeepsOnlyMaxFiles() throws Exception {
        Path log = dir.resolve("logs/access.json.log");
        try (RotatingFile file = new RotatingFile(log, 20, 2)) {
            file.write(List.of("line-1---", "line-2---")); // 10 bytes each with the newline: exactly 20
            file.write(List.of("line-3---", "line-4---"));
            file.write(List.of("line-5---"));
            file.write(List.of("line-6---", "line-7---"));
        }
        assertEquals(List.of("line-7---"), Files.readAllLines(log));
        assertEquals(List.of("line-5---", "line-6---"), Files.readAllLines(log.resolveSibling("access.json.log.1")));
        assertEquals(List.of("line-3---", "line-4---"), Files.readAllLines(log.resolveSibling("access.json.log.2")));
        assertFalse(Files.exists(log.resolveSibling("access.json.log.3")), "only max-files rotated files are kept");
    }

    @Test
    void appendsToAnExistingFileAndCountsItsSize() throws Exception {
        Path log = dir.resolve("access.json.log");
        Files.writeString(log, "old------\n");
        try (RotatingFile file = new RotatingFile(log, 20, 1)) {
            file.write(List.of("new------", "newer----"));
        }
        assertEquals(List.of("newer----"), Files.readAllLines(log));
        assertEquals(List.of("old------", "new------"), Files.readAllLines(log.resolveSibling("access.json.log.1")));
        assertTrue(Files.size(log) <= 20);
    }
}
