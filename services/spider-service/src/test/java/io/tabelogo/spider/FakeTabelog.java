package io.tabelogo.spider;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * A fake Tabelog for tests: a real local HTTP server answering search, detail and photo pages from the
 * {@code tabelog/*.html} fixtures, with faults and delays a test can switch on while it serves, and a record of what
 * it was asked.
 */
public final class FakeTabelog implements AutoCloseable {

    private static final Pattern SEARCH = Pattern.compile("/[a-z0-9-]+(/A\\d{4}){0,2}/rstLst/");
    private static final Pattern DETAIL = Pattern.compile("/[a-z]+/A\\d{4}/A\\d{6}/(\\d{8})/");
    private static final Pattern PHOTOS = Pattern.compile("/[a-z]+/A\\d{4}/A\\d{6}/(\\d{8})/dtlphotolst/");
    private static final String GONE = "404";
    private static final Map<String, String> FIXTURES = new ConcurrentHashMap<>();

    private final MockWebServer server = new MockWebServer();
    private final String base;
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final List<Instant> times = new CopyOnWriteArrayList<>();
    private final Set<String> noResults = ConcurrentHashMap.newKeySet();
    private final Map<String, String> detailPages = new ConcurrentHashMap<>();
    private final AtomicReference<Failing> failing = new AtomicReference<>(Failing.NONE);
    private volatile Duration delay = Duration.ZERO;

    /** Faults still to serve: {@code left} more answers (or every one when {@code always}) with {@code status}. */
    private record Failing(boolean always, int left, int status) {
        static final Failing NONE = new Failing(false, 0, 0);

        Failing next() {
            if (always) {
                return this;
            }
            return left > 1 ? new Failing(false, left - 1, status) : NONE;
        }

        boolean active() {
            return always || left > 0;
        }
    }

    private FakeTabelog() {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                times.add(Instant.now());
                requests.add(request);
                return answer(request);
            }
        });
        try {
            server.start(InetAddress.getByName("127.0.0.1"), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        base = "http://127.0.0.1:" + server.getPort();
    }

    public static FakeTabelog start() {
        return new FakeTabelog();
    }

    /** Like {@code https://tabelog.com}: no trailing slash. */
    public URI baseUrl() {
        return URI.create(base);
    }

    /** The name every served detail page shows for the restaurant with this id ("らーめん 13001001"). */
    public static String nameOf(String restaurantId) {
        return "らーめん " + restaurantId;
    }

    /** Searches whose {@code sk} is this name find nothing (search-empty.html). */
    public FakeTabelog noResultsFor(String name) {
        noResults.add(name);
        return this;
    }

    /** Serve this fixture (e.g. "detail-partial.html") instead of detail-full.html for one restaurant id. */
    public FakeTabelog detailPage(String restaurantId, String fixture) {
        detailPages.put(restaurantId, fixture);
        return this;
    }

    /** Answer 404 for one restaurant id, as Tabelog does for a page that was removed. */
    public FakeTabelog gone(String restaurantId) {
        return detailPage(restaurantId, GONE);
    }

    /** Every answer from now on is this status with error.html, until {@link #heal()}. */
    public void failAll(int status) {
        failing.set(new Failing(true, 0, status));
    }

    /** The next {@code count} answers are this status with error.html. */
    public void failNext(int count, int status) {
        failing.set(new Failing(false, count, status));
    }

    /** Every answer's headers come this late. */
    public void delay(Duration delay) {
        this.delay = Objects.requireNonNull(delay);
    }

    /** Back to a healthy Tabelog: no faults, no delay, no per-id pages, no empty searches. Counts stay. */
    public void heal() {
        failing.set(Failing.NONE);
        delay = Duration.ZERO;
        detailPages.clear();
        noResults.clear();
    }

    public void resetCounts() {
        requests.clear();
        times.clear();
    }

    public int requestCount() {
        return requests.size();
    }

    public int searchRequests(String sk) {
        return (int) requests.stream()
                .filter(request ->
                        SEARCH.matcher(request.getUrl().encodedPath()).matches()
                                && sk.equals(request.getUrl().queryParameter("sk")))
                .count();
    }

    public int requestsTo(String pathPrefix) {
        return (int) requests.stream()
                .filter(request -> request.getUrl().encodedPath().startsWith(pathPrefix))
                .count();
    }

    public List<String> userAgents() {
        return requests.stream()
                .map(request -> request.getHeaders().get("User-Agent"))
                .toList();
    }

    /** When each request arrived, in order: to measure the scraper's spacing. */
    public List<Instant> requestTimes() {
        return List.copyOf(times);
    }

    @Override
    public void close() {
        server.close();
    }

    private MockResponse answer(RecordedRequest request) {
        Failing fault = failing.getAndUpdate(f -> f.active() ? f.next() : f);
        if (fault.active()) {
            return html(fault.status(), fixture("error.html"));
        }
        String path = request.getUrl().encodedPath();
        if (!"GET".equals(request.getMethod())) {
            return html(404, fixture("error.html"));
        }
        if (SEARCH.matcher(path).matches() && isSearch(request)) {
            String sk = request.getUrl().queryParameter("sk");
            return html(200, fixture(noResults.contains(sk) ? "search-empty.html" : "search-ramen.html"));
        }
        Matcher detail = DETAIL.matcher(path);
        if (detail.matches()) {
            String id = detail.group(1);
            if (GONE.equals(detailPages.get(id))) {
                return html(404, fixture("error.html"));
            }
            return html(200, named(fixture(detailPages.getOrDefault(id, "detail-full.html")), id));
        }
        if (PHOTOS.matcher(path).matches()) {
            return html(200, fixture("photos.html"));
        }
        return html(404, fixture("error.html"));
    }

    /** Tabelog's keyword search as the scraper builds it: {@code sk} and {@code sw} the same name, {@code vs=1}. */
    private static boolean isSearch(RecordedRequest request) {
        String sk = request.getUrl().queryParameter("sk");
        return sk != null
                && sk.equals(request.getUrl().queryParameter("sw"))
                && "1".equals(request.getUrl().queryParameter("vs"));
    }

    /** Every restaurant gets its own name, so results from different ids are told apart. */
    private static String named(String html, String id) {
        Document page = Jsoup.parse(html);
        Element name = page.selectFirst("h2.display-name");
        if (name == null) {
            return html;
        }
        name.text(nameOf(id));
        return page.outerHtml();
    }

    private MockResponse html(int status, String body) {
        return new MockResponse.Builder()
                .code(status)
                .headersDelay(delay.toMillis(), TimeUnit.MILLISECONDS)
                .addHeader("Content-Type", "text/html; charset=UTF-8")
                .body(body)
                .build();
    }

    private String fixture(String name) {
        String html = FIXTURES.computeIfAbsent(name, FakeTabelog::load);
        return html.replace("{{base}}", base);
    }

    private static String load(String name) {
        try (InputStream in = FakeTabelog.class.getResourceAsStream("/tabelog/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture tabelog/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
