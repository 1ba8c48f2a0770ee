package org.armstrace.explorer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.armstrace.testing.PackagedService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.Pdf;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.print.PageSize;
import org.openqa.selenium.print.PrintOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The explorer in a real browser (headless Chromium driven by Selenium) against the packaged service, as a
 * reader uses it: home, filter, search, pages, a case and its sources, a CSV download, the fact sheet printed
 * to PDF, and axe-core on every page. Screenshots of each page go to {@code target/browser/}. Skipped, saying
 * so, only when this machine has no Chromium ({@code .ci/run} installs it).
 */
class ExplorerBrowserIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path AXE = Path.of("tools", "browser", "node_modules", "axe-core", "axe.min.js");
    private static final Path OUT = Path.of("target", "browser");

    private static Process service;
    private static ChromeDriver browser;
    private static String base;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(
                Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER),
                "ExplorerBrowserIT skipped: no Chromium here (" + CHROMIUM + ", " + DRIVER
                        + "); install it with apt-get install chromium chromium-driver, as .ci/run does");
        assertTrue(Files.isRegularFile(AXE), "axe-core is missing: run (cd tools/browser && npm ci), as .ci/run does");
        Files.createDirectories(OUT.resolve("downloads"));
        try (Stream<Path> old = Files.list(OUT.resolve("downloads"))) {
            for (Path file : old.toList()) {
                Files.delete(file);
            }
        }
        port = PackagedService.freePort();
        base = "http://localhost:" + port;
        Path data = PackagedService.tempDir("armstrace-browser");
        service = PackagedService.start(
                port,
                OUT.resolve("service.log"),
                "-Darmstrace.data-dir=" + data,
                "-Darmstrace.public-base-url=" + base);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1000", "--lang=en");
        options.setExperimentalOption(
                "prefs",
                Map.of(
                        "download.default_directory",
                        OUT.resolve("downloads").toAbsolutePath().toString(),
                        "download.prompt_for_download",
                        false));
        ChromeDriverService driver = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(driver, options);
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (browser != null) {
            browser.quit();
        }
        if (service != null && service.isAlive()) {
            service.destroy();
            service.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aReaderGoesFromTheHomePageToACaseAndToTheFactSheet() throws Exception {
        // home: what the dataset is, the charts, the latest release; the first Tab reaches the skip link
        open("/", "home");
        assertTrue(text("h1").contains("ArmsTrace"));
        assertEquals(4, browser.findElements(By.cssSelector("svg.chart")).size(), "four charts");
        browser.findElement(By.tagName("body")).sendKeys(Keys.TAB);
        assertEquals("Skip to content", browser.switchTo().activeElement().getText());

        // filter: tick the first case type in the form, as a reader does; the URL holds the filter
        open("/cases", null);
        WebElement box = browser.findElement(By.cssSelector("input[name=case_type]"));
        String caseType = box.getAttribute("value");
        click(box);
        click(browser.findElement(By.xpath("//button[normalize-space()='Apply filters']")));
        waitFor("case_type=" + caseType);
        long expected = apiTotal("/v1/cases?count=true&limit=1&case_type=" + caseType);
        assertEquals(expected + " record" + (expected == 1 ? "" : "s"), text("#results"));
        check("browse-filtered");

        // download these results as CSV: one row per record
        click(browser.findElement(By.linkText("CSV")));
        Path csv = downloaded("armstrace-cases.csv");
        assertEquals(expected, csvRows(csv), "rows of " + csv);

        // search: the matching words are highlighted
        open("/cases", null);
        WebElement q = browser.findElement(By.id("q"));
        q.sendKeys("telegram");
        q.sendKeys(Keys.ENTER);
        waitFor("q=telegram");
        assertFalse(browser.findElements(By.cssSelector(".snippet mark")).isEmpty(), "highlighted snippets");
        check("search");

        // pages: the next page holds other records
        open("/cases?limit=10", null);
        List<String> first = ids();
        click(browser.findElement(By.linkText("Next page")));
        waitFor("cursor=");
        List<String> second = ids();
        assertEquals(10, first.size());
        assertFalse(second.isEmpty());
        assertTrue(second.stream().noneMatch(first::contains), first + " then " + second);

        // a case: its page, with its sources linked
        click(browser.findElement(By.cssSelector("ol.cases h3 a")));
        waitFor("/cases/AT-");
        check("case");
        List<WebElement> sources = browser.findElements(By.cssSelector("li.source > a[href^='http']"));
        assertFalse(sources.isEmpty(), "a source link");
        String id = browser.getCurrentUrl().substring(browser.getCurrentUrl().lastIndexOf('/') + 1);
        JsonNode record = PackagedService.getJson(port, "/v1/cases/" + id);
        assertEquals(
                record.path("sources").get(0).path("url").asText(),
                sources.get(0).getAttribute("href"));

        // the map
        open("/map", "map");
        assertFalse(browser.findElements(By.cssSelector("svg.map circle")).isEmpty(), "points on the map");

        // the fact sheet, printed to PDF by the browser: one or two A4 pages
        String version = PackagedService.getJson(port, "/v1/releases/latest")
                .path("version")
                .asText();
        open("/releases/" + version + "/fact-sheet", "fact-sheet");
        PrintOptions print = new PrintOptions();
        print.setPageSize(new PageSize(29.7, 21.0));
        print.setBackground(true);
        Pdf pdf = browser.print(print);
        byte[] bytes = Base64.getDecoder().decode(pdf.getContent());
        Files.write(OUT.resolve("fact-sheet-printed.pdf"), bytes);
        try (PDDocument document = Loader.loadPDF(bytes)) {
            int pages = document.getNumberOfPages();
            assertTrue(pages >= 1 && pages <= 2, "the fact sheet prints on " + pages + " pages");
        }
    }

    /** Loads a page, checks it with axe-core, and keeps a screenshot if named. */
    private static void open(String path, String screenshot) throws Exception {
        browser.get(base + path);
        if (screenshot != null) {
            check(screenshot);
        }
    }

    /** axe-core on the current page (zero violations), then a screenshot. */
    private static void check(String name) throws Exception {
        JavascriptExecutor js = browser;
        js.executeScript(Files.readString(AXE));
        Object violations = js.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "axe.run(document, {resultTypes: ['violations']})"
                + ".then(r => done(r.violations.map(v => v.id + ' (' + v.impact + '): ' + v.help + ' at '"
                + " + v.nodes.map(n => n.target.join(' ')).slice(0, 5).join(', '))))"
                + ".catch(e => done(['axe failed: ' + e]));");
        File shot = browser.getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), OUT.resolve(name + ".png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertEquals(List.of(), violations, "axe-core on " + browser.getCurrentUrl());
    }

    private static void click(WebElement element) {
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
        element.click();
    }

    private static void waitFor(String inUrl) {
        new WebDriverWait(browser, Duration.ofSeconds(20))
                .until(b -> b.getCurrentUrl().contains(inUrl));
    }

    private static String text(String css) {
        return browser.findElement(By.cssSelector(css)).getText().strip();
    }

    private static List<String> ids() {
        return browser.findElements(By.cssSelector("ol.cases .id")).stream()
                .map(WebElement::getText)
                .toList();
    }

    private static long apiTotal(String path) throws Exception {
        return PackagedService.getJson(port, path).path("total_count").asLong();
    }

    private static Path downloaded(String name) throws InterruptedException {
        Path file = OUT.resolve("downloads").resolve(name);
        Path partial = OUT.resolve("downloads").resolve(name + ".crdownload");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (Files.isRegularFile(file) && !Files.exists(partial)) {
                return file;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the browser did not download " + name);
    }

    /** Records in a CSV export: rows after the header (quoted fields may hold line breaks). */
    private static long csvRows(Path csv) throws Exception {
        CsvMapper mapper = new CsvMapper();
        mapper.enable(CsvParser.Feature.WRAP_AS_ARRAY);
        try (MappingIterator<List<String>> rows =
                mapper.readerForListOf(String.class).readValues(csv.toFile())) {
            List<List<String>> all = rows.readAll();
            assertEquals("id", all.get(0).get(0).replace("\uFEFF", ""));
            return all.size() - 1;
        }
    }
}
