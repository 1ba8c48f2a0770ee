package org.armstrace.releases;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.armstrace.cases.CaseScope;
import org.armstrace.codebook.Codebook;
import org.armstrace.common.DatasetIdentity;
import org.armstrace.common.db.Jdbc;
import org.armstrace.common.db.Sql;
import org.armstrace.common.error.ApiProblem;
import org.armstrace.common.error.ProblemType;
import org.armstrace.common.http.ExportFormat;
import org.armstrace.export.CsvOutput;
import org.armstrace.export.DataPackage;
import org.armstrace.export.RecordFormats;
import org.armstrace.export.RenderedRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Writes the files of a release once, when it is cut, from the records it froze (in id order), and
 * stores them in chunks. They are never written again, so every download is the same bytes. The five
 * files of records are deflated for the zip as they are written ({@link DeflatedFile}, {@link ReleaseZip})
 * and stored only inside it (with their entry's offset; {@link StoredFiles} reads them back), the others
 * whole as well.
 */
@ApplicationScoped
public class ReleaseFiles {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(ReleaseFiles.class);

    private static final int READ_CHUNK = 2000;
    /**
     * zlib's fastest family of levels (1-3): half the time of the default level 6 on a release of 100,000
     * records, for a zip about a quarter larger (27 MB instead of 21 MB per 253 MB of CSV and NDJSON).
     */
    private static final int ZIP_LEVEL = 3;
    /** Named so that a start after a crash recognises and removes what was left (EmbeddedDatabase.RELEASE_TEMP_PREFIX). */
    private static final String RELEASE_TEMP_PREFIX = "armstrace-release-";
    /** Files kept only inside the zip: all but the small ones that describe the release, and the zip. */
    private static final Set<FileKind> ONLY_IN_ZIP = EnumSet.of(
            FileKind.CASES_CSV,
            FileKind.CASES_NDJSON,
            FileKind.CASES_GEOJSON,
            FileKind.SOURCES_CSV,
            FileKind.COUNTS_CSV);

    private final Jdbc db;
    private final ObjectMapper json;
    private final RecordFormats formats;
    private final DataPackage dataPackage;
    private final SourceAndCountRows sourceAndCountRows;

    private final Optional<String> workDir;

    /**
     * {@code armstrace.work-dir} is where the files are written before they are stored (set by Main to the data
     * folder's private work folder, cleaned on start); without it, the system's temporary folder.
     */
    public ReleaseFiles(
            Jdbc db,
            ObjectMapper json,
            RecordFormats formats,
            DataPackage dataPackage,
            @ConfigProperty(name = "armstrace.work-dir") Optional<String> workDir) {
        this.workDir = workDir.filter(dir -> !dir.isBlank());
        this.db = db;
        this.json = json;
        this.formats = formats;
        this.dataPackage = dataPackage;
        this.sourceAndCountRows = new SourceAndCountRows(json.getFactory());
    }

    /**
     * Writes and stores every file of a release whose records are already frozen; the data package's
     * tables are described with the given codebook.
     */
    public void write(ReleaseStore.Row release, Codebook codebook) {
        Path dir = null;
        try {
            dir = workDir.isPresent()
                    ? Files.createTempDirectory(Files.createDirectories(Path.of(workDir.get())), RELEASE_TEMP_PREFIX)
                    : Files.createTempDirectory(RELEASE_TEMP_PREFIX);
            Map<FileKind, Path> paths = new EnumMap<>(FileKind.class);
            for (FileKind kind : FileKind.values()) {
                paths.put(kind, dir.resolve(kind.fileName()));
            }
            long start = System.nanoTime();
            // the record files are deflated for the zip and summed as they are written, never written out whole
            Map<FileKind, DeflatedFile.Entry> deflated = writeRecordFiles(frozen(release.id()), dir);
            Map<FileKind, FileSums> hashes = new EnumMap<>(FileKind.class);
            Map<FileKind, Long> sizes = new EnumMap<>(FileKind.class);
            deflated.forEach((kind, entry) -> {
                hashes.put(kind, entry.sums());
                sizes.put(kind, entry.size());
            });
            long written = System.nanoTime();
            writeDataPackage(release, codebook, paths, hashes, sizes);
            writeSums(paths, hashes);
            long summed = System.nanoTime();
            Map<FileKind, Long> offsets = writeZip(release, paths, deflated);
            long zipped = System.nanoTime();
            int position = 0;
            for (FileKind kind : FileKind.values()) {
                Long offset = ONLY_IN_ZIP.contains(kind) ? offsets.get(kind) : null;
                long bytes = sizes.containsKey(kind) ? sizes.get(kind) : Files.size(paths.get(kind));
                store(release.id(), position++, kind, paths, hashes, bytes, offset);
            }
            LOG.infof(
                    "Files of release %s: written in %d ms, checksummed in %d ms, zipped in %d ms, stored in %d ms.",
                    release.version(),
                    (written - start) / 1_000_000,
                    (summed - written) / 1_000_000,
                    (zipped - summed) / 1_000_000,
                    (System.nanoTime() - zipped) / 1_000_000);
        } catch (ReleaseZip.TooLarge e) {
            throw new ApiProblem(
                    ProblemType.CONFLICT,
                    "Release " + release.version() + " cannot be cut: " + e.getMessage() + "; nothing was released.");
        } catch (IOException e) {
            throw new UncheckedIOException("The files of release " + release.version() + " cannot be written", e);
        } finally {
            deleteQuietly(dir);
        }
    }

    /** The frozen records of a release as rendered, read in id order, a chunk at a time. */
    private RecordFormats.Records frozen(long releaseId) {
        CaseScope scope = CaseScope.release(releaseId);
        return writer -> {
            String after = "";
            while (true) {
                List<RenderedRecord> rows = db.list(
                        // the chunk's rows first, then their renditions (see CaseQuery.page)
                        Sql.of(
                                "select c.public_id, " + scope.rendered("document") + ", " + scope.rendered("csv_row")
                                        + ", " + scope.rendered("geometry")
                                        + " from (select * from release_case where release_id = ? and public_id > ?"
                                        + " order by public_id limit ?) c " + scope.renditionJoin()
                                        + " order by c.public_id",
                                releaseId,
                                after,
                                READ_CHUNK),
                        row -> new RenderedRecord(
                                row.getString("public_id"),
                                row.getBytes("document"),
                                row.getBytes("csv_row"),
                                row.getBytes("geometry")));
                for (RenderedRecord record : rows) {
                    writer.write(record);
                }
                if (rows.size() < READ_CHUNK) {
                    return;
                }
                after = rows.get(rows.size() - 1).id();
            }
        };
    }

    /**
     * The five files made of the records (cases as CSV, NDJSON and GeoJSON, sources, counts), written in
     * one pass over the frozen rows, each deflated for the zip into a file of its own in {@code dir}.
     */
    private Map<FileKind, DeflatedFile.Entry> writeRecordFiles(RecordFormats.Records records, Path dir)
            throws IOException {
        Map<FileKind, DeflatedFile> files = new EnumMap<>(FileKind.class);
        try {
            for (FileKind kind : ONLY_IN_ZIP) {
                files.put(
                        kind, DeflatedFile.create(dir.resolve(kind.fileName() + ".deflate"), ZIP_LEVEL, kind.isCsv()));
            }
            try (CsvOutput.Rows sources =
                            CsvOutput.open(files.get(FileKind.SOURCES_CSV), DataPackage.SOURCE_COLUMNS, false);
                    CsvOutput.Rows counts =
                            CsvOutput.open(files.get(FileKind.COUNTS_CSV), DataPackage.COUNT_COLUMNS, false)) {
                List<RecordFormats.Sink> sinks = List.of(
                        formats.sink(ExportFormat.CSV, files.get(FileKind.CASES_CSV)),
                        formats.sink(ExportFormat.NDJSON, files.get(FileKind.CASES_NDJSON)),
                        formats.sink(ExportFormat.GEOJSON, files.get(FileKind.CASES_GEOJSON)));
                records.forEach(record -> {
                    for (RecordFormats.Sink sink : sinks) {
                        sink.accept(record);
                    }
                    sourceAndCountRows.write(record.id(), record.document(), sources, counts);
                });
                for (RecordFormats.Sink sink : sinks) {
                    sink.finish();
                }
            }
        } finally {
            closeAll(files.values());
        }
        Map<FileKind, DeflatedFile.Entry> entries = new EnumMap<>(FileKind.class);
        files.forEach((kind, file) -> entries.put(kind, file.entry()));
        return entries;
    }

    /** Closes every stream, even when one cannot be closed; throws the first failure. */
    private static void closeAll(Iterable<? extends OutputStream> streams) throws IOException {
        IOException failure = null;
        for (OutputStream stream : streams) {
            try {
                stream.close();
            } catch (IOException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void writeDataPackage(
            ReleaseStore.Row release,
            Codebook codebook,
            Map<FileKind, Path> paths,
            Map<FileKind, FileSums> hashes,
            Map<FileKind, Long> sizes)
            throws IOException {
        Map<String, DataPackage.Resource> resources = new LinkedHashMap<>();
        for (FileKind kind : List.of(
                FileKind.CASES_CSV,
                FileKind.SOURCES_CSV,
                FileKind.COUNTS_CSV,
                FileKind.CASES_NDJSON,
                FileKind.CASES_GEOJSON)) {
            resources.put(
                    kind.fileName(),
                    new DataPackage.Resource(
                            kind.fileName(),
                            sizes.get(kind),
                            sums(kind, paths, hashes).plain()));
        }
        JsonNode descriptor = dataPackage
                .with(codebook)
                .descriptor(
                        release.version(),
                        release.releasedAt(),
                        new DataPackage.About(
                                DatasetIdentity.TITLE,
                                DatasetIdentity.DESCRIPTION,
                                DatasetIdentity.LICENSE,
                                DatasetIdentity.AUTHOR),
                        resources);
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"));
        byte[] bytes = json.writer(printer).writeValueAsBytes(descriptor);
        try (OutputStream out = Files.newOutputStream(paths.get(FileKind.DATAPACKAGE))) {
            out.write(bytes);
            out.write('\n');
        }
    }

    /** {@code sha256sum} text format: every file but itself and the zip that holds it. */
    private void writeSums(Map<FileKind, Path> paths, Map<FileKind, FileSums> hashes) throws IOException {
        StringBuilder sums = new StringBuilder();
        for (FileKind kind : FileKind.values()) {
            if (kind != FileKind.SHA256SUMS && kind != FileKind.ZIP) {
                sums.append(sums(kind, paths, hashes).plain())
                        .append("  ")
                        .append(kind.fileName())
                        .append('\n');
            }
        }
        Files.writeString(paths.get(FileKind.SHA256SUMS), sums, StandardCharsets.UTF_8);
    }

    /** A file's name inside the release's zip: in a folder named after the release. */
    static String entryName(ReleaseStore.Row release, FileKind kind) {
        return folder(release) + "/" + kind.fileName();
    }

    /** The folder of the release's files inside its zip. */
    private static String folder(ReleaseStore.Row release) {
        return "armstrace-" + release.version();
    }

    /**
     * Every other file in a folder named after the release, dated the release's time (UTC), in a fixed
     * order; answers where each file's entry starts in the zip.
     */
    private Map<FileKind, Long> writeZip(
            ReleaseStore.Row release, Map<FileKind, Path> paths, Map<FileKind, DeflatedFile.Entry> deflated)
            throws IOException {
        try (ReleaseZip zip = new ReleaseZip(
                paths.get(FileKind.ZIP),
                folder(release),
                release.releasedAt().withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime(),
                ZIP_LEVEL)) {
            for (FileKind kind : FileKind.values()) {
                if (deflated.containsKey(kind)) {
                    zip.addDeflated(kind, deflated.get(kind));
                } else if (kind != FileKind.ZIP) {
                    zip.add(kind, paths.get(kind));
                }
            }
            return zip.offsets();
        }
    }

    /** Lists a file; stores its bytes in chunks unless it is kept only inside the zip (an offset). */
    private void store(
            long releaseId,
            int position,
            FileKind kind,
            Map<FileKind, Path> paths,
            Map<FileKind, FileSums> hashes,
            long bytes,
            Long zipOffset)
            throws IOException {
        Path path = paths.get(kind);
        FileSums sums = sums(kind, paths, hashes);
        db.update(Sql.of(
                """
                insert into release_file (release_id, position, name, media_type, bytes, sha256, bom_sha256, zip_offset)
                values (?, ?, ?, ?, ?, ?, ?, ?)""",
                releaseId,
                position,
                kind.fileName(),
                kind.mediaType(),
                bytes,
                sums.plain(),
                sums.withBom(),
                zipOffset));
        if (zipOffset != null) {
            return;
        }
        try (InputStream in = Files.newInputStream(path)) {
            int chunk = 0;
            byte[] data;
            while ((data = in.readNBytes(ReleaseStore.CHUNK_BYTES)).length > 0 || chunk == 0) {
                db.update(Sql.of(
                        "insert into release_file_chunk (release_id, name, chunk, data) values (?, ?, ?, ?)",
                        releaseId,
                        kind.fileName(),
                        chunk++,
                        data));
                if (data.length < ReleaseStore.CHUNK_BYTES) {
                    break;
                }
            }
        }
    }

    /** A file's sums ({@link FileSums}): from one read, once per file, remembered in {@code hashes}. */
    private static FileSums sums(FileKind kind, Map<FileKind, Path> paths, Map<FileKind, FileSums> hashes)
            throws IOException {
        FileSums known = hashes.get(kind);
        if (known == null) {
            known = FileSums.of(paths.get(kind), kind.isCsv());
            hashes.put(kind, known);
        }
        return known;
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (var files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(dir);
        } catch (IOException ignored) {
            // a temporary folder left behind is harmless
        }
    }
}
