package io.tabelogo.spider.scraper;

import java.text.Normalizer;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Tabelog's URL path for an area as a user typed it ("Shibuya, Tokyo", "渋谷", "osaka"): the most specific known place
 * wins, anything else becomes a URL-safe slug (or {@code tokyo} when nothing safe is left).
 */
final class AreaPaths {

    private static final String TOKYO = "tokyo";
    private static final int MAX_SLUG = 64;

    /**
     * Short romaji names that hide inside other places' names ("kita" in Kitasenju, "ota" in Kotake, "hino" in
     * Shinonome, "minato" in Minatomirai, "chofu" in Denenchofu): these match only as a whole word.
     */
    private static final Set<String> WHOLE_WORDS = Set.of(
            "tokyo",
            "osaka",
            "ueno",
            "ebisu",
            "komaba",
            "chuo",
            "minato",
            "taito",
            "koto",
            "ota",
            "nakano",
            "toshima",
            "kita",
            "edogawa",
            "musashino",
            "fuchu",
            "chofu",
            "hino");

    /** Ward suffixes a whole word may carry fused ("minatoku", "hinoshi", "tokyoto", "osakafu"). */
    private static final List<String> SUFFIXES = List.of("ku", "shi", "to", "fu");

    /**
     * Most specific first, since the first match wins: neighbourhoods, then Osaka (its Kita, Chuo and Minato wards
     * share Tokyo's names), then Tokyo's wards and cities, then Tokyo itself. Japanese names that also occur inside
     * other names keep their 区/市 (北区, 国立市), and the traps found so far come before their victims (上野毛
     * before 上野, 北千住 and 田園調布 before the wards).
     */
    private static final List<Place> PLACES = Stream.of(
                    place("tokyo/A1307", "roppongi", "六本木"),
                    place("tokyo/A1302", "ginza", "銀座"),
                    place("tokyo/A1318", "上野毛"),
                    place("tokyo/A1311", "asakusa", "ueno", "浅草", "上野"),
                    place("tokyo/A1321", "ikebukuro", "池袋"),
                    place("tokyo/A1303", "ebisu", "harajuku", "daikanyama", "恵比寿", "原宿", "代官山"),
                    place("tokyo/A1301", "akihabara", "秋葉原"),
                    place("tokyo/A1316", "nakameguro", "jiyugaoka", "komaba", "中目黒", "自由が丘", "駒場"),
                    place("tokyo/A1318", "shimokitazawa", "下北沢"),
                    place("tokyo/A1331", "kichijoji", "吉祥寺"),
                    place("tokyo/A1320", "koenji", "高円寺"),
                    place("tokyo/A1326", "kitasenju", "北千住"),
                    place("tokyo/A1317", "田園調布"),
                    place("osaka", "osaka", "大阪"),
                    place("tokyo/A1301", "chiyoda", "千代田"),
                    place("tokyo/A1302", "chuo", "中央区"),
                    place("tokyo/A1303", "shibuya", "渋谷"),
                    place("tokyo/A1304", "shinjuku", "新宿"),
                    place("tokyo/A1307", "minato", "港区"),
                    place("tokyo/A1310", "bunkyo", "文京"),
                    place("tokyo/A1311", "taito", "台東"),
                    place("tokyo/A1312", "sumida", "墨田"),
                    place("tokyo/A1313", "koto", "江東区"),
                    place("tokyo/A1314", "shinagawa", "品川"),
                    place("tokyo/A1316", "meguro", "目黒"),
                    place("tokyo/A1317", "ota", "大田区"),
                    place("tokyo/A1318", "setagaya", "世田谷"),
                    place("tokyo/A1319", "nakano", "中野"),
                    place("tokyo/A1320", "suginami", "杉並"),
                    place("tokyo/A1321", "toshima", "豊島"),
                    place("tokyo/A1322", "kita", "北区"),
                    place("tokyo/A1323", "arakawa", "荒川区"),
                    place("tokyo/A1324", "itabashi", "板橋"),
                    place("tokyo/A1325", "nerima", "練馬"),
                    place("tokyo/A1326", "adachi", "足立"),
                    place("tokyo/A1327", "katsushika", "葛飾"),
                    place("tokyo/A1328", "edogawa", "江戸川区"),
                    place("tokyo/A1329", "hachioji", "八王子"),
                    place("tokyo/A1330", "tachikawa", "立川"),
                    place("tokyo/A1331", "musashino", "武蔵野"),
                    place("tokyo/A1332", "mitaka", "三鷹"),
                    place("tokyo/A1333", "fuchu", "府中市"),
                    place("tokyo/A1334", "chofu", "調布"),
                    place("tokyo/A1335", "machida", "町田"),
                    place("tokyo/A1336", "koganei", "小金井"),
                    place("tokyo/A1337", "kodaira", "小平市"),
                    place("tokyo/A1338", "hino", "日野市"),
                    place("tokyo/A1339", "higashimurayama", "東村山"),
                    place("tokyo/A1340", "kokubunji", "国分寺"),
                    place("tokyo/A1341", "kunitachi", "国立市"),
                    place(TOKYO, "tokyo", "東京"))
            .flatMap(List::stream)
            .toList();

    private AreaPaths() {}

    /** The path segment(s) between Tabelog's base URL and {@code /rstLst/}; only {@code [a-z0-9/-]} characters. */
    static String of(String area) {
        if (area == null || area.isBlank()) {
            return TOKYO;
        }
        Mention mention = Mention.of(area);
        for (Place place : PLACES) {
            if (mention.names(place.name())) {
                return place.path();
            }
        }
        return slug(mention.latin());
    }

    /** It goes into a URL path: only lower-case letters, digits and single inner dashes survive. */
    private static String slug(String latin) {
        String slug = latin.replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (slug.length() > MAX_SLUG) {
            slug = slug.substring(0, MAX_SLUG).replaceAll("-+$", "");
        }
        return slug.isEmpty() ? TOKYO : slug;
    }

    private static List<Place> place(String path, String... names) {
        return Stream.of(names).map(name -> new Place(name, path)).toList();
    }

    private record Place(String name, String path) {}

    /** The typed area in the forms the names are matched against. */
    private record Mention(String text, String latin, String letters, Set<String> words) {

        static Mention of(String area) {
            // NFKC folds full-width letters and digits; stripping the marks turns "Tōkyō" and "Jiyūgaoka" into ASCII
            String text = Normalizer.normalize(area, Normalizer.Form.NFKC)
                    .toLowerCase(Locale.ROOT)
                    .strip();
            String latin = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
            Set<String> words = new HashSet<>();
            for (String word : latin.split("[^a-z]+")) {
                words.add(word);
                for (String suffix : SUFFIXES) {
                    if (word.length() > suffix.length() + 2 && word.endsWith(suffix)) {
                        words.add(word.substring(0, word.length() - suffix.length()));
                    }
                }
            }
            return new Mention(text, latin, latin.replaceAll("[^a-z]+", ""), words);
        }

        boolean names(String name) {
            if (!name.chars().allMatch(c -> c < 128)) {
                return text.contains(name);
            }
            // long romaji names are distinctive enough to be found anywhere, also across "Shimo-Kitazawa"'s dash
            return WHOLE_WORDS.contains(name) ? words.contains(name) : letters.contains(name);
        }
    }
}
