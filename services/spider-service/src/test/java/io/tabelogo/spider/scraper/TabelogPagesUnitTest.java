package io.tabelogo.spider.scraper;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Tabelog's pages as the scraper reads them, from the hand-written fixtures that follow Tabelog's markup. */
class TabelogPagesUnitTest {

    private static final String BASE = "http://127.0.0.1:5555";
    private static final URI BASE_URI = URI.create(BASE);
    private static final String SEARCH_URL = BASE + "/tokyo/A1303/rstLst/?sk=ramen&sw=ramen&vs=1";
    private static final String LINK = BASE + "/tokyo/A1303/A130301/13001001/";
    private static final String RELATIVE_21ST = BASE + "/tokyo/A1303/A130302/13009999/";

    @Test
    void theFirstMaxResultsAreTakenInPageOrder() {
        List<String> links = TabelogPages.resultLinks(fixture("search-ramen.html"), SEARCH_URL, BASE_URI, 5);

        assertThat(links).containsExactlyElementsOf(restaurants(1, 5));
    }

    @Test
    void twentyResultsAreAbsoluteNormalisedAndEachOnlyOnce() {
        List<String> links = TabelogPages.resultLinks(fixture("search-ramen.html"), SEARCH_URL, BASE_URI, 20);

        // the duplicate of 13001002 and the foreign PR link do not count towards the 20
        assertThat(links)
                .containsExactlyElementsOf(restaurants(1, 20))
                .contains(BASE + "/tokyo/A1303/A130301/13001007/") // its "?lid=" query dropped
                .contains(BASE + "/tokyo/A1303/A130301/13001012/"); // its missing "/" added
    }

    @Test
    void theRelativeLinkIsResolvedAgainstThePageWhenMaxAllowsIt() {
        List<String> links = TabelogPages.resultLinks(fixture("search-ramen.html"), SEARCH_URL, BASE_URI, 21);

        assertThat(links).hasSize(21).endsWith(RELATIVE_21ST);
        assertThat(TabelogPages.resultLinks(fixture("search-ramen.html"), SEARCH_URL, BASE_URI, 100))
                .isEqualTo(links);
    }

    @Test
    void linksToAnotherHostAreNeverFollowed() {
        List<String> links = TabelogPages.resultLinks(fixture("search-ramen.html"), SEARCH_URL, BASE_URI, 100);

        assertThat(links).noneMatch(link -> link.contains("example.com")).allMatch(link -> link.startsWith(BASE + "/"));
        assertThat(TabelogPages.resultLinks(
                        fixture("search-ramen.html"), SEARCH_URL, URI.create("http://127.0.0.1:6666"), 100))
                .as("the same host on another port is another site")
                .isEmpty();
    }

    @Test
    void onlyHttpLinksOnTheBasesHostAndPortCount() {
        String html = results(
                "javascript:alert(1)",
                "mailto:shop@example.com",
                "ftp://127.0.0.1:5555/tokyo/A1303/A130301/13000001/",
                "http://127.0.0.1:6666/tokyo/A1303/A130301/13000002/",
                "http://evil.example@example.com/tokyo/A1303/A130301/13000003/",
                "//example.com/tokyo/A1303/A130301/13000004/",
                "",
                "#",
                "http://user@127.0.0.1:5555/tokyo/A1303/A130301/13000005/#photos",
                "HTTP://127.0.0.1:5555/tokyo/A1303/A130301/13000006/?a=1",
                "tokyo/A1303/A130301/13000007/");

        assertThat(TabelogPages.resultLinks(html, SEARCH_URL, BASE_URI, 100))
                .containsExactly(
                        BASE + "/tokyo/A1303/A130301/13000005/",
                        BASE + "/tokyo/A1303/A130301/13000006/",
                        BASE + "/tokyo/A1303/rstLst/tokyo/A1303/A130301/13000007/");
    }

    @Test
    void theDefaultPortOfTheSchemeIsTheSamePort() {
        String html = results("https://tabelog.com:443/tokyo/A1303/A130301/13000001/", "http://tabelog.com/x/");

        assertThat(TabelogPages.resultLinks(
                        html, "https://tabelog.com/tokyo/rstLst/", URI.create("https://tabelog.com"), 10))
                .containsExactly("https://tabelog.com/tokyo/A1303/A130301/13000001/");
    }

    @Test
    void anEmptySearchHasNoLinks() {
        assertThat(TabelogPages.resultLinks(fixture("search-empty.html"), SEARCH_URL, BASE_URI, 20))
                .isEmpty();
    }

    @Test
    void noMaxMeansNoLinks() {
        assertThat(TabelogPages.resultLinks(fixture("search-ramen.html"), SEARCH_URL, BASE_URI, 0))
                .isEmpty();
    }

    @Test
    void aFullDetailPageGivesEveryField() {
        TabelogRestaurant restaurant =
                TabelogPages.restaurant(fixture("detail-full.html"), LINK).orElseThrow();

        assertThat(restaurant)
                .isEqualTo(new TabelogRestaurant(
                        LINK, "麺屋 道玄坂", 3.58, 1234, 12345, "03-1234-5678", List.of("ラーメン", "つけ麺"), List.of()));
    }

    @Test
    void aPartialDetailPageLeavesTheMissingFieldsEmpty() {
        TabelogRestaurant restaurant =
                TabelogPages.restaurant(fixture("detail-partial.html"), LINK).orElseThrow();

        assertThat(restaurant)
                .isEqualTo(new TabelogRestaurant(LINK, "つけ麺 桜丘", 3.05, null, null, null, List.of(), List.of()));
    }

    @Test
    void dashesMeanNothingAndTextsAreTrimmed() {
        TabelogRestaurant restaurant =
                TabelogPages.restaurant(fixture("detail-odd.html"), LINK).orElseThrow();

        assertThat(restaurant)
                .isEqualTo(new TabelogRestaurant(
                        LINK, "中華そば\u3000宇田川", null, null, 1234, "03-9876-5432", List.of("ラーメン"), List.of()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"detail-empty.html", "error.html", "search-ramen.html"})
    void aPageWithoutANameIsNoRestaurant(String fixture) {
        assertThat(TabelogPages.restaurant(fixture(fixture), LINK)).isEmpty();
    }

    @Test
    void aBlankNameIsNoName() {
        String html = "<div id=\"container\"><h2 class=\"display-name\"><span> \u00a0 </span></h2>"
                + "<div class=\"rdheader-rating__score\"><b class=\"c-rating__val\">3.50</b></div></div>";

        assertThat(TabelogPages.restaurant(html, LINK)).isEmpty();
    }

    @Test
    void aScoreOutsideTabelogsScaleIsNoRatingAndADashIsNoPhone() {
        String html = "<h2 class=\"display-name\"><span>鮨 さいとう</span></h2>"
                + "<div class=\"rdheader-rating__score\"><b class=\"c-rating__val\">7.5</b></div>"
                + "<strong class=\"rstinfo-table__tel-num\"> - </strong>";

        TabelogRestaurant restaurant = TabelogPages.restaurant(html, LINK).orElseThrow();

        assertThat(restaurant.rating()).isNull();
        assertThat(restaurant.phone()).isNull();
    }

    @Test
    void photosAreTheAbsoluteImageSourcesEachOnce() {
        List<String> photos = TabelogPages.photos(fixture("photos.html"), LINK + "dtlphotolst/");

        assertThat(photos)
                .containsExactly(
                        "https://tblg.k-img.com/restaurant/images/Rvw/201001/640x640_rect_201001a.jpg",
                        "https://tblg.k-img.com/restaurant/images/Rvw/201002/640x640_rect_201002b.jpg",
                        "https://tblg.k-img.com/restaurant/images/Rvw/201003/640x640_rect_201003c.jpg",
                        "https://tblg.k-img.com/restaurant/images/Rvw/201004/640x640_rect_201004d.jpg");
    }

    @Test
    void placeholderImagesAreSkippedAndRelativeSourcesResolved() {
        String html = "<ul class=\"rstdtl-photo-list\">"
                + "<li><img class=\"rstdtl-photo-list__img\" src=\"data:image/gif;base64,R0lGODlhAQABAAAAACw=\"></li>"
                + "<li><img class=\"rstdtl-photo-list__img\" src=\"  \"></li>"
                + "<li><img class=\"rstdtl-photo-list__img\"></li>"
                + "<li><img class=\"rstdtl-photo-list__img\" src=\"/images/1.jpg\"></li></ul>";

        assertThat(TabelogPages.photos(html, LINK + "dtlphotolst/")).containsExactly(BASE + "/images/1.jpg");
    }

    @Test
    void aPageWithoutPhotosHasNone() {
        assertThat(TabelogPages.photos(fixture("detail-full.html"), LINK)).isEmpty();
    }

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource(nullValues = "null", textBlock = """
            '1,234',        1234
            '12,345',       12345
            '1,234,567',    1234567
            0,              0
            ' 42 ',         42
            '１，２３４',     1234
            '1，234',        1234
            2147483647,     2147483647
            2147483648,     null
            99999999999,    null
            '-',            null
            '',             null
            '   ',          null
            null,           null
            abc,            null
            '12件',          null
            -5,             null
            +5,             null
            1.5,            null
            """)
    void countsReadThousandsSeparatorsAndNothingElse(String text, Integer count) {
        assertThat(TabelogPages.count(text)).isEqualTo(count);
    }

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource(nullValues = "null", textBlock = """
            3.58,       3.58
            ' 3.1 ',    3.1
            0,          0.0
            5.00,       5.0
            '３．５８',   3.58
            '-',        null
            '',         null
            null,       null
            7.5,        null
            5.01,       null
            -1,         null
            abc,        null
            NaN,        null
            Infinity,   null
            1e0,        null
            3.5.1,      null
            """)
    void ratingsAreTabelogScoresFromZeroToFive(String text, Double rating) {
        assertThat(TabelogPages.rating(text)).isEqualTo(rating);
    }

    private static List<String> restaurants(int from, int to) {
        return IntStream.rangeClosed(from, to)
                .mapToObj(i -> BASE + "/tokyo/A1303/A130301/" + (13001000 + i) + "/")
                .toList();
    }

    private static String results(String... hrefs) {
        StringBuilder html = new StringBuilder("<div id=\"container\"><div class=\"js-rstlist-info rstlist-info\">");
        for (String href : hrefs) {
            html.append(
                            "<div class=\"list-rst\"><h3 class=\"list-rst__rst-name\"><a class=\"list-rst__rst-name-target\"")
                    .append(" href=\"")
                    .append(href)
                    .append("\">店</a></h3></div>");
        }
        return html.append("</div></div>").toString();
    }

    private static String fixture(String name) {
        try (InputStream in = TabelogPagesUnitTest.class.getResourceAsStream("/tabelog/" + name)) {
            assertThat(in).as("fixture tabelog/" + name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("{{base}}", BASE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
