package org.armstrace.cases;

import java.net.URI;
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
            "defcad.com", "thingiverse.com", "printables.com", "thangs.com", "cults3d.com", "myminifactory.com",
            "grabcad.com", "pinshape.com", "yeggi.com", "stlfinder.com", "mega.nz", "mega.io", "mediafire.com",
            "dropbox.com", "wetransfer.com", "sendspace.com", "zippyshare.com", "anonfiles.com", "gofile.io",
            "pixeldrain.com", "drive.google.com", "docs.google.com", "onedrive.live.com", "1drv.ms", "box.com",
            "odysee.com", "lbry.tv", "thepiratebay.org", "1337x.to", "rapidgator.net", "uploaded.net", "4shared.com");

    /** File extensions of 3D models, CAD and slicer files, and archives. */
    static final Set<String> DENIED_EXTENSIONS = Set.of(
            "stl", "obj", "3mf", "amf", "step", "stp", "iges", "igs", "f3d", "f3z", "sldprt", "sldasm", "scad",
            "fcstd", "blend", "dwg", "dxf", "gcode", "gco", "x_t", "x_b", "sat", "ply", "zip", "rar", "7z", "tar",
            "gz", "tgz", "bz2", "xz", "torrent");

    private SourceSafety() {
    }

    /** A refused URL: the rule it breaks and why, for people. */
    record Refusal(String rule, String detail) {
    }

    /** Why a URL is refused (rule and detail), or empty when it is acceptable. */
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
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        for (String denied : DENIED_HOSTS) {
            if (host.equals(denied) || host.endsWith("." + denied)) {
                return Optional.of(new Refusal("denied_host",
                        "points at " + denied + ", a file-sharing or design-file host; cite a report about the case instead"));
            }
        }
        String path = uri.getPath() == null ? "" : uri.getPath().toLowerCase(Locale.ROOT);
        int dot = path.lastIndexOf('.');
        if (dot > path.lastIndexOf('/') && DENIED_EXTENSIONS.contains(path.substring(dot + 1))) {
            return Optional.of(new Refusal("denied_extension",
                    "points at a ." + path.substring(dot + 1) + " file; design, print and archive files are never linked"));
        }
        return Optional.empty();
    }
}
