package org.armstrace.cases;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps links to where weapon design files can be had out of the dataset: a source URL must not point
 * at a file-sharing or design-file host, nor at a CAD, print or archive file.
 */
final class SourceSafety {

    /** Hosts (and their subdomains) that share design files or arbitrary files. */
    static final Set<String> DENIED_HOSTS = Set.of(
            "defcad.com",
            "thingiverse.com",
            "printables.com",
            "thangs.com",
            "cults3d.com",
            "myminifactory.com",
            "grabcad.com",
            "pinshape.com",
            "yeggi.com",
            "stlfinder.com",
            "mega.nz",
            "mega.io",
            "mediafire.com",
            "dropbox.com",
            "wetransfer.com",
            "sendspace.com",
            "zippyshare.com",
            "anonfiles.com",
            "gofile.io",
            "pixeldrain.com",
            "drive.google.com",
            "docs.google.com",
            "onedrive.live.com",
            "1drv.ms",
            "box.com",
            "odysee.com",
            "lbry.tv",
            "thepiratebay.org",
            "1337x.to",
            "rapidgator.net",
            "uploaded.net",
            "4shared.com");

    /** File extensions of 3D models, CAD and slicer files, and archives. */
    static final Set<String> DENIED_EXTENSIONS = Set.of(
            "stl", "obj", "3mf", "amf", "step", "stp", "iges", "igs", "f3d", "f3z", "sldprt", "sldasm", "scad", "fcstd",
            "blend", "dwg", "dxf", "gcode", "gco", "x_t", "x_b", "sat", "ply", "zip", "rar", "7z", "tar", "gz", "tgz",
            "bz2", "xz", "torrent");

    private SourceSafety() {}

    /** A refused URL: the rule it breaks and why, for people. */
    record Refusal(String rule, String detail) {}

    /**
     * Why a URL is refused (rule and detail), or empty when it is acceptable. The URL is normalised the way a
     * server would read it before the checks, so that spelling variants cannot sidestep them: the host lower-cased
     * without trailing dots, the path percent-decoded with {@code ;parameters} stripped from every segment and
     * trailing slashes ignored; file extensions are looked for in the last path segment and in every query
     * parameter's name and value.
     */
    static Optional<Refusal> refusal(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (Exception e) {
            return Optional.of(new Refusal("url", "is not a valid URL"));
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            return Optional.of(new Refusal("url", "must be an absolute http(s) URL"));
        }
        String host = host(uri.getHost());
        if (host.isEmpty()) {
            return Optional.of(new Refusal("url", "must be an absolute http(s) URL"));
        }
        Optional<String> deniedHost = deniedHost(host);
        if (deniedHost.isPresent()) {
            return Optional.of(new Refusal(
                    "denied_host",
                    "points at " + deniedHost.get()
                            + ", a file-sharing or design-file host; cite a report about the case instead"));
        }
        Optional<String> extension = deniedExtension(lastSegment(decode(uri.getRawPath())));
        if (extension.isEmpty() && uri.getRawQuery() != null) {
            extension = deniedExtensionInQuery(uri.getRawQuery());
        }
        return extension.map(ext -> new Refusal(
                "denied_extension", "points at a ." + ext + " file; design, print and archive files are never linked"));
    }

    /** The denied host that a (normalised) host is, or is a subdomain of. */
    private static Optional<String> deniedHost(String host) {
        for (String denied : DENIED_HOSTS) {
            int before = host.length() - denied.length() - 1; // where the dot in front of a subdomain's suffix is
            if (host.endsWith(denied) && (before < 0 || host.charAt(before) == '.')) {
                return Optional.of(denied);
            }
        }
        return Optional.empty();
    }

    /** A denied extension in any query parameter's name or value. */
    private static Optional<String> deniedExtensionInQuery(String rawQuery) {
        for (String parameter : rawQuery.split("[&;]")) {
            for (String part : parameter.split("=", 2)) {
                Optional<String> extension = deniedExtension(lastSegment(decode(part.replace('+', ' '))));
                if (extension.isPresent()) {
                    return extension;
                }
            }
        }
        return Optional.empty();
    }

    /** The host as DNS reads it: lower case, without the trailing dots of a fully qualified name. */
    static String host(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        int end = h.length();
        while (end > 0 && h.charAt(end - 1) == '.') {
            end--;
        }
        return h.substring(0, end);
    }

    /** The last non-empty segment of a decoded path (or of a value that may be a path or URL), without ;parameters. */
    static String lastSegment(String path) {
        String[] segments = path.split("/");
        for (int i = segments.length - 1; i >= 0; i--) {
            String segment = segments[i];
            int semicolon = segment.indexOf(';');
            if (semicolon >= 0) {
                segment = segment.substring(0, semicolon);
            }
            segment = segment.strip();
            if (!segment.isEmpty()) {
                return segment;
            }
        }
        return "";
    }

    /** The extension of a file name when it is a denied one (case and trailing dots do not matter). */
    private static Optional<String> deniedExtension(String name) {
        String file = host(name); // the same normalisation: lower case, trailing dots dropped
        int dot = file.lastIndexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        String extension = file.substring(dot + 1);
        return DENIED_EXTENSIONS.contains(extension) ? Optional.of(extension) : Optional.empty();
    }

    /** Percent-decodes (UTF-8) until nothing changes, so that double encoding hides nothing; bad escapes stay as they are. */
    static String decode(String text) {
        if (text == null) {
            return "";
        }
        String current = text;
        for (int round = 0; round < 4; round++) {
            String next = decodeOnce(current);
            if (next.equals(current)) {
                break;
            }
            current = next;
        }
        return current;
    }

    private static String decodeOnce(String text) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        int i = 0;
        while (i < text.length()) {
            if (text.charAt(i) == '%'
                    && i + 2 < text.length()
                    && HexFormat.isHexDigit(text.charAt(i + 1))
                    && HexFormat.isHexDigit(text.charAt(i + 2))) {
                bytes.write(HexFormat.fromHexDigits(text, i + 1, i + 3));
                i += 3;
            } else {
                int codePoint = text.codePointAt(i);
                bytes.writeBytes(Character.toString(codePoint).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(codePoint);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
