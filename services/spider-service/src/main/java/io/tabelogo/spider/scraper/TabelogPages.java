package io.tabelogo.spider.scraper;

import java.net.URI;
import java.net.URISyntaxException;
import java.text.Normalizer;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Reads Tabelog's HTML: the result links of a search page, a restaurant's detail page and its photo list. Pure
 * parsing; fetching the pages is someone else's job.
 */
final class TabelogPages {

    private static final Pattern DECIMAL = Pattern.compile("\\d+(\\.\\d+)?");
    private static final Pattern DIGITS = Pattern.compile("\\d+");
    private static final String GENRE_TITLE = "ジャンル";

    private TabelogPages() {}

    /**
     * The restaurants a search page links to, absolute, ending with {@code /}, without query or fragment, in page
     * order, each once, at most {@code max}. Links to any other host or port than {@code base}'s are dropped: a page
     * must never steer the scraper elsewhere.
     */
    static List<String> resultLinks(String html, String pageUrl, URI base, int max) {
        Set<String> links = new LinkedHashSet<>();
        for (Element anchor : Jsoup.parse(html, pageUrl).select("a.list-rst__rst-name-target")) {
            if (links.size() >= max) {
                break;
            }
            String href = anchor.attr("href").strip();
            if (!href.isEmpty() && !href.startsWith("#")) { // else it resolves to the search page itself
                onSite(anchor.absUrl("href"), base).ifPresent(links::add);
            }
        }
        return List.copyOf(links);
    }

    /** The restaurant on a detail page, or empty when the page names none (a nameless result is useless). */
    static Optional<TabelogRestaurant> restaurant(String html, String link) {
        Document page = Jsoup.parse(html, link);
        String name = text(page, "h2.display-name");
        if (name == null) {
            return Optional.empty();
        }
        String phone = text(page, ".rstinfo-table__tel-num");
        return Optional.of(new TabelogRestaurant(
                link,
                name,
                rating(text(page, ".rdheader-rating__score b.c-rating__val")),
                count(text(page, ".rdheader-rating__review-target .num")),
                count(text(page, ".rdheader-rating__hozon-target .num")),
                "-".equals(phone) ? null : phone,
                genres(page),
                List.of()));
    }

    /** The absolute photo URLs of a photo list page, each once; placeholders ({@code data:}, blank) are skipped. */
    static List<String> photos(String html, String pageUrl) {
        Set<String> photos = new LinkedHashSet<>();
        for (Element image : Jsoup.parse(html, pageUrl).select(".rstdtl-photo-list__img")) {
            String src = image.attr("src").strip();
            String absolute = image.absUrl("src");
            if (!src.isEmpty() && !src.regionMatches(true, 0, "data:", 0, 5) && !absolute.isEmpty()) {
                photos.add(absolute);
            }
        }
        return List.copyOf(photos);
    }

    /** A Tabelog score (0.00 to 5.00), or null when the page shows none ("-") or something else. */
    static Double rating(String text) {
        String number = number(text);
        if (number == null || !DECIMAL.matcher(number).matches()) {
            return null;
        }
        double rating = Double.parseDouble(number);
        return rating <= 5 ? rating : null;
    }

    /** A count such as "1,234" (review or bookmark numbers), or null when the page shows none or nonsense. */
    static Integer count(String text) {
        String number = number(text);
        if (number == null || !DIGITS.matcher(number).matches()) {
            return null;
        }
        try {
            return Integer.valueOf(number);
        } catch (NumberFormatException tooLarge) {
            return null;
        }
    }

    /** The text without thousands separators, full-width digits folded (NFKC); null for Tabelog's "-" or nothing. */
    private static String number(String text) {
        if (text == null) {
            return null;
        }
        String number = Normalizer.normalize(text, Normalizer.Form.NFKC).strip().replace(",", "");
        return number.isEmpty() || number.equals("-") ? null : number;
    }

    /** Only the header item titled ジャンル： holds genres; its siblings (station, budget) use the same markup. */
    private static List<String> genres(Document page) {
        Set<String> genres = new LinkedHashSet<>();
        for (Element item : page.select(".rdheader-subinfo__item")) {
            String title = text(item, ".rdheader-subinfo__item-title");
            if (title != null && title.replaceAll("[：:]$", "").strip().equals(GENRE_TITLE)) {
                for (Element genre : item.select(".linktree__parent-target-text")) {
                    String text = genre.text().strip();
                    if (!text.isEmpty()) {
                        genres.add(text);
                    }
                }
            }
        }
        return List.copyOf(genres);
    }

    /** The trimmed text of the first match, or null when there is none or it is blank. */
    private static String text(Element root, String selector) {
        Element element = root.selectFirst(selector);
        if (element == null) {
            return null;
        }
        String text = element.text().replace('\u00a0', ' ').strip();
        return text.isEmpty() ? null : text;
    }

    /** The link as {@code scheme://host[:port]/path/} when it is http(s) on base's host and port, else empty. */
    private static Optional<String> onSite(String href, URI base) {
        if (href.isEmpty()) {
            return Optional.empty();
        }
        URI link;
        try {
            link = new URI(href).normalize();
        } catch (URISyntaxException broken) {
            return Optional.empty();
        }
        String scheme = link.getScheme() == null ? "" : link.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https"))
                || link.getHost() == null
                || !link.getHost().equalsIgnoreCase(base.getHost())
                || port(scheme, link.getPort()) != port(base.getScheme(), base.getPort())) {
            return Optional.empty();
        }
        String path = link.getRawPath() == null || link.getRawPath().isEmpty() ? "/" : link.getRawPath();
        if (path.contains("/../") || path.endsWith("/..")) {
            return Optional.empty(); // ".." left over after normalising climbs above the root
        }
        String host = link.getHost().toLowerCase(Locale.ROOT);
        String port = link.getPort() == -1 || link.getPort() == port(scheme, -1) ? "" : ":" + link.getPort();
        return Optional.of(scheme + "://" + host + port + path + (path.endsWith("/") ? "" : "/"));
    }

    private static int port(String scheme, int port) {
        if (port != -1) {
            return port;
        }
        return "https".equalsIgnoreCase(scheme) ? 443 : 80;
    }
}
