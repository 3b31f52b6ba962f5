package io.tabelogo.spider.offline;

import io.tabelogo.platform.security.AuthorizationRules;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * A stand-in for Tabelog when there is no internet ({@code ./tabelogo up --offline}, {@code TABELOGO_OFFLINE=true}):
 * pages in Tabelog's markup under {@code /offline-tabelog} on this service's own port, which the scraper is then
 * pointed at, so the whole flow — jobs, rate limit, breaker, parser, events — runs for real. A search lists five
 * restaurants, the first named exactly as searched (so restaurant-service finds its match), with ratings that
 * depend only on the name. Never active unless switched on.
 */
@RestController
@ConditionalOnBooleanProperty("tabelogo.spider.tabelog.offline")
class OfflineTabelog {

    static final String PATH = "/offline-tabelog";
    private static final String[] SUFFIXES = {"", " 本店", " 別館", " 駅前店", " はなれ"};

    // Detail pages are asked for after the search that listed them: remember the names it gave out.
    private final Map<String, String> names = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > 10_000;
        }
    });

    @GetMapping(
            path = {PATH + "/{area}/rstLst/", PATH + "/{area}/{district}/rstLst/"},
            produces = MediaType.TEXT_HTML_VALUE)
    String search(@RequestParam("sk") String name) {
        StringBuilder list = new StringBuilder();
        for (int i = 0; i < SUFFIXES.length; i++) {
            String restaurant = name + SUFFIXES[i];
            String id = Integer.toString(13_000_000 + Math.floorMod((name + i).hashCode(), 1_000_000));
            names.put(id, restaurant);
            list.append("""
                    <div class="list-rst"><h3 class="list-rst__rst-name">
                      <a class="list-rst__rst-name-target" href="%s/tokyo/A1303/A130301/%s/">%s</a>
                    </h3></div>
                    """.formatted(PATH, id, HtmlUtils.htmlEscape(restaurant)));
        }
        return page("<div id=\"container\">" + list + "</div>");
    }

    @GetMapping(path = PATH + "/{area}/{district}/{town}/{id}/", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> restaurant(@PathVariable String id) {
        String name = names.get(id);
        if (name == null) {
            return ResponseEntity.notFound().build();
        }
        int seed = Math.floorMod(name.hashCode(), 1000);
        return ResponseEntity.ok(page(String.format(
                Locale.ROOT,
                """
                <div id="container">
                  <h2 class="display-name"><span>%s</span></h2>
                  <div class="rdheader-rating__score"><b class="c-rating__val">%s</b></div>
                  <div class="rdheader-rating__review-target"><em class="num">%,d</em></div>
                  <div class="rdheader-rating__hozon-target"><em class="num">%,d</em></div>
                  <dl class="rdheader-subinfo__item">
                    <dt class="rdheader-subinfo__item-title">ジャンル：</dt>
                    <dd><span class="linktree__parent-target-text">ラーメン</span></dd>
                  </dl>
                  <table><tr><td><strong class="rstinfo-table__tel-num">03-%04d-%04d</strong></td></tr></table>
                </div>
                """,
                HtmlUtils.htmlEscape(name),
                rating(seed),
                100 + seed * 3,
                1000 + seed * 17,
                seed,
                seed)));
    }

    @GetMapping(path = PATH + "/{area}/{district}/{town}/{id}/dtlphotolst/", produces = MediaType.TEXT_HTML_VALUE)
    String photos(@PathVariable String id) {
        return page("""
                <ul><li class="rstdtl-photo-list__item"><img class="rstdtl-photo-list__img" src="%s/photos/%s-1.jpg"></li>
                <li class="rstdtl-photo-list__item"><img class="rstdtl-photo-list__img" src="%s/photos/%s-2.jpg"></li></ul>
                """.formatted(PATH, id, PATH, id));
    }

    private static String rating(int seed) {
        return String.format(Locale.ROOT, "%.2f", 3.0 + seed / 1000.0 * 1.5);
    }

    private static String page(String body) {
        return "<!doctype html><html lang=\"ja\"><head><meta charset=\"utf-8\"><title>食べログ (offline)</title></head><body>"
                + body + "</body></html>";
    }

    /** The pages are public, like Tabelog's. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty("tabelogo.spider.tabelog.offline")
    static class Access {

        @Bean
        AuthorizationRules offlineTabelogIsPublic() {
            return requests -> requests.requestMatchers(PATH + "/**").permitAll();
        }
    }
}
